"""A marketplace member name used as the customer id (left85): 飞猪 / 淘宝's 买家会员名 ``tb3190056_momo``, a
public nickname chosen by the buyer, stayed in clear under ``--mask-pii`` while 千聊's 用户昵称 was masked.
It is pseudonymised as a nickname with the workspace key, so it still keys the customer: counts and spend
do not move."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.link.customer360_loaded import table_records
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from crm_core.workspace import roles
from tests.conftest import DATA

FLIGGY = DATA / "fliggy_orders_excerpt_zh.csv"


def test_fliggys_member_name_is_masked_and_keeps_customers_and_spend(con):
    orders = pd.read_csv(FLIGGY, encoding="gb18030", dtype=str)
    raw = orders["买家会员名"]
    sold = orders[orders["订单状态"].isin(["交易成功", "部分退款"])]  # 交易关闭 / 等待买家付款: no sale
    load_file(con, FLIGGY, table="plain")
    load_file(con, FLIGGY, table="fz", mask_pii=True)
    assert privacy.masked_columns(con, "fz")["买家会员名"] == "nickname"
    stored = con.execute('SELECT "买家会员名" FROM fz').df()["买家会员名"]
    key = privacy.workspace_key(privacy.connection_folder(con))
    assert stored.tolist() == [privacy.pseudonym(key, "nickname", v) for v in raw]
    assert roles.get_roles(con, "fz")["customer_id"] == "买家会员名"
    plain, masked = (cohorts(con, t, CohortConfig()).summary() for t in ("plain", "fz"))
    assert masked["customers"] == plain["customers"] == sold["买家会员名"].nunique()
    assert round(masked["revenue"], 2) == round(plain["revenue"], 2) > 0


@pytest.mark.parametrize("header", ["买家会员名", "会员名", "淘宝会员名", "用户名", "买家旺旺", "旺旺号",
                                    "下单账号", "下单帐号", "Buyer User ID"])
def test_a_member_name_header_is_a_nickname(header):
    assert privacy.classify_values(["tb3190056_momo", "jd_小米粥", "木子9383"], header) == "nickname"


@pytest.mark.parametrize("header, values, kind", [
    ("会员名", ["100231", "100232"], None),  # a member number is no handle
    ("卖家会员名", ["tb3190056_momo", "旅行家旗舰店"], None),  # the shop, not the customer
    ("会员姓名", ["张伟", "李娜"], "name"),  # a real name stays a name (linked on its name key)
])
def test_what_a_member_name_is_not(header, values, kind):
    assert privacy.classify_values(values, header) == kind


def test_a_masked_member_name_is_still_found_when_typed(con):
    """Customer 360 over a masked export: the analyst types the member name as the shop shows it."""
    raw = pd.read_csv(FLIGGY, encoding="gb18030", dtype=str)["买家会员名"]
    load_file(con, FLIGGY, table="fz", mask_pii=True)
    assert len(table_records(con, "fz", "tb3190056_momo")) == (raw == "tb3190056_momo").sum() > 0
