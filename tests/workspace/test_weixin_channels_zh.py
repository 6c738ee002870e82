"""A snack seller's 微信视频号小店 订单导出 in judge60's layout
(tests/data/weixin_channels_orders_excerpt_zh.xlsx): one row per SKU, 订单状态 已完成 / 已取消 / 售后中.
An order 售后中 has a return or refund asked for and not settled: it stays a sale (judge20's rule
for 抖音 and 拼多多), and the load says so."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from tests.conftest import DATA

SPH = DATA / "weixin_channels_orders_excerpt_zh.xlsx"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_after_sale_in_progress_is_counted_and_said(con, lang):
    """left60: 视频号's 售后中 rows were counted as sales with nothing said, so an analyst reconciling the
    revenue with the shop's settled money could not tell why it was higher."""
    lines = pd.read_excel(SPH, dtype={"订单号": str})
    open_rows = lines["订单状态"].eq("售后中")
    [result] = load_file(con, SPH, table="sph")
    said = [say(n, lang) for n in result.notes if "售后中" in say(n, lang)]
    assert len(said) == 1 and f"{open_rows.sum():,}" in said[0], said
    assert ("counted as sales" in said[0]) if lang == "en" else ("仍计为销售" in said[0]), said
    sold = lines[lines["订单状态"] != "已取消"]
    revenue = cohorts(con, "sph", CohortConfig()).summary()["revenue"]
    assert round(revenue, 2) == round(sold["实付款"].sum(), 2)
