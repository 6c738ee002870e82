"""A Pinduoduo seller's 店管家 订单导出 (judge89): the excerpt holds 150 orders (401 商品 rows) of 12 buyers
(GB18030, CRLF, a row per 商品 with 单价 × 数量 = 商品金额, the order's 运费 / 优惠金额 / 订单金额 / 实付金额
on each of its lines, 订单状态 交易成功 / 已发货 / 交易关闭 / 已取消 / 待付款 / 已退款, a two-line 买家留言);
days from Complete Journey's real GROCERY baskets (docs/judge.md, the eighty-eighth pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment.run import run as segment
from tests.conftest import DATA

DIANGUANJIA = DATA / "dianguanjia_orders_excerpt_zh.csv"


def _sold_orders() -> pd.DataFrame:
    rows = pd.read_csv(DIANGUANJIA, encoding="gb18030", dtype={"订单编号": str})
    rows = rows[rows["订单状态"].isin(["交易成功", "已发货"])].assign(goods=lambda r: r["单价"] * r["数量"])
    return rows.groupby("订单编号").agg(goods=("goods", "sum"), off=("优惠金额", "first"),
                                      paid=("实付金额", "first"), freight=("运费", "first"))


def test_the_orders_discount_is_taken_off_once_and_said(con):
    """On main spend was the goods before the order's 优惠金额 (written on each of its lines), and no note
    said so: 店管家's bare 优惠金额 is the order's, one value on every line of the order."""
    orders = _sold_orders()
    assert (orders.paid == (orders.goods + orders.freight - orders.off).round(2)).mean() > 0.9
    notes = load_file(con, DIANGUANJIA, table="dgj", mask_pii=True)[0].notes
    said = " ".join(say(n, "zh") for n in notes)
    assert "优惠金额" in said and f"{orders.off.sum():,.2f}" in said
    spend = segment(con, "dgj").features.frame["monetary"].sum()
    assert spend == pytest.approx((orders.goods - orders.off).sum(), abs=0.5)
