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
from crm_core.report.column_currency import column_currency
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
