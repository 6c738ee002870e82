"""An Auckland butcher's Lightspeed Retail X-Series (Vend) sales ledger and a seafood wholesaler's Odoo sales
order lines (judge33). Vend writes each sale as a ``Sale`` row (its totals), its ``Sale Line`` rows and a
``Payment`` row per tender under ``Line Type``, GST in ``Total`` and ``Paid``, the sale's state under
``Status`` (CLOSED, ONACCOUNT, LAYBY, SAVED = parked, VOIDED …). Odoo's export names the order ``Order
Reference`` (S00042) and its state in display words (Quotation, Quotation Sent, Sales Order, Locked,
Cancelled)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

VEND = DATA / "lightspeed_sales_excerpt.csv"
ODOO = DATA / "odoo_sale_order_lines_excerpt.xlsx"
VEND_SALES = ("CLOSED", "ONACCOUNT", "ONACCOUNT_CLOSED", "LAYBY_CLOSED")
"""A sale the shop made: paid, charged to the customer's account, or a layby paid off. A SAVED (parked)
sale, an open LAYBY (goods held against a deposit) and a VOIDED one are none."""


def _view(con, path, name):
    table = load_file(con, path, name)[0].table
    roles = get_roles(con, table)
    return roles, transaction_view(con, table, roles).sql


def _vend_lines() -> pd.DataFrame:
    frame = pd.read_csv(VEND, dtype=str, keep_default_na=False)
    return frame[(frame["Line Type"] == "Sale Line") & frame["Status"].isin(VEND_SALES)]


def test_vend_counts_each_sale_line_once_before_gst(con):
    """The ``Sale`` row repeats its lines' totals and the ``Payment`` row the money tendered: counted with
    the lines, a sale's money was read up to three times, and ``Paid`` (GST in, blank on a line) was the
    amount. The sale is its lines' ``Subtotal``, before GST."""
    lines = _vend_lines()
    roles, sql = _view(con, VEND, "vend")
    assert (roles.get("amount"), roles.get("order_id")) == ("Subtotal", "Receipt Number")
    money, rows, orders = con.execute(f"SELECT sum(amount), count(*), count(DISTINCT order_id) "
                                      f"FROM ({sql})").fetchone()
    assert money == pytest.approx(lines["Subtotal"].astype(float).sum(), abs=0.005)
    assert (rows, orders) == (len(lines), lines["Receipt Number"].nunique())


def test_vend_parked_sales_and_open_laybys_are_no_sale(con):
    """SAVED is a parked sale and LAYBY an open one (a deposit on goods the shop holds): neither is a sale
    yet, beside VOIDED; a layby paid off (LAYBY_CLOSED) and a sale on account are."""
    frame = pd.read_csv(VEND, dtype=str, keep_default_na=False)
    assert {"SAVED", "LAYBY", "VOIDED", "LAYBY_CLOSED", "ONACCOUNT"} <= set(frame["Status"])
    _, sql = _view(con, VEND, "vend")
    kept = {r for (r,) in con.execute(f"SELECT DISTINCT order_id FROM ({sql})").fetchall()}
    assert kept == set(_vend_lines()["Receipt Number"])


def test_the_load_says_which_ledger_rows_are_no_line(con):
    """The totals and payment rows are left out with a note of their own, in English and Chinese."""
    frame = pd.read_csv(VEND, dtype=str, keep_default_na=False)
    other = (frame["Line Type"] != "Sale Line").sum()
    note = next(n for n in load_file(con, VEND, "vend")[0].notes if "Line Type" in str(n))
    assert str(note).endswith(f": {other}")
    assert f"{other} 行" in note.text("zh")


def test_odoo_orders_are_the_order_reference_and_quotations_no_sale(con):
    """``Order Reference`` (S00042) is the order: without it each customer-day was one. A Quotation or a
    Quotation Sent is an offer, not a sale; only Sales Order and Locked (delivered, closed) lines count,
    at their ``Subtotal`` (before tax)."""
    frame = pd.read_excel(ODOO)
    kept = frame[frame["Status"].isin(["Sales Order", "Locked"])]
    assert {"Quotation", "Quotation Sent", "Cancelled"} <= set(frame["Status"])
    roles, sql = _view(con, ODOO, "odoo")
    assert (roles.get("order_id"), roles.get("amount")) == ("Order Reference", "Subtotal")
    money, orders = con.execute(f"SELECT sum(amount), count(DISTINCT order_id) FROM ({sql})").fetchone()
    assert money == pytest.approx(kept["Subtotal"].sum(), abs=0.005)
    assert orders == kept["Order Reference"].nunique()


@pytest.mark.parametrize(("path", "said", "said_zh"), [
    (VEND, "voided sales, parked sales, open laybys", "已作废的销售、挂单未结账的销售、未付清的定金预留单"),
    (ODOO, "quotations, quotations sent, cancelled orders", "报价单、已发出的报价单、已取消的订单")])
def test_the_status_note_names_the_systems_own_states(con, path, said, said_zh):
    """The rows a Vend or Odoo status leaves out are named as the system names them, not as "refunded,
    cancelled, failed, unpaid or no-show orders and bookings": a parked sale or a quotation is neither."""
    frame = pd.read_excel(path) if path.suffix == ".xlsx" else pd.read_csv(path, dtype=str)
    lines = frame if path == ODOO else frame[frame["Line Type"] == "Sale Line"]
    gone = (~lines["Status"].isin(VEND_SALES + ("Sales Order", "Locked"))).sum()
    note = next(n for n in load_file(con, path, "t")[0].notes if "Status" in str(n))
    assert str(note) == (f"rows of {said} (by their Status column: no sale), left out of every analysis: "
                         f"{gone}")
    assert note.text("zh") == f"{gone} 行是{said_zh}（依据“Status”列，不算销售）：所有分析都不计入"
