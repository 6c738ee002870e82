"""Spend and churn must not depend on how customer ids are spelled or rows ordered: the snapshot
came back in id order, and the fits (the optimizer's sums), the BTYD sample and churn's hold-out read
the customers in that order (pii26 saw the HubSpot deals' expected total move by 18.58 when only the
company names became tokens)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.customers import btyd as B
from crm_core.customers import churn as C
from crm_core.customers import spend as S
from crm_core.customers.history import snapshot, visit_history
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.customers.attribute_tables import telco
from tests.customers.test_churn import _purchases, _table
from tests.summaries import load_shopify

DEALS = Path(__file__).parents[1] / "data" / "hubspot_deals_2012.csv"


def respelled(frame: pd.DataFrame, column: str, salt: str = "a") -> pd.DataFrame:
    """The same rows, each id renamed to a keyed token (as ``--mask-pii`` does) whose sort order has
    nothing to do with the old one; another ``salt``, another order."""
    out = frame.copy()
    out[column] = out[column].map(lambda v: hashlib.sha256(f"{salt}{v}".encode()).hexdigest()[:16])
    return out


def deals_twice(con, tmp_path, salt: str = "a") -> tuple[str, str]:
    """judge23's HubSpot deals loaded as exported and with every company spelled as a token."""
    tokens = tmp_path / "deals_tokens.csv"
    respelled(pd.read_csv(DEALS, dtype=str), "Associated Company", salt).to_csv(tokens, index=False)
    return load_file(con, DEALS, "plain")[0].table, load_file(con, tokens, "tokens")[0].table


@pytest.mark.parametrize("salt", ["a", "b"])
def test_renamed_ids_give_the_same_expected_total_to_the_cent(con, tmp_path, salt):
    runs = [S.run(con, t) for t in deals_twice(con, tmp_path, salt)]
    totals = [round(r.metrics["expected_total"], 2) for r in runs]
    assert totals[0] == totals[1]
    assert runs[0].metrics["model"] == runs[1].metrics["model"]
    scored = [np.sort(r.scores["expected_spend"].to_numpy()) for r in runs]
    np.testing.assert_array_equal(scored[0], scored[1])


def shuffled(frame: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """The same rows in another order, as another export (or another day's) may write them."""
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


def summary_twice(con, tmp_path) -> tuple[str, str]:
    """The Shopify customers export of the sample log as exported, and with every customer id
    renamed to a token and the rows shuffled."""
    plain = con.execute(f"SELECT * FROM {load_shopify(con, tmp_path)}").df().astype(str)
    path = tmp_path / "customers_tokens.csv"
    shuffled(respelled(plain, "Customer ID")).to_csv(path, index=False)
    tokens = load_file(con, path, "tokens")[0].table
    return load_file(con, tmp_path / "customers_export.csv", "plain")[0].table, tokens


def test_a_sampled_btyd_fit_reads_the_same_customers_in_any_row_order(sample_ws, monkeypatch):
    """Beyond ``MAX_FIT`` customers the fits learn from a sample: drawn by row position it took
    other customers when the same snapshot came in another order."""
    with sample_ws.connect() as con:
        hist = visit_history(con, transaction_view(con, "orders", get_roles(con, "orders")))
        found = snapshot(con, hist, con.execute(f"SELECT max(ts)::DATE FROM {hist.visits}").fetchone()[0], 90)
    monkeypatch.setattr(B, "MAX_FIT", len(found) // 3)
    fits = [B.BetaGeo.fit(B.Summary.from_frame(f)).params() for f in (found, shuffled(found))]
    assert fits[0] == fits[1]
    money = [B.GammaGamma.fit(B.Summary.from_frame(f)).params() for f in (found, shuffled(found))]
    assert money[0] == money[1]


def test_a_summary_gives_the_same_spend_and_at_risk_list_renamed_and_shuffled(sample_ws, tmp_path,
                                                                               monkeypatch):
    """summary_btyd read the customers ``ORDER BY customer_id`` into the (sampled) fits."""
    monkeypatch.setattr(B, "MAX_FIT", 150)
    with sample_ws.connect() as con:
        tables = summary_twice(con, tmp_path)
        spends = [S.run(con, t) for t in tables]
        churns = [C.run(con, t) for t in tables]
    assert round(spends[0].metrics["expected_total"], 2) == round(spends[1].metrics["expected_total"], 2)
    for runs in (spends, churns):
        assert runs[0].metrics["params"] == runs[1].metrics["params"]
    probabilities = [np.sort(r.scores["churn_probability"].to_numpy()) for r in churns]
    np.testing.assert_array_equal(probabilities[0], probabilities[1])
    assert [len(r.at_risk()) for r in churns][0] == len(churns[1].at_risk())



def test_churn_scores_the_same_customers_alike_renamed_and_shuffled(con):
    """Churn read its snapshots ``ORDER BY customer_id``: the models' sums took their last bits from
    the ids' spelling, so a probability at the at-risk cut could fall on either side of it."""
    plain = _purchases(800, seed=1)
    _table(con, "plain", plain)
    _table(con, "tokens", shuffled(respelled(plain, "customer_id")))
    runs = [C.run(con, t, C.ChurnConfig(inactive_days=90)) for t in ("plain", "tokens")]
    assert runs[0].metrics["roc_auc"] == runs[1].metrics["roc_auc"]
    probabilities = [np.sort(r.scores["churn_probability"].to_numpy()) for r in runs]
    np.testing.assert_array_equal(probabilities[0], probabilities[1])


def test_a_labelled_table_gives_the_same_holdout_and_at_risk_list_renamed_and_shuffled(con):
    """The 25 % hold-out was drawn by row position from the customers in id order: the Telco judge
    set renamed read validation AUC 0.767 for 0.735 and put 93 other customers at risk."""
    plain = telco().drop(columns="_p")
    _table(con, "plain", plain)
    key = dict(zip(plain["customerID"], respelled(plain, "customerID")["customerID"], strict=True))
    _table(con, "tokens", shuffled(plain.assign(customerID=plain["customerID"].map(key))))
    runs = [C.run(con, t, C.ChurnConfig(), roles={"label": "Churn"}) for t in ("plain", "tokens")]
    assert runs[0].metrics["roc_auc"] == runs[1].metrics["roc_auc"]
    assert set(runs[0].at_risk()["customer_id"].map(key)) == set(runs[1].at_risk()["customer_id"])
