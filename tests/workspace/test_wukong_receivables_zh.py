"""A B2B firm's 悟空CRM 回款 导出 (judge83): the excerpt holds its first 60 receipts (docs/judge.md, the
eighty-second pass), their days Complete Journey's real DRUG GM baskets: the fields of WukongCRM's
``crm_receivables`` (回款编号, 客户名称, 合同编号, 合同金额, 回款日期, 回款方式, 回款金额, 期数, 备注) with
the record's 负责人 and 审核状态 通过 / 审核中 / 待审核 / 拒绝 / 撤回 / 作废."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend.offers import no_product
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from crm_core.workspace.roles import detect_roles, get_roles
from tests.conftest import DATA

WUKONG = DATA / "wukong_receivables_excerpt_zh.xlsx"


def test_a_receipt_not_approved_is_no_money_received(con):
    """Only an approved 回款 (审核状态 通过) is money the firm has confirmed: 审核中, 待审核, 拒绝, 撤回 and
    作废 receipts were counted with no note, and the money read was 合同金额, the contract's whole value
    written on each of its receipts, before 回款金额, the money that came in."""
    raw = pd.read_excel(WUKONG, dtype=str)
    kept = raw[raw["审核状态"] == "通过"]
    notes = load_file(con, WUKONG, table="wk")[0].notes
    summary = cohorts(con, "wk", CohortConfig()).summary()
    assert summary["customers"] == kept["客户名称"].nunique()
    assert round(summary["revenue"], 2) == round(kept["回款金额"].astype(float).sum(), 2)
    [zh] = [say(n, "zh") for n in notes if "未审核通过" in say(n, "zh")]
    assert "“审核状态”" in zh and "拒绝" in zh and "审核中" in zh
    [en] = [say(n, "en") for n in notes if "not approved" in say(n, "en")]
    assert "rejected" in en and "15" in en


def test_a_receipts_number_is_its_order(con):
    """Each 回款 is one payment with its own 回款编号: the number was not read, so churn said "没有订单号，
    因此每位客户每天算作一笔订单" and two receipts of a firm on one day were one purchase."""
    load_file(con, WUKONG, table="wk")
    assert detect_roles(con, "wk").get("order_id") == "回款编号"


def test_how_and_in_which_instalment_a_receipt_was_paid_is_no_product(con):
    """A receipt names no product: recommend's refusal offered 回款方式 (电汇, 支付宝: how it was paid) and
    期数 (第1期: which instalment) as "可能就是所购商品"."""
    load_file(con, WUKONG, table="wk")
    said = say(no_product(con, "wk", get_roles(con, "wk")), "zh")
    assert "回款方式" not in said and "期数" not in said
