"""A tip is money given, no course bought: 千聊's 打赏 rows name the course (课程名称)
the listener tipped under with 1–4 元, and Recommend counted each as that course bought (judge79), so a
listener who had only tipped was never offered the course and a tip scored as a hit. The tips stay in the
spend: the teacher received them."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.recommend import data
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

QIANLIAO = DATA / "qianliao_orders_excerpt_zh.xlsx"


def _kept() -> pd.DataFrame:
    raw = pd.read_excel(QIANLIAO, dtype=str)
    return raw[raw["订单状态"].isin(["已支付", "部分退款"])]


def test_a_tip_is_no_course_bought(con):
    kept = _kept()
    bought = kept[kept["购买类型"] != "打赏"]
    tipped = kept[kept["购买类型"] == "打赏"]
    only_tipped = set(zip(tipped["用户ID"], tipped["课程名称"], strict=True)) - set(
        zip(bought["用户ID"], bought["课程名称"], strict=True))
    assert only_tipped  # the excerpt has listeners who tipped under a course they did not buy
    load_file(con, QIANLIAO, table="ql")
    frame = data.purchases(con, "ql", get_roles(con, "ql"), holdout_days=28).frame
    pairs = set(zip(frame["customer_id"].astype(str), frame["product_id"].astype(str), strict=True))
    assert pairs == set(zip(bought["用户ID"], bought["课程名称"], strict=True))


def test_the_tips_stay_in_the_spend(con):
    kept = _kept()
    received = (kept["实付金额(元)"].astype(float) - kept["退款金额(元)"].astype(float)).sum()
    load_file(con, QIANLIAO, table="ql")
    assert round(cohorts(con, "ql", CohortConfig()).summary()["revenue"], 2) == round(received, 2)
