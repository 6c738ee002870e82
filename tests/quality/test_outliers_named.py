"""judge76: a 知识星球 收入明细 lists a year's membership (加入星球 ￥199, 续期 ￥139) beside the tips
and paid questions (赞赏, 付费提问, a few yuan to ￥99) under one 支付金额; the profile called every
membership fee an "异常值", a question the export's 收入类型 answers. Expected values are read from
the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from tests.conftest import DATA

ZSXQ = DATA / "zsxq_income_excerpt_zh.xlsx"
FEES = ("加入星球", "续期")


def _outliers(prof: dict, column: str) -> list[dict]:
    return [p for p in prof["problems"] if p["column"] == column and "outliers" in p["kind"]]


def test_outliers_the_export_marks_as_another_kind_are_said_so(con):
    """Every far-out 支付金额 is a membership fee, and no tip or question is: the profile names the kinds."""
    raw = pd.read_excel(ZSXQ, dtype=str)
    fees = raw["收入类型"].isin(FEES).sum()
    load_file(con, ZSXQ, "zsxq")
    [zh] = _outliers(profile(con, "zsxq", lang="zh"), "支付金额")
    assert zh["kind"] == "outliers_named" and zh["count"] == fees
    assert "“收入类型”为“加入星球”或“续期”的行" in zh["message"]
    [en] = _outliers(profile(con, "zsxq", lang="en"), "支付金额")
    assert f"{fees} outliers" in en["message"] and "'加入星球' or '续期'" in en["message"]


def test_outliers_among_rows_of_their_kind_stay_outliers(con):
    """One tip of ￥5,000 is far out among tips: 赞赏 is on ordinary rows too, so nothing names it."""
    load_file(con, ZSXQ, "zsxq")
    first_tip = "SELECT min(订单号) FROM zsxq WHERE 收入类型 = '赞赏'"
    con.execute(f"UPDATE zsxq SET 支付金额 = 5000 WHERE 订单号 = ({first_tip})")
    [entry] = _outliers(profile(con, "zsxq", lang="zh"), "支付金额")
    assert entry["kind"] == "outliers" and "收入类型" not in entry["message"]
