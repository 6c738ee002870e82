"""企业微信's 客户联系 客户列表 (judge68): one row per contact who added the shop's staff, .xlsx as the admin
console exports it (tests/data/wecom_contact_list_excerpt_zh.xlsx). Its 客户名称 is the contact's WeChat
name as they chose it (``闲鱼小当家``, ``tb_8827``), and 所属企业 the firm of a contact who uses 企业微信
himself: a masked load kept both plain beside the masked 备注名, 备注手机号 and 外部联系人ID."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from tests.conftest import DATA

WECOM = DATA / "wecom_contact_list_excerpt_zh.xlsx"


def test_a_contacts_wechat_name_and_firm_are_masked(con):
    raw = pd.read_excel(WECOM, dtype=str)
    load_file(con, WECOM, "wecom", mask_pii=True)
    masked = privacy.masked_columns(con, "wecom")
    stored = con.execute('SELECT * FROM "wecom"').df()
    assert masked["客户名称"] == "nickname" and masked["所属企业"] == "company"
    assert not set(raw["客户名称"]) & set(stored["客户名称"])
    assert stored["客户名称"].nunique() == raw["客户名称"].nunique()
    assert not set(raw["所属企业"].dropna()) & set(stored["所属企业"].dropna())
    assert {"标签", "来源", "性别", "客户类型", "添加时间"}.isdisjoint(masked)
