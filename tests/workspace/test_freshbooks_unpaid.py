"""A web studio's FreshBooks Invoice Details report (judge82's excerpt): an invoice sent, viewed or overdue
is billed and not paid (`Amount Paid` 0.00), so no purchase yet; the money every analysis counts is `Amount
Paid`, what came in, not `Invoice Total`, what was billed, and the load says so."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

FRESHBOOKS = DATA / "freshbooks_invoice_details_excerpt.csv"


def _invoices() -> pd.DataFrame:
    frame = pd.read_csv(FRESHBOOKS, dtype=str, keep_default_na=False).drop_duplicates("Invoice #")
    return frame[frame["Invoice Status"].isin(["Paid", "Partial"])]


def test_an_invoice_sent_and_not_paid_is_no_purchase_yet(con):
    """judge82: 10 of the excerpt's 42 invoices were Sent / Viewed / Overdue, each a 0.00 order."""
    paid = _invoices()
    notes = load_file(con, FRESHBOOKS, "fb")[0].notes
    sql = transaction_view(con, "fb", get_roles(con, "fb")).sql
    orders, clients, empty = con.execute(
        f"SELECT count(DISTINCT order_id), count(DISTINCT customer_id), "
        f"count(DISTINCT order_id) FILTER (WHERE amount = 0) FROM ({sql})").fetchone()
    assert (orders, clients, empty) == (len(paid), paid["Email"].nunique(), 0)
    assert any("'Sent'" in str(n) and "'Overdue'" in str(n) and "Invoice Status" in str(n) for n in notes)


def test_the_load_says_the_money_is_amount_paid_of_the_invoice_total(con):
    """303,253.20 received of 382,082.40 billed, and nothing said which of the two every analysis counts."""
    paid = _invoices()
    received, billed = (f"{paid[c].astype(float).sum():,.0f}" for c in ("Amount Paid", "Invoice Total"))
    notes = load_file(con, FRESHBOOKS, "fb")[0].notes
    for lang in ("en", "zh"):
        said = [say(n, lang) for n in notes if "Invoice Total" in say(n, lang)]
        assert len(said) == 1 and "Amount Paid" in said[0]
        assert received in said[0] and billed in said[0] and received != billed


@pytest.mark.parametrize("status", ["Sent", "Overdue"])
def test_an_unpaid_state_outside_freshbooks_states_is_not_read_as_one(con, tmp_path, status):
    """Beside states no FreshBooks invoice has (`Shipped`), `Sent` / `Overdue` are some other system's."""
    frame = pd.read_csv(FRESHBOOKS, dtype=str, keep_default_na=False)
    frame["Invoice Status"] = frame["Invoice Status"].where(frame["Invoice Status"] == status, "Shipped")
    path = tmp_path / "other_invoices.csv"
    frame.to_csv(path, index=False)
    load_file(con, path, "other")
    sql = transaction_view(con, "other", get_roles(con, "other")).sql
    orders = con.execute(f"SELECT count(DISTINCT order_id) FROM ({sql})").fetchone()[0]
    assert orders == frame["Invoice #"].nunique()
