"""Privacy leftovers of judge81 / judge83 / judge84 (left91): Depop's `Address Line 2` (``Flat 2``) stayed in
clear under ``--mask-pii`` beside a masked `Address Line 1`; 悟空CRM's 客户名称 (苏州白云贸易有限公司) was
masked but labelled a nickname; E店宝's 买家ID (``tb_5255``, a Taobao handle) stayed in clear. Masking must
not move customers or spend."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from tests.conftest import DATA

DEPOP = DATA / "depop_sales_excerpt.csv"
WUKONG = DATA / "wukong_receivables_excerpt_zh.xlsx"
EDIANBAO = DATA / "edianbao_orders_excerpt_zh.csv"


def _masked_load(con, path, column: str, raw: pd.Series) -> tuple[str | None, set[str], list[str]]:
    """The column's masked kind, the raw values still stored, the load's notes in zh; customers and revenue
    checked equal to a plain load's."""
    load_file(con, path, table="plain")
    notes = load_file(con, path, table="masked", mask_pii=True)[0].notes
    plain, masked = (cohorts(con, t, CohortConfig()).summary() for t in ("plain", "masked"))
    assert masked["customers"] == plain["customers"] > 0
    assert round(masked["revenue"], 2) == round(plain["revenue"], 2) > 0
    stored = {v for (v,) in con.execute(f'SELECT DISTINCT "{column}" FROM masked').fetchall()}
    return (privacy.masked_columns(con, "masked").get(column), stored & set(raw.dropna()),
            [say(n, "zh") for n in notes])


def test_depops_address_line_2_is_masked_like_line_1(con):
    raw = pd.read_csv(DEPOP, dtype=str)["Address Line 2"]
    kind, left, notes = _masked_load(con, DEPOP, "Address Line 2", raw)
    assert kind == "address" and not left and "Address Line 2：已脱敏（地址）" in notes
    assert privacy.masked_columns(con, "masked").get("City") is None  # a city is kept, as 省 / 市 / 区 are


@pytest.mark.parametrize("header", ["Address Line 2", "Shipping Address2", "Address 2 (Shipping)",
                                    "Apartment", "Apt", "Suite", "地址2", "门牌号"])
def test_an_address_lines_second_part_is_an_address(header):
    assert privacy.classify_values(["Flat 2", "Apt 4B", "Unit 7", "2F"], header) == "address"


@pytest.mark.parametrize("header, values", [
    ("Address Type", ["Home", "Work", "Home"]),  # what kind of address, not where
    ("IP Address", ["203.0.113.9", "198.51.100.4"]),
])
def test_what_an_address_part_is_not(header, values):
    assert privacy.classify_values(values, header) != "address"


def test_wukongs_customer_name_of_firms_is_a_company(con):
    raw = pd.read_excel(WUKONG, dtype=str)["客户名称"]
    kind, left, notes = _masked_load(con, WUKONG, "客户名称", raw)
    assert kind == "company" and not left and "客户名称：已脱敏（公司名称）" in notes


def test_a_customer_name_of_wechat_names_stays_a_nickname():
    """企业微信's 客户列表 writes the contact's WeChat name under 客户名称 (judge68)."""
    assert privacy.classify_values(["🎵建华", "小鱼儿🐟", "Amy🌸", "追风少年2021"], "客户名称") == "nickname"


def test_edianbaos_buyer_id_of_handles_is_a_nickname(con):
    raw = pd.read_csv(EDIANBAO, dtype=str, encoding="gb18030")["买家ID"]
    kind, left, notes = _masked_load(con, EDIANBAO, "买家ID", raw)
    assert kind == "nickname" and not left and "买家ID：已脱敏（昵称）" in notes


@pytest.mark.parametrize("values", [
    ["2208745512", "2208745513", "1983302"],  # a number: the platform's id
    ["AAHk5d-EAAeGwJedwekqV8Pz", "AAGm3Xq9EAEdG0xNk2Qw7aT1"],  # 淘宝's encrypted buyer id (a hash)
])
def test_a_buyer_id_that_is_no_handle_stays_an_id(values):
    assert privacy.classify_values(values, "买家ID") is None


def test_a_buyer_id_of_handles_is_a_nickname():
    assert privacy.classify_values(["tb_小鱼2021", "柠檬5235", "tb_5255"], "买家ID") == "nickname"
