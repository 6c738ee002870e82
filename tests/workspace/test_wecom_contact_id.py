"""企业微信's 客户联系 客户列表 (judge68, tests/data/wecom_contact_list_excerpt_zh.xlsx): one row per contact
who added the shop's staff, keyed by 外部联系人ID (企业微信's ``external_userid``). The key had no role, so
Churn and Recommend refused with "没有客户 ID 列" where Ghost's members are told they are one row per
customer with no purchases (walk37)."""

from __future__ import annotations

import pytest

from crm_core.customers import churn as C
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.roles import detect_roles
from tests.conftest import DATA

WECOM = DATA / "wecom_contact_list_excerpt_zh.xlsx"


@pytest.mark.parametrize("masked", [False, True])
def test_the_external_contact_id_is_the_customer(con, masked):
    load_file(con, WECOM, "wecom", mask_pii=masked)
    assert detect_roles(con, "wecom").get("customer_id") == "外部联系人ID"


def test_churn_says_a_contact_list_has_no_purchases_not_no_customer_id(con):
    load_file(con, WECOM, "wecom")
    with pytest.raises(CrmError) as refused:
        C.run(con, "wecom", C.ChurnConfig())
    said = say(refused.value.args[0], "zh")
    assert "每位客户只有一行" in said and "没有客户 ID 列" not in said, said
    assert "本表可用" not in said, said  # its 标签 are tags (午餐常客;老客), no churn label


@pytest.mark.parametrize(("header", "is_id"), [
    ("外部联系人ID", True), ("外部联系人UserID", True), ("联系人ID", True), ("external_userid", True),
    ("External Contact ID", True), ("Contact ID", True),
    ("联系人", False), ("联系人电话", False), ("Contact Phone Number", False), ("Contact Owner", False)])
def test_an_id_whose_header_names_the_contact_is_a_customer_id(header, is_id):
    """The header's rule: an id of the (external) contact or user; a contact's name or phone is none."""
    assert ("customer_id" in name_candidates(header)) is is_id
