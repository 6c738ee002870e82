"""WeChat ids (pii28): a 微信支付 bill's 用户标识 (openid), a unionid, a 企业微信 external_userid each point
at one person, so a masked load pseudonymises them — exactly (openids are case-sensitive) and with the
workspace key, so the same id still groups a payer's payments and meets the same id in another export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.workspace import roles
from crm_core.workspace.transactions import transaction_view

DATA = Path(__file__).resolve().parents[1] / "data"
BILL = DATA / "wechat_pay_bill_zh.csv"
SHOUQIANBA = DATA / "shouqianba_trades_excerpt_zh.xlsx"


def _raw_bill() -> pd.DataFrame:
    raw = pd.read_csv(BILL, dtype=str, encoding="utf-8-sig").apply(lambda s: s.str.lstrip("`"))
    return raw[raw["交易时间"].str.match(r"\d{4}-")]  # the bill's 总交易单数 summary lines are no payments


def _stored(con, table: str) -> pd.DataFrame:
    return con.execute(f'SELECT * FROM "{table}"').df()


def test_a_wechat_pay_bill_keeps_no_openid(con):
    raw = _raw_bill()
    load_file(con, BILL, "bill", mask_pii=True)
    assert privacy.masked_columns(con, "bill")["用户标识"] == "wechat_id"
    stored = _stored(con, "bill")
    assert not set(raw["用户标识"]) & set(stored["用户标识"].astype(str))
    assert stored["用户标识"].nunique() == raw["用户标识"].nunique()
    assert stored["商户订单号"].astype(str).tolist() == raw["商户订单号"].tolist()


def test_a_masked_openid_still_groups_payments_and_is_the_customer(con):
    raw = _raw_bill()
    load_file(con, BILL, "bill", mask_pii=True)
    stored = _stored(con, "bill")
    key = privacy.workspace_key(privacy.connection_folder(con))
    tokens = [privacy.pseudonym(key, "wechat_id", v) for v in raw["用户标识"]]
    assert stored["用户标识"].tolist() == tokens
    found = {r: c for r, (c, _) in roles.detect_with_evidence(con, "bill").items()}
    assert found["customer_id"] == "用户标识"


def test_openids_differing_only_in_case_stay_two_people():
    key = bytes(32)
    assert (privacy.pseudonym(key, "wechat_id", "oUpF8KRSj99BjkLC6xt2nYEHp7Nc")
            != privacy.pseudonym(key, "wechat_id", "oupf8krsj99bjklc6xt2nyehp7nc"))


def test_a_wecom_export_with_external_userids_masks_them(con, tmp_path):
    wecom = pd.read_excel(DATA / "wecom_customers_excerpt_zh.xlsx", dtype=str)
    ids = [f"wmXXXX{i:04d}bmjrPTlm6_2sgVt7hMZ" for i in range(len(wecom))]
    wecom.insert(0, "external_userid", ids)
    wecom.insert(1, "unionid", [f"o6_bmjrPTlm6_2sgVt7hM{i:07d}" for i in range(len(wecom))])
    path = tmp_path / "企业微信客户.csv"
    wecom.to_csv(path, index=False)
    load_file(con, path, "wecom", mask_pii=True)
    masked = privacy.masked_columns(con, "wecom")
    assert masked["external_userid"] == masked["unionid"] == "wechat_id"
    stored = _stored(con, "wecom")
    assert not set(ids) & set(stored["external_userid"])
    assert stored["external_userid"].nunique() == len(set(ids))


@pytest.mark.parametrize("header, values", [
    ("商户订单号", ["8240100000016345", "8240100000044278"]),
    ("公众账号ID", ["wx8a3c5d71e09f2b46", "wx8a3c5d71e09f2b46"]),
    ("Order ID", ["order_2024_00000000000000001", "order_2024_00000000000000002"]),
])
def test_order_and_app_ids_are_no_wechat_user(header, values):
    assert privacy.classify_values(values, header) is None


def _customers(con, table: str) -> int:
    view = transaction_view(con, table, roles.get_roles(con, table))
    sql = f"SELECT count(DISTINCT customer_id) FROM ({view.sql})"
    return con.execute(sql, list(view.params)).fetchone()[0]


def test_shouqianbas_payer_account_is_masked_and_keeps_every_customer(con):
    """left81: 收钱吧's 付款账户 (a 微信 openid, a 支付宝 login ``136****4913``, blank for a bank card) keys
    the customer, yet it loaded in clear under --mask-pii: 24 of its 31 values are openids, under the bar."""
    raw = pd.read_excel(SHOUQIANBA, skiprows=3, dtype=str)["付款账户"].dropna()
    load_file(con, SHOUQIANBA, "plain")
    load_file(con, SHOUQIANBA, "sqb", mask_pii=True)
    assert privacy.masked_columns(con, "sqb")["付款账户"] == "pay_account"
    stored = _stored(con, "sqb")["付款账户"].dropna()
    assert not set(raw) & set(stored) and stored.nunique() == raw.nunique()
    assert roles.get_roles(con, "sqb")["customer_id"] == "付款账户"
    assert _customers(con, "sqb") == _customers(con, "plain") > 0
