"""left94: a discount beside an order's total is off the goods the customer paid for. Big Cartel's `Item
total` is before its `Discount total` (`Total price` = items − discount + shipping + tax), Weebly's product
lines are before the order's bare `Discount` written on each of them (`Order Total` = `Order Subtotal` −
discount + shipping + tax); judge86 counted both discounts as spend. Expected money is read from the
excerpts with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.workspace.test_freshbooks_actblue import _totals

BIGCARTEL = DATA / "bigcartel_orders_excerpt.csv"
WEEBLY = DATA / "weebly_orders_excerpt.csv"


def _money(values: pd.Series) -> pd.Series:
    return values.str.replace("$", "", regex=False).astype(float)


def test_big_cartels_item_total_is_taken_less_its_discount(con):
    frame = pd.read_csv(BIGCARTEL, dtype=str, keep_default_na=False)
    paid = frame[(frame["Status"] == "Completed") & (frame["Payment status"] == "Completed")]
    discount = _money(paid["Discount total"])
    assert (discount > 0).sum() >= 3
    load_file(con, BIGCARTEL, "bc")
    assert _totals(con, "bc")[0] == pytest.approx((_money(paid["Item total"]) - discount).sum())


def test_weeblys_order_discount_on_each_line_is_taken_off_once_per_order(con):
    frame = pd.read_csv(WEEBLY, dtype=str, keep_default_na=False)
    paid = frame[frame["Payment Status"] == "Paid"]
    goods = (_money(paid["Product Price"]) * _money(paid["Product Quantity"])).sum()
    discount = _money(paid.drop_duplicates("Order #")["Discount"]).sum()
    assert discount > 0
    load_file(con, WEEBLY, "wb")
    assert _totals(con, "wb")[0] == pytest.approx(goods - discount)
