"""An order's items written in one cell (美团's 商品 ``夏威夷披萨(大份)×2；意式至尊披萨(中份)×1``) are what
the order held: basket rules and recommendations read one row per item with its count (judge22:
the roles refuse such a cell as a product, so both refused "no product column"). The excerpt is
gt::pizzaplace's real orders (docs/judge.md, twenty-first pass)."""

from __future__ import annotations

import re
from itertools import combinations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import basket, data
from crm_core.recommend.run import RecommendConfig
from crm_core.recommend.run import run as recommend_run
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

EXCERPT = DATA / "meituan_orders_excerpt_zh.xlsx"
KEPT = ("已完成", "部分退款")
"""Statuses of orders that stand (a part refund keeps the order); 已取消 and 已退款 sold nothing."""


def _orders_by_hand() -> dict[str, dict[str, int]]:
    """Each kept order's items and counts, read from the file with Python, not the code under test."""
    frame = pd.read_excel(EXCERPT, dtype={"订单编号": str})
    kept = frame[frame["订单状态"].isin(KEPT)]
    return {order: {m.group(1): int(m.group(2)) for m in re.finditer(r"([^；]+)×(\d+)", cell)}
            for order, cell in zip(kept["订单编号"], kept["商品"], strict=True)}


@pytest.fixture
def orders(con) -> str:
    return load_file(con, EXCERPT, table="orders")[0].table


def test_each_item_in_the_cell_is_a_purchase_row_with_its_count(con, orders):
    view = data.purchase_view(con, orders, get_roles(con, orders), need_customer=False)
    rows = con.execute(f"SELECT order_id, product_id, quantity FROM ({view.sql})").fetchall()
    read = {}
    for order, product, quantity in rows:
        read.setdefault(order, {})[product] = int(quantity)
    assert read == _orders_by_hand()


def test_basket_rules_count_the_orders_the_items_share(con, orders):
    """Support and lift checked against the pairs counted by hand over the same orders."""
    result = basket.run(con, orders, basket.BasketConfig(min_support=0.005))
    by_hand = _orders_by_hand()
    assert result.baskets == len(by_hand) == 556
    assert len(result.rules) > 0
    pairs: dict[tuple[str, str], int] = {}
    singles: dict[str, int] = {}
    for items in by_hand.values():
        for item in items:
            singles[item] = singles.get(item, 0) + 1
        for pair in combinations(sorted(items), 2):
            pairs[pair] = pairs.get(pair, 0) + 1
    for rule in result.rules.head(5).itertuples():
        both = pairs[tuple(sorted((rule.antecedent, rule.consequent)))]
        assert rule.support == pytest.approx(both / len(by_hand), abs=1e-6)
        lift = both / singles[rule.antecedent] / (singles[rule.consequent] / len(by_hand))
        assert rule.lift == pytest.approx(lift, abs=1e-4)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_run_says_it_read_the_items_from_the_cell(con, orders, lang):
    said = " ".join(say(note, lang) for note in basket.run(con, orders).notes)
    assert "商品" in said and "×" in said
    assert ("count" in said) if lang == "en" else ("件数" in said)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_recommend_says_why_it_needs_a_customer_and_offers_the_basket(con, orders, lang):
    """The masked 顾客 (王**) still names no customer; recommend says why a list needs one, and that
    what is ordered together needs only the orders."""
    with pytest.raises(CrmError) as refused:
        recommend_run(con, orders, RecommendConfig())
    said = say(refused.value.args[0], lang)
    assert "顾客" in said and "--customer-col 顾客" in said
    assert ("each customer" in said and "basket orders" in said) if lang == "en" else \
        ("每位顾客" in said and "basket orders" in said)


def test_recommend_lists_pizzas_once_the_masked_name_is_taken_as_the_customer(con, orders):
    run = recommend_run(con, orders, RecommendConfig(), roles={"customer_id": "顾客"})
    pizzas = {item for items in _orders_by_hand().values() for item in items}
    assert set(run.recommendations["product_id"]) <= pizzas
    assert any("商品" in note for note in run.notes)


SHAPES = """订单号,下单时间,商品,实付
1,2025-01-01,A×2；B×1,10
2,2025-01-01,A*2;C,10
3,2025-01-02,B x 2，C x1,10
4,2025-01-02,"A, B*3",10
5,2025-01-03,C,10
6,2025-01-03,披萨(大份)x2、A＊1,10
"""


def test_separators_and_counts_as_shops_write_them(con, tmp_path):
    """；;，,、 between items; ×, x, * (and ＊) before the count, spaced or not; no count is one."""
    (tmp_path / "orders.csv").write_text(SHAPES, encoding="utf-8")
    table = load_file(con, tmp_path / "orders.csv", table="shapes")[0].table
    view = data.purchase_view(con, table, get_roles(con, table), need_customer=False)
    rows = con.execute(f"SELECT order_id, product_id, quantity FROM ({view.sql})").fetchall()
    assert sorted((o, p, int(q)) for o, p, q in rows) == [
        ("1", "A", 2), ("1", "B", 1), ("2", "A", 2), ("2", "C", 1), ("3", "B", 2), ("3", "C", 1),
        ("4", "A", 1), ("4", "B", 3), ("5", "C", 1), ("6", "A", 1), ("6", "披萨(大份)", 2)]


def test_a_product_column_of_two_packs_is_not_split(con, tmp_path):
    """A product named with its pack size (纸巾×2) on each line is one product, never a list."""
    rows = ["订单号,商品名称,数量,金额", "1,纸巾×2,1,9.9", "1,牛奶,2,12.0", "2,纸巾×2,1,9.9", "3,牛奶,1,6.0"]
    (tmp_path / "lines.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = load_file(con, tmp_path / "lines.csv", table="lines")[0].table
    view = data.purchase_view(con, table, get_roles(con, table), need_customer=False)
    products = {r[0] for r in con.execute(f"SELECT product_id FROM ({view.sql})").fetchall()}
    assert products == {"纸巾×2", "牛奶"}
