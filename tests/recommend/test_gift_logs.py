"""A donation log in Recommend (walk39): Givebutter's gifts to a food bank were told "load the order-lines
(order items) export of the shop, or the till's item sales report". A gift names no product: the refusal
says so in a donor's words, and leaves a shop's order log its own advice."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.recommend import run as rec_run
from tests.conftest import DATA


def _refusal(con, name: str):
    table = load_file(con, DATA / name)[0].table
    with pytest.raises(CrmError) as refused:
        rec_run.run(con, table)
    return refused.value.args[0]


def test_a_gift_log_is_told_it_holds_gifts_not_purchases(con):
    said = _refusal(con, "givebutter_transactions_excerpt.csv")
    en, zh = said.text("en"), said.text("zh")
    assert "gift" in en and not any(word in en for word in ("shop", "order", "till", "item"))
    assert "捐" in zh and not any(word in zh for word in ("网店", "订单", "收银", "商品明细"))


def test_a_shops_order_log_keeps_the_shops_advice(con):
    """Magento's order grid (orders, no items): still told to load the shop's order lines."""
    said = _refusal(con, "magento_order_grid_excerpt.csv")
    assert "order-lines" in said.text("en") and "gift" not in said.text("en")


def test_a_donors_postal_code_is_not_offered_as_what_was_given(con):
    """Donorbox's refusal offered ``Postal Code`` (97212 …) as a product column: where a gift came from."""
    said = _refusal(con, "donorbox_donations_excerpt.csv").text("en")
    assert "Designation" in said and "Postal Code" not in said


@pytest.mark.parametrize("name", ["actblue_contributions_excerpt.csv", "zeffy_payments_excerpt.csv"])
def test_a_campaigns_contributions_are_refused_in_a_donors_words(con, name):
    """ActBlue's refusal said "mark one on the Data page (or pass --product-col)" of a campaign's gifts, and
    Zeffy's told a choir to load its shop's order lines (judge82, left89)."""
    said = _refusal(con, name)
    assert said.key == "roles.need.product_gifts", said.text("en")
    assert "捐" in said.text("zh") and "订单" not in said.text("zh")
