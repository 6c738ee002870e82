"""美团外卖's 订单明细 (judge68) gives each order a 隐私号: a relay number and its extension
(``17036767919_2061``) that rings the customer for the order's days. ``--mask-pii`` loaded it in clear beside
the masked 收货人 and 收货地址 (tests/data/meituan_waimai_order_lines_excerpt_zh.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from tests.conftest import DATA

MEITUAN = DATA / "meituan_waimai_order_lines_excerpt_zh.csv"


def test_a_takeaway_orders_relay_number_is_masked_as_a_phone(con):
    raw = pd.read_csv(MEITUAN, encoding="gb18030", dtype=str)
    load_file(con, MEITUAN, "meituan", mask_pii=True)
    masked = privacy.masked_columns(con, "meituan")
    stored = con.execute('SELECT "隐私号" FROM "meituan"').df()
    assert masked["隐私号"] == "phone"
    assert not set(raw["隐私号"]) & set(stored["隐私号"])
    assert stored["隐私号"].nunique() == raw["隐私号"].nunique()
    assert {"订单编号", "菜品名称", "订单状态", "用户ID"}.isdisjoint(masked)


@pytest.mark.parametrize("value", ["17036767919_2061", "13800138000转1234", "138 0013 8000,1234",
                                   "+86 13800138000 ext 1234"])
def test_a_relay_number_with_its_extension_reads_as_a_phone_under_any_relay_header(value):
    assert privacy.classify_values([value] * 5, "虚拟号") == "phone"
    assert privacy.classify_values([value] * 5, "隐私号码") == "phone"


@pytest.mark.parametrize("value", ["1100000000000000000", "2025-01-01_1234", "SKU_1234"])
def test_an_order_number_or_code_is_no_relay_number(value):
    assert privacy.classify_values([value] * 5, "单号") is None
