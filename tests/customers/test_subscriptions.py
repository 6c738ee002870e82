"""A subscription billing export (Chargebee's subscriptions: ``status`` active / in_trial /
non_renewing / cancelled, Unix-second dates) as the churn label it is (judge19, on 414 of Complete
Journey's households written as subscribers, ``tests/data/chargebee_subscriptions.csv``)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.customers import churn
from crm_core.customers.labels import parse_labels
from crm_core.load.reader import load_file
from tests.conftest import DATA


def test_billing_statuses_read_as_churned_or_stayed():
    status = pd.Series(["active", "in_trial", "non_renewing", "cancelled", "Trialing", "past_due",
                        "canceled", "expired", "future"])
    assert parse_labels(status, "status").tolist() == [0, 0, 1, 1, 0, 0, 1, 1, 0]


def test_a_subscriptions_status_is_a_churn_label(con):
    table = load_file(con, DATA / "chargebee_subscriptions.csv")[0].table
    scored = churn.run(con, table, roles={"label": "status"})
    source = pd.read_csv(DATA / "chargebee_subscriptions.csv")
    leaving = source["status"].isin(["cancelled", "non_renewing"])
    assert len(scored.scores) == len(source)
    labels = scored.scores.set_index("customer_id")["label"]
    truth = source.set_index("customer_id")["status"].isin(["cancelled", "non_renewing"])
    assert (labels.eq("churned") == truth.reindex(labels.index)).all()
    assert labels.eq("churned").sum() == int(leaving.sum()) == 99
    assert scored.metrics["roc_auc"] > 0.6


@pytest.mark.parametrize(("column", "kept", "note_key", "en", "zh"), [
    ("cancelled_at", "left_out_outcome", "label_outcome", "is filled on 37 rows", "它只在 37 行有值"),
    # judge19: 0 once cancelled, the top reason ("mrr only 0 (typical 39)")
    ("mrr", "left_out_zeroed", "label_zeroed", "is 0 on 37 rows", "它有 37 行取值为 0")])
def test_the_leaving_recorded_is_no_reason_for_churn(con, column, kept, note_key, en, zh):
    """``cancelled_at`` is filled for the 37 cancelled and blank for all 315 who stayed; ``mrr`` is 0
    for the 37 cancelled and positive for all who stayed: the leaving recorded, left out of the
    models with a note in both languages."""
    table = load_file(con, DATA / "chargebee_subscriptions.csv")[0].table
    scored = churn.run(con, table, roles={"label": "status"})
    assert scored.metrics[kept] == {column: 37}
    assert column not in {d["feature"] for d in scored.metrics["drivers"]}
    assert not scored.scores["reasons"].str.contains(column).any()
    note = next(n for n in scored.notes if n.key == f"customers.note.{note_key}")
    assert str(note).startswith(f"'{column}' was left out of the models: it {en}")
    assert note.text("zh").startswith(f"“{column}”未用于建模：{zh}")


def test_a_patreon_members_status_is_a_churn_label(con):
    """Patreon's members export (judge57, ``patreon_members_excerpt.csv``): ``Patron Status`` Active /
    Declined / Former patron was refused as "not yes/no". A former patron has left; a declined one's
    pledge stands while Patreon retries the card (Chargebee's past_due), so they are still members."""
    statuses = pd.Series(["Active patron", "Declined patron", "Former patron"])
    assert parse_labels(statuses, "Patron Status").tolist() == [0, 0, 1]
    table = load_file(con, DATA / "patreon_members_excerpt.csv")[0].table
    scored = churn.run(con, table, roles={"label": "Patron Status"})
    source = pd.read_csv(DATA / "patreon_members_excerpt.csv")
    labels = scored.scores.set_index("customer_id")["label"]
    assert len(labels) == len(source)
    assert labels.eq("churned").sum() == source["Patron Status"].eq("Former patron").sum() == 16


def test_a_column_blank_for_every_leaver_is_the_leaving_recorded(con):
    """Patreon's ``Next Charge Date`` is cleared when a patron leaves: blank on all 16 former patrons and
    filled for every member, it scored churn at ROC AUC 1.0 (left58). Left out of the models with a note in
    both languages, as a column filled for leavers alone is."""
    table = load_file(con, DATA / "patreon_members_excerpt.csv")[0].table
    scored = churn.run(con, table, roles={"label": "Patron Status"})
    assert scored.metrics["left_out_blanked"] == {"Next Charge Date": 16}
    assert not scored.scores["reasons"].str.contains("Next Charge Date").any()
    assert scored.metrics["roc_auc"] < 0.99
    note = next(n for n in scored.notes if n.key == "customers.note.label_blanked")
    assert str(note).startswith("'Next Charge Date' was left out of the models: it is blank on the 16 ")
    assert note.text("zh").startswith("“Next Charge Date”未用于建模：")
