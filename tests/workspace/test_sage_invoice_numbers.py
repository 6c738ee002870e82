"""Sage Business Cloud Accounting's sales invoice list (judge67): a bare ``Number`` (``SI-118``, a credit
note's ``SCN-12``) numbers each document, so two invoices to one customer on one day are two orders. A bare
number is as often a phone or a row number: only values carrying a document's prefix, one per row, count."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

SAGE = DATA / "sage_sales_invoices_excerpt.csv"
RECURLY = DATA / "recurly_transactions_excerpt.csv"


def test_a_bare_number_with_a_document_prefix_is_the_invoice(con):
    raw = pd.read_csv(SAGE, dtype=str, keep_default_na=False)
    assert raw["Number"].str.match(r"^S(I|CN)-\d+$").all() and raw["Number"].is_unique
    # Unpaid and Overdue (all outstanding) are no purchase yet beside Paid ones, as Wave's (left98)
    kept = raw[~raw["Status"].isin(["Void", "Draft", "Unpaid", "Overdue"])]
    same_day = kept.groupby(["Customer", "Date"]).size()
    _, roles, sql = _view(con, SAGE, "sg")
    assert roles.get("order_id") == "Number"
    orders = con.execute(f"SELECT count(DISTINCT order_id) FROM ({sql})").fetchone()[0]
    assert orders == len(kept) > len(same_day)


def test_a_plain_running_number_is_no_invoice(con):
    """The guard: Recurly's ``invoice_number`` (4312, digits only) stays unread as the order, as judge67 chose
    ``transaction_id``."""
    _, roles, _ = _view(con, RECURLY, "rc")
    assert roles.get("order_id") != "invoice_number"
