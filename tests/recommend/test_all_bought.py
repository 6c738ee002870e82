"""walk41: a candle maker's Faire wholesale orders (``faire_orders_all_bought_excerpt.csv``, judge84's built
set, four retailers who each stocked all six candles). New-to-customer lists have nothing left to offer:
the page said "Done: 0 recommendations" above four measures of "—" and an empty chart, without a reason."""

from __future__ import annotations

import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend.run import RecommendConfig, run
from tests.conftest import DATA

FAIRE = DATA / "faire_orders_all_bought_excerpt.csv"


@pytest.mark.parametrize("lang, said, way", [("en", "has already bought all 6 products", "Buy again"),
                                             ("zh", "都已买过全部 6 种商品", "再次购买（复购）")])
def test_customers_who_bought_everything_are_said_so_with_the_list_that_serves_them(con, lang, said, way):
    load_file(con, FAIRE, table="faire")
    result = run(con, "faire")
    assert result.recommendations.empty
    reason = say(result.evaluation["skipped"], lang)
    assert "4" in reason and said in reason and way in reason, reason


def test_a_buy_again_list_is_not_told_so(con):
    load_file(con, FAIRE, table="faire")
    result = run(con, "faire", RecommendConfig(mode="again"))
    assert not result.recommendations.empty and "skipped" not in result.evaluation
