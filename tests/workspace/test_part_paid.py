"""An invoice paid in part counts at what came in (judge77): Jane's Sales report keeps a ``Partially Paid``
invoice's ``Subtotal`` whole beside its ``Collected`` and ``Balance`` (74,927.00 against 74,144.20 collected
on judge77's 1,252 invoices). The money before tax stays the rule; only its paid share is kept. Every expected
number is read from the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

JANE = DATA / "jane_sales_report_excerpt.csv"
CLINIKO = DATA / "cliniko_invoices_excerpt.csv"


def _dollars(column: pd.Series) -> pd.Series:
    return column.str.replace(r"[$,]", "", regex=True).astype(float)


def test_a_partly_paid_invoice_counts_at_its_paid_share(con):
    raw = pd.read_csv(JANE, dtype=str)
    kept = raw[raw["Payment Status"] != "Unpaid"]
    part = kept["Payment Status"] == "Partially Paid"
    assert part.any() and (_dollars(kept["Collected"]) < _dollars(kept["Total"]))[part].all()
    share = _dollars(kept["Collected"]) / _dollars(kept["Total"])
    received = (_dollars(kept["Subtotal"]) * share.where(part, 1.0)).sum()
    _, roles, sql = _view(con, JANE, "jane")
    assert roles.get("amount") == "Subtotal"
    money, orders = con.execute(f"SELECT sum(amount), count(DISTINCT order_id) FROM ({sql})").fetchone()
    assert round(money, 2) == round(received, 2) < _dollars(kept["Subtotal"]).sum()
    assert orders == len(kept)  # the invoice still stands: part of it came in


def test_an_amount_that_is_the_paid_one_is_taken_as_it_is(con):
    """Cliniko's ``Amount paid`` is the amount already: no share is taken of it again."""
    raw = pd.read_csv(CLINIKO, dtype=str)
    kept = raw[~raw["Status"].isin(["Cancelled", "Written off"])]
    _, roles, sql = _view(con, CLINIKO, "ck")
    assert roles.get("amount") == "Amount paid"
    money = con.execute(f"SELECT sum(amount) FROM ({sql})").fetchone()[0]
    assert round(money, 2) == round(kept["Amount paid"].astype(float).sum(), 2)
