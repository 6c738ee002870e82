"""The table's reading names the rows a status rule left out only when it left some: 银豹's 商品销售明细
has a 单据类型 (销售 / 退货, returns netted, none left out) and Segments read "不算销售的行（…）未计入：
0 行" / "rows that are no sale … not counted: 0" beside the rows used (walk38). Counts are read from the
excerpts."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.table_kind import detect_kind
from tests.conftest import DATA


def _no_sale(con, name: str) -> list[dict]:
    table = load_file(con, DATA / name, "t")[0].table
    return [values for key, values in detect_kind(con, table).facts if key == "no_sale"]


def test_a_status_rule_that_left_nothing_out_is_not_said(con):
    raw = pd.read_csv(DATA / "yinbao_product_sales_excerpt_zh.csv", dtype=str, encoding="gb18030", skiprows=1)
    assert set(raw["单据类型"]) == {"销售", "退货"}
    assert _no_sale(con, "yinbao_product_sales_excerpt_zh.csv") == []


def test_rows_a_status_left_out_are_still_counted(con):
    raw = pd.read_csv(DATA / "lightspeed_line_items_excerpt.csv", dtype=str)
    gone = (~raw["Status"].isin(["Completed", "Layby Completed"])).sum()
    assert _no_sale(con, "lightspeed_line_items_excerpt.csv") == [{"count": f"{gone:,}"}]
