"""A labelled customer table that names a customer on several rows (a monthly extract appended to
the last one) is read one row per customer by a rule, never "the last row", which follows the row
order: the same two extracts sorted otherwise labelled customers from another month."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_core.customers import churn as C
from crm_core.i18n import say
from tests.customers.attribute_tables import telco
from tests.customers.test_churn import _table
from tests.customers.test_id_spelling import shuffled


def _two_extracts() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Telco's customers extracted on 31 January and again on 29 February: a month more tenure and
    charges, and a tenth of those who stayed gone since."""
    january = telco(n=1000).drop(columns="_p").assign(extracted_on=pd.Timestamp("2024-01-31"))
    february = january.assign(extracted_on=pd.Timestamp("2024-02-29"), tenure=january["tenure"] + 1,
                              TotalCharges=(january["MonthlyCharges"] * (january["tenure"] + 1)).round(2))
    left = (february["Churn"] == "No") & (np.arange(len(february)) % 10 == 3)
    february.loc[left, "Churn"] = "Yes"
    return january, february


def _runs(con, frame: pd.DataFrame) -> list:
    """Churn on the extracts as appended and in two other row orders."""
    for n, rows in enumerate((frame, shuffled(frame, 1), shuffled(frame, 2))):
        _table(con, f"extracts_{n}", rows)
    roles = {"label": "Churn", "customer_id": "customerID"}
    return [C.run(con, f"extracts_{n}", C.ChurnConfig(), roles=roles) for n in range(3)]


def _labels(run) -> dict[str, str]:
    return dict(zip(run.scores["customer_id"], run.scores["label"], strict=True))


def test_each_customer_is_read_from_the_latest_extract_in_any_row_order(con):
    january, february = _two_extracts()
    runs = _runs(con, pd.concat([february, january], ignore_index=True))  # the newest first
    gone = dict(zip(february["customerID"], february["Churn"].map({"Yes": "churned", "No": "stayed"}),
                    strict=True))
    for run in runs:
        assert _labels(run) == gone
        assert run.metrics["roc_auc"] == runs[0].metrics["roc_auc"]
        assert set(run.at_risk()["customer_id"]) == set(runs[0].at_risk()["customer_id"])
    notes = [say(n, "en") for n in runs[0].notes] + [say(n, "zh") for n in runs[0].notes]
    assert any("1,000 customers" in n and "'extracted_on'" in n for n in notes)
    assert any("1,000 位客户" in n and "“extracted_on”" in n for n in notes)


def test_without_a_date_the_kept_row_follows_no_row_order_and_the_note_says_so(con):
    january, february = _two_extracts()
    appended = pd.concat([january, february], ignore_index=True).drop(columns="extracted_on")
    runs = _runs(con, appended)
    for run in runs[1:]:
        assert _labels(run) == _labels(runs[0])
        assert run.metrics["roc_auc"] == runs[0].metrics["roc_auc"]
    assert any("no date column says which row is current" in say(n, "en") for n in runs[0].notes)
