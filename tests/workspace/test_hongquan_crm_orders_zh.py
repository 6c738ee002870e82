"""A B2B supplier's 红圈CRM 订单导出 (judge93): the excerpt holds 200 orders (469 产品 rows) of 12
firms (.xlsx, 客户名称 a company, 联系人, 联系电话 a third masked ``138****1234``, 产品名称, 数量, 单价,
小计, the order's 订单金额 / 已回款金额 on each line, 回款状态, 订单状态 已完成 / 执行中 / 待审批 / 已取消 /
已退款, 业务员, a two-line 收货地址); days from Complete Journey's real DRUG GM baskets (docs/judge.md,
the ninety-second pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment.run import run as segment
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

HONGQUAN = DATA / "hongquan_crm_orders_excerpt_zh.xlsx"


def _orders_by_firm() -> list[int]:
    """Orders per 客户名称, of the orders the load keeps (已取消 and 已退款 are no sale)."""
    rows = pd.read_excel(HONGQUAN, dtype={"订单编号": str})
    rows = rows[~rows["订单状态"].isin(["已取消", "已退款"])]
    return sorted(rows.groupby("客户名称")["订单编号"].nunique())


@pytest.mark.parametrize("masked", [False, True])
def test_the_buying_firm_is_the_customer_not_its_contacts_phone(con, masked):
    """On main the contact's 联系电话 was the key: a firm's phone written in clear on some orders and masked
    on others made 24 "customers" of 12 firms. A 客户名称 that reads as firms is the customer."""
    load_file(con, HONGQUAN, table="hq", mask_pii=masked)
    assert get_roles(con, "hq")["customer_id"] == "客户名称"
    frame = segment(con, "hq").features.frame
    assert sorted(frame["frequency"]) == _orders_by_firm()
