"""The load says what it takes off the money (left28): judge29's 微信支付 REFUND rows count as money given
back and left27's WooCommerce cart discount is shared over each order's lines, but no load note named
either, so the analyst saw revenue below the export's own total with no reason given."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

WECHAT = DATA / "wechat_pay_bill_zh.csv"
WOO = DATA / "woocommerce_cart_discounts_excerpt.csv"


def _notes(loaded, key):
    return [(say(n, "en"), say(n, "zh")) for n in loaded.notes if getattr(n, "key", "") == key]


def test_refund_rows_kept_as_money_back_are_counted_with_their_money(con):
    """The bill's six REFUND rows: two refund a payment in the excerpt and leave with it (refunded in full,
    a note of its own); four refund payments of an earlier bill and stay as money given back."""
    frame = pd.read_csv(WECHAT, dtype=str, keep_default_na=False).apply(lambda c: c.str.lstrip("`"))
    refunds = frame[frame["交易状态"] == "REFUND"]
    paid = set(frame.loc[frame["交易状态"] == "SUCCESS", "商户订单号"])
    kept = refunds[~refunds["商户订单号"].isin(paid)]
    assert 0 < len(kept) < len(refunds)
    back = kept["退款金额"].astype(float).sum()
    [(en, zh)] = _notes(load_file(con, WECHAT, "wx")[0], "load.note.refund_rows")
    assert f"{len(kept)} refund rows" in en and f"{back:,.2f}" in en and "交易状态" in en, en
    assert f"{len(kept)} 行" in zh and f"{back:,.2f}" in zh and "退款" in zh, zh


def test_a_cart_discount_shared_over_the_lines_is_counted_once_per_order(con):
    """WooCommerce's ``Cart Discount`` on every line of an order: the orders the view keeps that have one,
    and the discount once each (pandas on the file, the view's orders)."""
    loaded = load_file(con, WOO, "woo")[0]
    view = transaction_view(con, loaded.table, get_roles(con, loaded.table))
    orders = {str(o) for (o,) in con.execute(f"SELECT DISTINCT order_id FROM ({view.sql})").fetchall()}
    frame = pd.read_csv(WOO, dtype=str, keep_default_na=False)
    per_order = frame[frame["Order Number"].isin(orders)].groupby("Order Number")["Cart Discount"].first()
    per_order = per_order.astype(float)[lambda d: d > 0]
    [(en, zh)] = _notes(loaded, "load.note.order_discount")
    assert f"{len(per_order)} orders" in en and f"{per_order.sum():,.2f}" in en and "Cart Discount" in en, en
    assert f"{len(per_order)} 笔订单" in zh and f"{per_order.sum():,.2f}" in zh, zh


@pytest.mark.parametrize("file", ["shopify_orders_excerpt.csv", "square_transactions_excerpt.csv"])
def test_no_netting_note_where_nothing_is_netted(con, file):
    """The guard: Shopify's ``Subtotal`` is after its discount already, Square has no refund rows."""
    loaded = load_file(con, DATA / file, "t")[0]
    assert not _notes(loaded, "load.note.order_discount") + _notes(loaded, "load.note.refund_rows")
