"""A 金蝶云星空 销售出库单序时簿 exported to Excel (judge32): a title row, a 查询条件 line, lines grouped by
客户 with a 小计 row under each and a 合计 row last, 红字 returns negative. The excerpt is 100 lines of
Ecdat::Computers' real PC prices (pydataset 0.2.0; docs/judge.md, thirty-first pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import detect_roles, get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

BOOK = DATA / "kingdee_outbound_excerpt_zh.xlsx"


def _lines() -> pd.DataFrame:
    frame = pd.read_excel(BOOK, header=2)
    return frame[frame["日期"].notna()]


def test_an_erp_lists_subtotals_and_total_are_no_sales_and_returns_net(con):
    """Four 小计 rows and the 合计 row hold the lines' sums again: counted, the revenue triples. The
    seven 红字 lines (returns) are negative and net."""
    lines = _lines()
    load_file(con, BOOK, table="kd")
    view = transaction_view(con, "kd", get_roles(con, "kd"))
    rows, money, customers = con.execute(
        f"SELECT count(*), sum(amount), count(DISTINCT customer_id) FROM ({view.sql})").fetchone()
    assert rows == len(lines) == 100 and customers == 4
    assert money == pytest.approx(lines["金额"].sum())
    assert (lines["实发数量"] < 0).sum() == 7


def test_an_erp_lists_material_is_the_product(con):
    """金蝶 and 用友 call the goods 物料 (物料编码, 物料名称) or 存货: recommend and basket refused the list
    for want of a product and offered 部门 (the sales department) among what was bought."""
    load_file(con, BOOK, table="kd")
    roles = detect_roles(con, "kd")
    assert roles.get("product_id") == "物料编码"
    assert roles.get("product_name") == "物料名称"
    assert roles.get("customer_id") == "客户"
