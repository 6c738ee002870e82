"""A teacher's 千聊 订单导出 and a travel shop's 飞猪 商家订单 (judge79): the excerpts hold the first 60
orders of each (docs/judge.md, the seventy-eighth pass), their days Complete Journey's real PASTRY and MEAT
baskets: 千聊 as .xlsx with 实付金额(元) and 退款金额(元) beside 订单状态 已支付 / 部分退款 / 已退款 / 待支付,
真实姓名 and 手机号 from its sign-up form; 飞猪 as GB18030 with CRLF, a Taobao-style row per order with the
traveller's 出行人姓名 and 出行人证件号码, 实付款 ``￥1280.00``, 退款金额 and a two-line 买家留言."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect.privacy import detect_pii
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from tests.conftest import DATA

QIANLIAO = DATA / "qianliao_orders_excerpt_zh.xlsx"
FLIGGY = DATA / "fliggy_orders_excerpt_zh.csv"


def test_a_refund_headed_with_its_unit_is_taken_off(con):
    """千聊 heads its money 实付金额(元) and 退款金额(元): the unit hid the refund column, so 部分退款 orders
    counted whole and the load said "导出文件没有给出退款金额" though the export gives it."""
    raw = pd.read_excel(QIANLIAO, dtype=str)
    kept = raw[raw["订单状态"].isin(["已支付", "部分退款"])]
    received = (kept["实付金额(元)"].astype(float) - kept["退款金额(元)"].astype(float)).sum()
    notes = load_file(con, QIANLIAO, table="ql")[0].notes
    summary = cohorts(con, "ql", CohortConfig()).summary()
    assert summary["customers"] == kept["用户ID"].nunique()
    assert round(summary["revenue"], 2) == round(received, 2)
    assert not [n for n in notes if "no refunded amount" in say(n, "en")]
    [zh] = [say(n, "zh") for n in notes if "退过部分款项" in say(n, "zh")]
    assert "“实付金额(元)”减去“退款金额(元)”" in zh


def test_a_travellers_name_and_id_number_are_personal_data(con):
    """飞猪 writes who travels, 出行人姓名 and 出行人证件号码 (a 居民身份证号): the name was read as no
    personal data, so ``--mask-pii`` left every traveller's name in clear."""
    load_file(con, FLIGGY, table="fz")
    found = detect_pii(con, "fz")
    assert found.get("出行人姓名") == "name"
    assert found.get("出行人证件号码") == "national_id"
    assert found.get("联系手机") == "phone"
