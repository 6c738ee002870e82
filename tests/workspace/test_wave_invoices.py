"""A design studio's Wave invoices export (judge94): a row per invoice line, each with the line's `Price` and
`Quantity` and the invoice's `Invoice Total`, `Amount Paid` and `Amount Due` repeated; an invoice unpaid or
overdue is billed, with nothing received yet."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

WAVE = DATA / "wave_invoices_excerpt.csv"


def test_waves_money_is_what_each_invoice_brought_in(con):
    """The lines' `Price` × `Quantity` were counted (judge94: 437,150.00 over the whole export, before the
    discount and tax and with every unpaid and overdue invoice in) where 324,736.12 came in."""
    invoices = pd.read_csv(WAVE, dtype=str, keep_default_na=False).drop_duplicates("Invoice Number")
    paid = invoices[invoices["Amount Paid"].astype(float) > 0]
    load_file(con, WAVE, "wv")
    roles = get_roles(con, "wv")
    assert roles.get("amount") == "Amount Paid"
    view = transaction_view(con, "wv", roles).sql
    received, buyers = con.execute(f"SELECT round(sum(amount), 2), count(DISTINCT customer_id) "
                                   f"FROM ({view}) WHERE amount > 0").fetchone()
    truth = round(paid["Amount Paid"].astype(float).sum(), 2), paid["Customer Email"].nunique()
    assert (received, buyers) == truth


def test_an_unpaid_or_overdue_wave_invoice_is_no_purchase_yet(con):
    """judge94: the Unpaid and Overdue invoices were 0.00 orders (60 customers and 207 invoices in the
    segments where 51 and 158 paid); the load says them not paid yet."""
    invoices = pd.read_csv(WAVE, dtype=str, keep_default_na=False).drop_duplicates("Invoice Number")
    paid = invoices[invoices["Status"].isin(["Paid", "Partial"])]
    notes = load_file(con, WAVE, "wv")[0].notes
    view = transaction_view(con, "wv", get_roles(con, "wv")).sql
    kept = con.execute(f"SELECT order_id, max(customer_id), sum(amount) FROM ({view}) GROUP BY 1").fetchall()
    assert {str(o) for o, _, _ in kept} == set(paid["Invoice Number"])
    assert len({c for _, c, _ in kept}) == paid["Customer Email"].nunique()
    assert min(money for _, _, money in kept) > 0
    said = [say(n, "en") for n in notes if "'Unpaid'" in say(n, "en")]
    assert len(said) == 1 and "'Overdue'" in said[0] and "not paid yet" in said[0]
