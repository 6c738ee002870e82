"""A tea shop's 有赞 订单导出 (按商品; walk30's export, ``bench/walk30_sets.py``): 519 item lines
of 349 orders, 交易成功 / 交易关闭 / 退款成功 under 订单状态, the order's 运费 / 订单优惠 / 订单实付金额
on each of its lines."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

YOUZAN = DATA / "youzan_tea_orders_walk30_zh.csv"


def _lines() -> pd.DataFrame:
    """The export as 有赞 writes it (UTF-8 with BOM)."""
    return pd.read_csv(YOUZAN, encoding="utf-8-sig", dtype=str)


def test_youzans_closed_and_refunded_orders_are_named_as_youzan_names_them(con):
    """The load note counted the 交易关闭 and 退款成功 lines right but called them "已退款、已取消、失败、
    未付款或爽约的订单和预约": a shop owner looks for 有赞's own words, and a tea shop has no bookings."""
    lines = _lines()
    gone = int((lines["订单状态"] != "交易成功").sum())
    note = next(n for n in load_file(con, YOUZAN, table="yz")[0].notes if str(n).endswith(f": {gone}"))
    said = note.text("zh")
    assert "交易关闭、退款成功的订单" in said and "订单状态" in said
    assert "预约" not in said and "爽约" not in said
    assert "bookings" not in str(note) and "closed" in str(note) and "refunded" in str(note)


def test_the_buyer_is_the_nickname_not_the_consignees_phone(con):
    """``收货人手机号/提货人手机号`` is whoever receives or picks up the parcel (a gift goes to a
    friend's phone), not the buyer: only a member's or buyer's phone is a key (微店's 手机号 beside
    收货人, judge29). Here the generator gave each buyer one phone, so the phones (129) part what the
    nicknames (115) merge; kept."""
    load_file(con, YOUZAN, table="yz")
    roles = get_roles(con, "yz")
    assert roles["customer_id"] == "买家昵称" and roles["phone"] == "收货人手机号/提货人手机号"


def test_an_orders_payment_on_every_line_is_not_a_lines_money(con):
    """``订单实付金额`` is the order's (商品 + 运费 − 订单优惠), written on each of its lines: summed
    per line it would count a three-line order three times. A line's money is 单价 × 数量 less its
    share of the order's 订单优惠 (as WooCommerce's ``Item Cost`` beside ``Order Total``), so each paid
    order adds up to what was paid for its goods once: 订单实付金额 less 运费."""
    lines = _lines()
    for column in ("商品单价", "商品数量", "运费", "订单优惠", "订单实付金额"):
        lines[column] = lines[column].astype(float)
    paid = lines[lines["订单状态"] == "交易成功"]
    orders = paid.groupby("订单号")[["订单实付金额", "运费"]].first()
    load_file(con, YOUZAN, table="yz")
    view = transaction_view(con, "yz", get_roles(con, "yz"))
    by_order = dict(con.execute(f"SELECT order_id, sum(amount) FROM ({view.sql}) "
                                "GROUP BY order_id").fetchall())
    goods = orders["订单实付金额"] - orders["运费"]
    assert by_order == pytest.approx(goods.to_dict())
    assert sum(by_order.values()) < paid["订单实付金额"].sum() / 1.5  # not once per line
