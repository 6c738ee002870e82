"""The thirty-eighth judge pass (judge39): a deli's Clover line-items export and a bakery's Wix Stores orders
export, read as their systems write them (docs/judge.md). Every expected number is read from the excerpt with
pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

CLOVER = DATA / "clover_line_items_excerpt.csv"
WIX = DATA / "wix_orders_excerpt.csv"


def test_clovers_line_item_date_with_its_time_zone_is_a_date(con):
    """Clover's dashboard writes ``01-Jan-2017 06:57 PM CST``: a 12-hour clock and the shop's zone by name.
    Read as text, the line items had no date, so the export was a customer table: cohorts, churn, spend and
    forecast refused it. The zone is the shop's own clock (as ``UTC`` or ``-05:00`` are dropped)."""
    raw = pd.read_csv(CLOVER, dtype=str, keep_default_na=False)
    table, roles, _ = _view(con, CLOVER, "cl")
    assert roles.get("date") == "Line Item Date"
    first = pd.to_datetime(raw["Line Item Date"].str[:-4], format="%d-%b-%Y %I:%M %p")
    read = con.execute(f'SELECT "Line Item Date" FROM "{table}"').df()["Line Item Date"]
    assert list(read) == list(first)


def test_wixs_not_paid_orders_are_no_sale(con):
    """Wix writes an order whose buyer has not paid (an offline payment awaited) as ``Payment status``
    ``Not paid``; only ``not_paid`` (Shopify's spelling) was read, so judge39's set counted 157.28 of unpaid
    items."""
    raw = pd.read_csv(WIX, dtype=str, keep_default_na=False)
    sold = raw[raw["Payment status"].isin(["Paid", "Partially refunded"])]
    _, _, sql = _view(con, WIX, "wx")
    orders = con.execute(f"SELECT count(DISTINCT order_id) FROM ({sql})").fetchone()[0]
    assert orders == sold["Order #"].nunique()


def test_clovers_refunded_and_open_orders_and_lines_given_back_are_no_sale(con):
    """Clover names an order's payment ``Order Payment State``: ``Refunded``, ``Open`` (a tab not paid yet),
    ``Partially Refunded`` (the lines given back flagged ``Refunded`` TRUE) or ``Paid``. No header said
    "status", so judge39's set kept 377.48 of refunded and unpaid lines of named buyers as sales."""
    raw = pd.read_csv(CLOVER, dtype=str, keep_default_na=False)
    sold = raw[raw["Order Payment State"].isin(["Paid", "Partially Refunded"]) & (raw["Refunded"] == "FALSE")]
    _, _, sql = _view(con, CLOVER, "cl")
    money, lines = con.execute(f"SELECT round(sum(amount), 2), count(*) FROM ({sql})").fetchone()
    assert (money, lines) == (round(sold["Item Total"].astype(float).sum(), 2), len(sold))
