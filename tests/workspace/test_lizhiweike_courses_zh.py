"""A teacher's 荔枝微课 订单 (judge76): the excerpt holds the orders of 20 buyers, one row per course bought
(UTF-8 with BOM, 下单时间 ``2025/1/3 12:05``, 实付金额 ``9.90元``, 订单状态 已支付 / 待支付 / 已退款 / 已取消,
a two-line 备注), their days from Complete Journey's real PASTRY baskets (docs/judge.md, the seventy-fifth
pass)."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.recommend.configs import RecommendConfig
from crm_core.recommend.run import run as recommend
from crm_core.workspace.roles import detect_roles
from tests.conftest import DATA

LIZHI = DATA / "lizhiweike_orders_excerpt_zh.csv"


def test_a_course_sold_is_the_product(con):
    """A course platform names what was bought 课程名称 (荔枝微课, 千聊, 小鹅通): read as no product,
    recommend and basket refused the orders "没有商品列", though every row names its course."""
    load_file(con, LIZHI, table="lz")
    assert detect_roles(con, "lz").get("product_name") == "课程名称"


def test_courses_are_recommended_by_their_titles(con):
    """With the course as the product, recommend lists the titles the paid orders bought."""
    paid = pd.read_csv(LIZHI, dtype=str).query("订单状态 == '已支付'")
    load_file(con, LIZHI, table="lz")
    shown = recommend(con, "lz", RecommendConfig(top=3)).recommendations
    assert set(shown["product_id"]) <= set(paid["课程名称"])
