"""A convenience store's 饿百零售 订单明细 (judge93): the excerpt holds its first 400 orders (UTF-8 with
BOM, an order a row, 商品明细 ``名称*数量`` joined by ``；`` in one cell, 商品总价 / 包装费 / 配送费 /
商家活动支出 / 顾客实付 / 平台服务费 / 商家实收, 订单状态 已完成 / 已取消 / 退款成功 / 待付款), the
buyer only as 顾客姓名 ``何**`` and 顾客电话 a 隐私号 (``17065521917_1013``) on three orders in four, else
``188****1184``; days from Complete Journey's real GROCERY baskets (docs/judge.md, the ninety-second pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment.run import run as segment
from tests.conftest import DATA

ELEME = DATA / "eleme_retail_orders_excerpt_zh.csv"


@pytest.mark.parametrize("masked", [False, True])
def test_relay_numbers_are_no_buyer_in_a_masked_load_too(con, masked):
    """With ``--mask-pii`` main (``938e9ee6``) took 顾客电话 as the customer (its relay numbers pseudonymised,
    nothing showed they were lent for one order). Masked or not, it is said as no buyer (walk41's fix)."""
    load_file(con, ELEME, table="eb", mask_pii=masked)
    with pytest.raises(CrmError) as refused:
        segment(con, "eb")
    relay = next(v for v in pd.read_csv(ELEME, dtype=str)["顾客电话"] if "_" in v)
    said = say(refused.value.args[0], "zh")
    assert "隐私号" in said and "顾客电话" in said and (masked or relay in said)
    assert "relay number" in say(refused.value.args[0], "en")
