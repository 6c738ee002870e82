"""A customer-table number that only repeats another feature (有赞's 积分, a point a yuan beside
累计消费金额) is clustered on once, and the run says which column was left out (left24)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment import run as segment
from crm_core.segment.run import SegmentConfig
from crm_core.workspace import store

DATA = Path(__file__).resolve().parents[1] / "data"
YOUZAN = DATA / "youzan_members_excerpt_zh.xlsx"


def _members() -> pd.DataFrame:
    return pd.read_excel(YOUZAN, header=1).iloc[:-1]  # the title row above, the 合计 row below


def test_points_that_repeat_the_spend_are_clustered_on_once_and_said_in_both_languages(ws):
    members = _members()
    assert members["积分"].corr(members["累计消费金额"], method="spearman") >= 0.95
    with ws.connect() as con:
        load_file(con, YOUZAN, table="yz")
        result = segment.run(con, "yz", SegmentConfig(k=4), lang="zh")
    assert "积分" not in result.feature_columns()
    assert "monetary" in result.feature_columns()
    assert "积分" in result.members  # still in the members table, beside the segment
    said = [n for n in result.notes if getattr(n, "key", "") == "segment.note.repeated"]
    assert len(said) == 1
    assert "'积分'" in said[0] and "'累计消费金额'" in said[0]
    zh = said[0].text("zh")
    assert "“积分”" in zh and "“累计消费金额”" in zh


def test_a_number_the_analyst_asked_for_is_kept_even_when_it_repeats(ws):
    with ws.connect() as con:
        load_file(con, YOUZAN, table="yz")
        result = segment.run(con, "yz", SegmentConfig(k=4, numeric_attributes=("积分",)), lang="en")
    assert "积分" in result.feature_columns()
    assert not [n for n in result.notes if getattr(n, "key", "") == "segment.note.repeated"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_customer_table_numbers_that_move_together_are_kept_once(ws, tmp_path, lang):
    """Without purchases: a member file's 年消费 and 月均消费 (one twelfth of it) rank alike;
    the first is kept, the second left out and named."""
    members = _members()
    spent = members["累计消费金额"].astype(float)
    table = pd.DataFrame({"手机号": members["手机号"].astype(str), "年消费": spent.round(2),
                          "月均消费": (spent / 12).round(2), "会员等级": members["会员等级"],
                          "年龄": (20 + members.index % 40).astype(int)})
    path = tmp_path / "会员资料.csv"
    table.to_csv(path, index=False)
    with ws.connect() as con:
        load_file(con, path, table="m")
        result = segment.run(con, "m", SegmentConfig(k=3), lang=lang)
    assert "年消费" in result.feature_columns() and "月均消费" not in result.feature_columns()
    assert "年龄" in result.feature_columns()
    said = [n.text(lang) for n in result.notes if getattr(n, "key", "") == "segment.note.repeated"]
    assert len(said) == 1 and "月均消费" in said[0] and "年消费" in said[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_customer_total_repeating_price_times_quantity_names_the_rule_in_words(ws, tmp_path, lang):
    """left44: WooCommerce's lines (money is Quantity × Item Cost, less the cart discount) beside its
    customer export, whose money spent repeats it: the note named the kept measure by the view's code
    'quantity × unit_price less order discount'; it says the rule as the coverage caption does."""
    from crm_core.i18n import t

    lines = pd.read_csv(DATA / "woocommerce_cart_discounts_excerpt.csv")
    money = lines["Quantity"] * lines["Item Cost"]
    spent = money.groupby(lines["Billing Email"]).sum() - lines.drop_duplicates("Order Number").groupby(
        "Billing Email")["Cart Discount"].sum()
    orders = lines.groupby("Billing Email")["Order Number"].nunique().loc[spent.index]
    customers = pd.DataFrame({"Email": spent.index, "Orders": orders.values,
                              "Money Spent": spent.round(2).values})
    customers.to_csv(tmp_path / "woo_customers.csv", index=False)
    with ws.connect() as con:
        load_file(con, DATA / "woocommerce_cart_discounts_excerpt.csv", table="woo")
        load_file(con, tmp_path / "woo_customers.csv", table="woo_customers")
        store.save_roles(con, "woo_customers", {"customer_id": "Email"})
        result = segment.run(con, "woo", SegmentConfig(k=3, customers_table="woo_customers"), lang=lang)
    said = [n.text(lang) for n in result.notes if getattr(n, "key", "") == "segment.note.repeated"]
    said = [n for n in said if "Money Spent" in n]
    assert len(said) == 1 and "unit_price" not in said[0], said
    assert t("amount.source.quantity_x_unit_price_less_order_discount", lang) in said[0], said
