"""An order-level discount written on each of the order's lines (WooCommerce's ``Cart Discount``, left27):
the lines' prices are before it, so an order's money is its lines less the discount, taken once per order."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

WOO = DATA / "woocommerce_cart_discounts_excerpt.csv"
PAID = ("Completed", "Processing")


def _paid_orders(frame: pd.DataFrame) -> pd.DataFrame:
    """Each paid order's lines' money and its cart discount (written once per line, counted once)."""
    paid = frame[frame["Order Status"].isin(PAID)].assign(lines=lambda f: f["Item Cost"] * f["Quantity"])
    return paid.groupby("Order Number").agg(lines=("lines", "sum"), discount=("Cart Discount", "first"),
                                            total=("Order Total", "first"))


def _money_by_order(con, table: str) -> pd.Series:
    view = transaction_view(con, table, get_roles(con, table))
    sql = f"SELECT CAST(order_id AS BIGINT), sum(amount) FROM ({view.sql}) GROUP BY 1"
    return pd.Series(dict(con.execute(sql).fetchall())).sort_index()


def test_a_cart_discount_is_taken_off_each_order_once(con):
    """20 orders with a coupon (one of six lines, 20443: $2.00 once, not $12.00): the money is the lines'
    ``Item Cost`` × ``Quantity`` less the order's ``Cart Discount``."""
    orders = _paid_orders(pd.read_csv(WOO))
    assert (orders["discount"] > 0).sum() >= 15
    money = _money_by_order(con, load_file(con, WOO)[0].table)
    expected = (orders["lines"] - orders["discount"]).sort_index()
    assert list(money.index) == list(expected.index)
    assert money.to_numpy() == pytest.approx(expected.to_numpy(), abs=0.005)


def test_an_order_total_used_as_the_money_keeps_its_discount_taken_off_once(con, tmp_path):
    """One row per order with ``Order Total`` as the money: the total is after the discount already, so
    nothing is taken off again."""
    frame = pd.read_csv(WOO).drop_duplicates("Order Number")
    frame = frame.drop(columns=["Item #", "Item Name", "SKU", "Quantity", "Item Cost"])
    path = tmp_path / "woocommerce_orders_one_row.csv"
    frame.to_csv(path, index=False)
    table = load_file(con, path)[0].table
    assert get_roles(con, table)["amount"] == "Order Total"
    orders = _paid_orders(pd.read_csv(WOO))
    assert _money_by_order(con, table).sum() == pytest.approx(orders["total"].sum(), abs=0.005)
