"""Money a currency column names row by row (walk36): 马帮's 商品金额(原币) beside 币种 USD showed "¥24.92" on
Customer 360, the yuan of its 商品金额(人民币) twin; Lemon Squeezy's ``total`` in GBP, USD and EUR (its
``currency``) had "$" on its profile fences, the dollars of ``total_usd``."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from crm_core.report import format as fmt
from crm_core.report.column_currency import column_currency, signed_beside
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import money_columns
from tests.conftest import DATA

MABANG = DATA / "mabang_orders_excerpt_zh.csv"
LEMON = DATA / "lemonsqueezy_orders_excerpt.csv"


def test_a_column_takes_the_currency_its_rows_name_or_none_when_they_name_several(con):
    load_file(con, MABANG, table="mabang")
    load_file(con, LEMON, table="lemon")
    codes = pd.read_csv(LEMON, dtype=str)["currency"].unique()
    assert len(codes) > 1
    assert column_currency(con, "lemon", "total", "USD") == ""
    assert column_currency(con, "lemon", "total_usd", "USD") == "USD"
    assert pd.read_csv(MABANG, dtype=str)["币种"].unique().tolist() == ["USD"]
    assert column_currency(con, "mabang", "商品金额(原币)", "CNY") == "USD"
    assert column_currency(con, "mabang", "商品金额(人民币)", "CNY") == "CNY"
    stripe = DATA / "stripe_payments_fx_excerpt.csv"
    load_file(con, stripe, table="stripe")  # the card's Currency holds several; Converted Currency one
    assert pd.read_csv(stripe, dtype=str)["Converted Currency"].unique().tolist() == ["usd"]
    assert pd.read_csv(stripe, dtype=str)["Currency"].nunique() > 1
    assert column_currency(con, "stripe", "Converted Amount", "") == "USD"  # left69 had made it bare
    assert column_currency(con, "stripe", "Amount", "") == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fences_of_a_column_in_several_currencies_carry_no_sign(con, lang):
    load_file(con, LEMON, table="lemon")
    found = profile(con, "lemon", lang=lang)
    fences = [p["message"] for p in found["problems"] if p["column"] == "total" and p["kind"] == "outliers"]
    assert fences, found["problems"]
    assert all(re.search(r"\[\d", text) and not set(text) & set("$£€¥") for text in fences), fences


def test_a_360_record_shows_the_original_currency_in_the_code_beside_it(con):
    lines = pd.read_csv(MABANG, dtype=str)
    line = lines[lines["买家ID"] == "ahmad051"].iloc[0]
    load_file(con, MABANG, table="mabang")
    records = customer360.view(con, "ahmad051")["linked_records"]
    shown = next(r for r in records if r["SKU"] == line["SKU"])
    assert shown["商品金额(原币)"] == fmt.money(float(line["商品金额(原币)"]), line["币种"], 2)
    assert shown["商品金额(原币)"].startswith("$"), shown
    assert shown["商品金额(人民币)"].startswith("¥"), shown


def _fence_signs(found: dict, column: str) -> set[str]:
    """The currency signs inside ``column``'s outlier fences ("[-$24, $136]" → {"$"})."""
    said = [p["message"] for p in found["problems"]
            if p["column"] == column and p["kind"].startswith("outliers")]
    assert said, (column, [p["column"] for p in found["problems"]])
    return {sign for text in said for sign in re.search(r"\[([^\]]*)\]", text).group(1) if sign in "$£€¥"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("path", "beside", "amount"), [
    ("lightspeed_line_items_excerpt.csv", "Tax", "Total"),  # walk38: "[-2.2, 12.4]" between "[-$24, $136]"
    ("zsxq_income_excerpt_zh.xlsx", "星主收入", "支付金额"),  # walk39: "[1.9, 94.1]" beside "[¥2.0, ¥99.0]"
])
def test_money_beside_the_amount_takes_its_sign(con, lang, path, beside, amount):
    load_file(con, DATA / path, table="t")
    found = profile(con, "t", lang=lang)
    assert _fence_signs(found, amount)
    assert _fence_signs(found, beside) == _fence_signs(found, amount)


def test_a_fee_beside_an_amount_in_several_currencies_stays_bare(con):
    """Stripe's ``Fee`` beside ``Amount`` in cad, gbp and usd: no one sign is right for it, as for the
    amount."""
    load_file(con, DATA / "stripe_payments_fx_excerpt.csv", table="stripe")
    found = profile(con, "stripe", lang="en")
    assert _fence_signs(found, "Converted Amount") == {"$"}
    assert not _fence_signs(found, "Fee") and not _fence_signs(found, "Amount")


def test_a_merchants_discount_and_fee_are_money_in_the_trades_currency(con):
    """收钱吧's 商户优惠 and 手续费 beside 交易金额 (货币类型 CNY on every row); its 终端号 is no money."""
    path = DATA / "shouqianba_trades_excerpt_zh.xlsx"
    load_file(con, path, table="sqb")
    assert pd.read_excel(path, header=3, dtype=str)["货币类型"].unique().tolist() == ["CNY"]
    assert _fence_signs(profile(con, "sqb", lang="zh"), "商户优惠") == {"¥"}
    columns = store.columns_of(con, "sqb")
    taken = signed_beside(columns, set(money_columns(columns, get_roles(con, "sqb"), set())))
    assert {"商户优惠", "手续费"} <= taken and not taken & {"终端号", "商户流水号", "收钱吧订单号"}
