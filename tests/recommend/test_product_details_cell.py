"""BigCommerce's orders export packs every line of an order in one ``Product Details`` cell, labelled fields
per line and lines joined by ``|`` (``Product ID: 100, Product Qty: 1, Product SKU: …, Product Name: …,
Product Unit Price: 67.50, Product Total Price: 67.50|Product ID: 115, …``, as in a public script holding a
real export row). judge37: recommend and basket refused the table as "orders, not the items in them". The
excerpt is judge37's florist (Complete Journey's real FLORAL baskets); every expectation is parsed here
with Python, never typed in."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import basket, data
from crm_core.recommend.run import RecommendConfig
from crm_core.recommend.run import run as recommend_run
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

EXCERPT = DATA / "bigcommerce_orders_excerpt.csv"
UNPAID = ("Awaiting Payment", "Refunded", "Cancelled")
"""Statuses of orders that sold nothing; the load leaves them out of every analysis."""


def _field(block: str, label: str) -> str:
    return re.search(rf"(?:^|, ){label}: (.*?)(?:, Product [A-Za-z ]+:|$)", block).group(1)


def _lines_by_hand(path=EXCERPT) -> dict[str, dict[str, tuple[float, float]]]:
    """Each paid order's products with (quantity, line total to the cent), read with Python, not the code
    under test."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    paid = frame[~frame["Order Status"].isin(UNPAID)]
    read: dict[str, dict[str, tuple[float, float]]] = {}
    for order, cell in zip(paid["Order ID"], paid["Product Details"], strict=True):
        for block in filter(str.strip, cell.split("|")):
            block = block.strip()
            read.setdefault(order, {})[_field(block, "Product ID")] = (
                float(_field(block, "Product Qty")),
                round(float(_field(block, "Product Qty")) * float(_field(block, "Product Unit Price")), 2))
    return read


@pytest.fixture
def orders(con) -> str:
    return load_file(con, EXCERPT, table="bc")[0].table


def _view_lines(con, table) -> dict[str, dict[str, tuple[float, float]]]:
    view = data.purchase_view(con, table, get_roles(con, table), need_customer=False)
    read: dict[str, dict[str, tuple[float, float]]] = {}
    for order, product, quantity, amount in con.execute(
            f"SELECT order_id, product_id, quantity, amount FROM ({view.sql})").fetchall():
        read.setdefault(str(order), {})[product] = (float(quantity), round(float(amount), 2))
    return read


def test_each_line_of_product_details_is_a_purchase_row(con, orders):
    by_hand = _lines_by_hand()
    assert _view_lines(con, orders) == by_hand
    assert any(len(lines) > 1 for lines in by_hand.values())


def test_basket_counts_the_paid_orders_and_their_pairs(con, orders):
    by_hand = _lines_by_hand()
    result = basket.run(con, orders, basket.BasketConfig(min_support=0.01, min_confidence=0.0))
    assert result.baskets == len(by_hand)
    assert len(result.rules) > 0
    top = result.rules.iloc[0]
    both = sum(1 for lines in by_hand.values() if {top.antecedent, top.consequent} <= set(lines))
    assert top.support == pytest.approx(both / len(by_hand), abs=1e-6)


def test_recommend_lists_the_shops_products_by_name(con, orders):
    run = recommend_run(con, orders, RecommendConfig())
    products = {p for lines in _lines_by_hand().values() for p in lines}
    assert len(run.recommendations) > 0
    assert set(run.recommendations["product_id"].astype(str)) <= products
    assert "product_name" in run.recommendations.columns


SHAPES = """Order ID,Customer Email,Order Date,Order Status,Order Total (inc tax),Product Details
1,a@x.com,02/01/2017,Completed,30.00,"Product ID: 7, Product Qty: 2, Product SKU: R-1, \
Product Name: Roses, red, Product Weight: 1.0000, Product Variation Details: Size: S (4), \
Product Unit Price: 5.00, Product Total Price: 10.00 | Product ID: 8, Product Qty: 1, Product SKU: T-1, \
Product Name: Tulips, Product Weight: 1.0000, Product Variation Details: , Product Unit Price: 20.00, \
Product Total Price: 20.00"
2,b@x.com,03/01/2017,Completed,5.00,"Product ID: 7, Product Qty: 1, Product SKU: R-1, \
Product Name: Roses, red, Product Weight: 1.0000, Product Variation Details: , Product Unit Price: 5.00, \
Product Total Price: 5.00"
"""


def test_a_name_with_a_comma_and_spaced_bars(con, tmp_path):
    """A name holding a comma (``Roses, red``), a variation holding a colon (``Size: S (4)``) and ``" | "``
    between lines, as scripts rebuilding the export write it, read the same."""
    path = tmp_path / "orders.csv"
    path.write_text(SHAPES, encoding="utf-8")
    table = load_file(con, path, table="shapes")[0].table
    assert _view_lines(con, table) == _lines_by_hand(path) == {"1": {"7": (2.0, 10.0), "8": (1.0, 20.0)},
                                                  "2": {"7": (1.0, 5.0)}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_runs_say_which_cell_they_split_and_by_which_labels(con, orders, lang):
    for notes in (basket.run(con, orders).notes, recommend_run(con, orders, RecommendConfig()).notes):
        said = " ".join(say(note, lang) for note in notes)
        assert "Product Details" in said and "Product ID" in said and "Product Qty" in said
        assert ("one purchase row per line" in said) if lang == "en" else ("一条购买记录" in said)
