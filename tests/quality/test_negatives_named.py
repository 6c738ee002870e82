"""judge72: 银豹收银's 商品销售明细 marks each return row 单据类型 退货 with 数量 and 实收金额 negative; the
profile still asked "“数量”：有 13 个负值——是退货或取消吗？", a question the export answers itself.
Expected values are read from the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from tests.conftest import DATA

YINBAO = DATA / "yinbao_product_sales_excerpt_zh.csv"


def _raw() -> pd.DataFrame:
    return pd.read_csv(YINBAO, dtype=str, encoding="gb18030", skiprows=1, keep_default_na=False)


def _negatives(prof: dict, column: str) -> list[dict]:
    return [p for p in prof["problems"] if p["column"] == column and "negative" in p["kind"]]


def test_negatives_the_export_marks_as_returns_are_said_so(con):
    """Every negative row shares one 单据类型 no other row has: the profile names it instead of asking."""
    raw = _raw()
    back = (raw["单据类型"] == "退货").sum()
    load_file(con, YINBAO, "yb")
    for lang, said in (("zh", f"有 {back} 个负值"), ("en", f"{back} negative values")):
        [entry] = _negatives(profile(con, "yb", lang=lang), "数量")
        assert entry["kind"] == "negative_named" and entry["count"] == back
        assert said in entry["message"] and "退货" in entry["message"] and "?" not in entry["message"]
    [zh] = _negatives(profile(con, "yb", lang="zh"), "实收金额")
    assert "“单据类型”为“退货”" in zh["message"] and "吗" not in zh["message"]


def test_negatives_on_rows_of_several_types_still_ask(con):
    """One return relabelled 销售 (a 销售 row negative too): the value names no longer every negative row
    alone, so the profile keeps its question."""
    load_file(con, YINBAO, "yb")
    con.execute("UPDATE yb SET 单据类型 = '销售' WHERE 单据号 = (SELECT min(单据号) FROM yb WHERE 数量 < 0)")
    [entry] = _negatives(profile(con, "yb", lang="zh"), "数量")
    assert entry["kind"] == "negative_values" and entry["message"].endswith("是退货或取消吗？")
