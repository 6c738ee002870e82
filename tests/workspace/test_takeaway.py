"""A takeaway shop's 美团外卖 exports (judge22): the order export names the customer only as a
masked 顾客 (王**) and the review export as 王** or 匿名用户, so neither says who ordered; the
excerpts are gt::pizzaplace's real orders (docs/judge.md, twenty-first pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import detect_roles, get_roles
from tests.workspace.test_marketplace_roles import masked_then_chosen

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_masked_customer_name_is_no_customer(con):
    """美团's 顾客 shows the surname only (王**): read as the customer, 21,350 orders of 2,400 people
    became 51 "customers", one per surname, on judge22's set (21 on this excerpt)."""
    load_file(con, DATA / "meituan_orders_excerpt_zh.xlsx", table="orders")
    roles = detect_roles(con, "orders")
    assert roles.get("customer_id") != "顾客"
    assert roles.get("amount") == "用户实付金额" and roles.get("order_id") == "订单编号"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_masked_customer_is_refused_in_words_and_can_be_chosen(con, lang):
    """The refusal says the customer column is masked, with an example, and how to take it anyway."""
    load_file(con, DATA / "meituan_orders_excerpt_zh.xlsx", table="orders")
    assert masked_then_chosen(con, "orders", "顾客", "**", lang) == 21


def test_reviews_by_masked_or_anonymous_users_have_no_customer(con):
    """美团's 评价 export names the reviewer as 王** or 匿名用户 (89 of these 300): 2,434 reviews
    were segmented as the visits of 52 "customers"."""
    load_file(con, DATA / "meituan_reviews_excerpt_zh.csv", table="reviews")
    assert detect_roles(con, "reviews").get("customer_id") != "用户"


def test_the_table_kind_takes_no_masked_customer_either(con):
    """Segments and cohorts read the customer from the table's kind, whose own header rule took 顾客
    after the roles refused it: 51 "customers" were still segmented on judge22's set."""
    from crm_core.workspace.table_kind import detect_kind

    load_file(con, DATA / "meituan_orders_excerpt_zh.xlsx", table="orders")
    assert detect_kind(con, "orders").customer_col != "顾客"
    load_file(con, DATA / "meituan_reviews_excerpt_zh.csv", table="reviews")
    assert detect_kind(con, "reviews").customer_col != "用户"


def test_an_orders_list_of_items_with_counts_is_no_product(con):
    """美团's 商品 lists an order's items with counts in one cell (夏威夷披萨(中份)×1；…): read as the
    product, each combination was one "product" (10,339 of 32 pizzas in 5 sizes on judge22's set) and
    basket rules said every order held one product."""
    load_file(con, DATA / "meituan_orders_excerpt_zh.xlsx", table="orders")
    assert detect_roles(con, "orders").get("product_name") != "商品"


def _items_written_as(tmp_path, times: str, separator: str) -> Path:
    """The excerpt with its 商品 cells written as other tills write them (``A*2;B*1``)."""
    import pandas as pd

    orders = pd.read_excel(DATA / "meituan_orders_excerpt_zh.xlsx", dtype=str)
    orders["商品"] = orders["商品"].str.replace("×", times).str.replace("；", separator)
    orders.to_csv(tmp_path / "orders.csv", index=False)
    return tmp_path / "orders.csv"


@pytest.mark.parametrize(("times", "separator"), [("*", ";"), ("＊", "；"), ("*", "、")])
def test_items_counted_with_an_asterisk_are_no_product_either(con, tmp_path, times, separator):
    """``A*2;B*1`` is the same list as 美团's ``A×2；B×1``: read as the product, each order's
    combination of pizzas was one "product" (recommend and basket split such cells already)."""
    load_file(con, _items_written_as(tmp_path, times, separator), table="orders")
    roles = detect_roles(con, "orders")
    assert "商品" not in (roles.get("product_name"), roles.get("product_id"))


@pytest.mark.parametrize(("lang", "words"), [("en", "items"), ("zh", "商品明细")])
def test_the_data_page_says_the_cell_lists_items(con, tmp_path, lang, words):
    """The role overview points at the item list: the column has no role, and its why says it holds
    each order's items, read one by one by recommend and basket."""
    from crm_core.workspace.role_overview import column_overview

    load_file(con, _items_written_as(tmp_path, "*", ";"), table="orders")
    row = column_overview(con, "orders", lang).set_index("column").loc["商品"]
    assert row["role"] == "" and words in row["evidence"] and "*" in row["evidence"]


def test_a_single_title_with_a_times_sign_stays_a_product(con, tmp_path):
    """A product name that happens to hold a ×2 (a two-pack) is still one product per line."""
    rows = ["订单号,商品名称,数量,金额", "1,纸巾×2,1,9.9", "1,牛奶,2,12.0", "2,纸巾×2,1,9.9", "3,牛奶,1,6.0"]
    (tmp_path / "lines.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    load_file(con, tmp_path / "lines.csv", table="lines")
    assert detect_roles(con, "lines").get("product_name") == "商品名称"


def test_a_wecom_contact_list_is_a_customer_table(con):
    """企业微信's 客户 export is one row per contact with the day it was added (添加时间); a WeChat
    nickname seen twice (晴天925) is two people. Read as a log of 客户名称 by 添加时间, judge22's 727
    contacts were segmented as visits ("高频访问，近期活跃")."""
    from crm_core.workspace.table_kind import detect_kind

    load_file(con, DATA / "wecom_customers_excerpt_zh.xlsx", table="wecom")
    assert detect_roles(con, "wecom").get("customer_id") != "客户名称"
    assert detect_kind(con, "wecom").kind == "customers"


def test_a_delivery_address_is_not_offered_as_what_was_bought(con):
    """With the masked 顾客 taken as the customer anyway, basket rules offered 收货地址 (five masked
    streets) as the product column: an address is where the order went, not what it held."""
    from crm_core.recommend.offers import product_like_columns

    load_file(con, DATA / "meituan_orders_excerpt_zh.xlsx", table="orders")
    roles = get_roles(con, "orders", {"customer_id": "顾客"})
    assert "收货地址" not in product_like_columns(con, "orders", roles)
