"""The formatting layer: what an analyst reads, and files without float noise."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pandas as pd
import pytest

from crm_core.report import format as fmt
from crm_core.report.files import csv_bytes


@pytest.mark.parametrize("value, expected", [
    (0.28, "28%"), (0.9919, "99%"), (0.004, "0.4%"), (0.0, "0%"), (1.5, "150%"), (None, "—"),
    (np.nan, "—"),
])
def test_percent(value, expected):
    assert fmt.percent(value) == expected


@pytest.mark.parametrize("value, currency, expected", [
    (2121321.44, "CNY", "¥2,121,321"), (2121321.44, "", "2,121,321"), (105.94, "USD", "$105.94"),
    (-1250.5, "EUR", "-€1,250"), (np.nan, "CNY", "—"),
])
def test_money(value, currency, expected):
    assert fmt.money(value, currency) == expected


@pytest.mark.parametrize("value, expected", [
    (31244.3085, "31,244"), (0.9919, "0.99"), (12.345, "12.3"), (3000, "3,000"), (2.0, "2"),
    (pd.NA, "—"),
])
def test_number_has_sensible_decimals(value, expected):
    assert fmt.number(value) == expected


def test_dates_in_the_ui_language():
    assert fmt.day(date(2026, 12, 2)) == "2 Dec 2026"
    assert fmt.day("2026-01-01", "zh") == "2026年1月1日"


def test_a_quarter_reads_as_its_quarter():
    """judge7: a quarterly forecast's periods read as their first day ("1 Oct 2012")."""
    assert fmt.period("2012-10-01", "Q") == "2012 Q4"
    assert fmt.period(pd.Timestamp("2013-01-01"), "Q", "zh") == "2013年第1季度"
    assert fmt.period("2013-01-01", "M", "zh") == "2013年1月"


def test_shown_formats_named_columns_only():
    frame = pd.DataFrame({"segment": ["A"], "share": [0.28], "revenue": [2121321.44], "n": [3000]})
    out = fmt.shown(frame, {"share": "percent", "revenue": "money", "n": "count"}, currency="CNY")
    assert out.iloc[0].tolist() == ["A", "28%", "¥2,121,321", "3,000"]
    assert frame["share"].iloc[0] == 0.28  # the input is not changed


def test_files_keep_precision_without_float_noise():
    frame = pd.DataFrame({"monetary": [100.50000000000001, 0.1 + 0.2, 12.345678],
                          "ratio": [1 / 3, 0.1 + 0.2, np.nan],
                          "frequency": [1, 2, 3]})
    frame["nullable"] = pd.array([0.1 + 0.2, None, 2.5], dtype="Float64")
    text = csv_bytes(fmt.tidy(frame, money_columns=("monetary",))).decode("utf-8-sig")
    assert "100.50000000000001" not in text and "0.30000000000000004" not in text
    back = pd.read_csv(io.StringIO(text))
    assert back["monetary"].tolist() == [100.5, 0.3, 12.35]
    assert back["ratio"].iloc[0] == pytest.approx(1 / 3, rel=1e-11)  # precision kept
    assert back["frequency"].tolist() == [1, 2, 3]


def test_workspace_currency_is_kept(con):
    assert fmt.currency(con) == ""
    fmt.set_currency(con, "CNY")
    assert fmt.currency(con) == "CNY"
    with pytest.raises(Exception, match="Unknown currency"):
        fmt.set_currency(con, "XYZ")


@pytest.mark.parametrize(("values", "expected"), [
    (["29,33 €", "4,99 €", "120,00 €"], "EUR"),              # a German export
    (["¥1,234.50", "￥20", "38.00"], "CNY"),
    (["12.00 USD", "3.50 USD"], "USD"),
    (["$1,234.50", "$7.00", "$12,000.00"], "USD"),           # tests/data/currency.csv
    (["100", "200", "$5"], ""),                              # a symbol on a few values is no unit
    (["n/a", ""], ""),
])
def test_currency_in_reads_the_unit_most_amounts_carry(values, expected):
    assert fmt.currency_in(values) == expected


def test_money_is_shown_in_the_unit_the_data_names_until_the_analyst_picks_one(con):
    """QA4: money had no unit unless the sidebar currency was set, though the file said USD / 元 / €."""
    from crm_core.workspace import store

    store.write_frame(con, "shopify", pd.DataFrame({"Total": [0.5, 0.99], "Currency": ["USD", "USD"]}))
    store.write_frame(con, "lines", pd.DataFrame({"单价(元)": [0.5, 0.99], "数量": [1, 2]}))
    store.write_frame(con, "eu", pd.DataFrame({"Umsatz": [29.33, 4.99]}))
    store.write_frame(con, "plain", pd.DataFrame({"amount": [1.0], "note": ["USD 5 off"]}))
    fmt.remember_table_currency(con, "eu", fmt.currency_in(["29,33 €", "4,99 €"]))
    shown = [fmt.display_currency(con, t) for t in ("shopify", "lines", "eu", "plain")]
    assert shown == ["USD", "CNY", "EUR", ""]
    fmt.set_currency(con, "GBP")  # the sidebar overrides, and "" (plain numbers) is a choice too
    assert fmt.display_currency(con, "lines") == "GBP"
    fmt.set_currency(con, "")
    assert fmt.display_currency(con, "shopify") == ""


def test_a_cleaned_table_keeps_the_currency_its_export_carried(con):
    """walk17: 订单导出's amounts carried ¥ (kept at load); its cleaned copy 订单导出_clean had no
    unit, so Segments read revenue 5,404,929 on the cleaned table and ¥5,404,929 on the raw one."""
    from crm_core.quality import recipes
    from crm_core.workspace import store

    store.write_frame(con, "订单导出", pd.DataFrame({"实付金额": [59.42, 267.0], "买家": ["a", "b"]}))
    fmt.remember_table_currency(con, "订单导出", fmt.currency_in(["¥59.42", "¥267.00"]))
    recipe = recipes.Recipe([recipes.step_from_dict({"kind": "drop_duplicates"}, 1)])
    recipes.apply_recipe(con, "订单导出", recipe, "订单导出_clean")
    assert fmt.display_currency(con, "订单导出_clean") == fmt.display_currency(con, "订单导出") == "CNY"


def test_catalogue_headers_in_words():
    """Complete Journey's and dunnhumby's catalogue headers headed the Recommend grid as code."""
    assert fmt.header("COMMODITY_DESC", "zh") == "商品小类"
    assert fmt.header("product_category", "en") == "Product category"
    assert fmt.header("department", "zh") == "部门"
    assert fmt.header("CURR_SIZE_OF_PRODUCT", "en") == "Pack size"
    assert fmt.header("KIDS_COUNT", "en") == "Kids count"  # unknown: readable, as the data names it
    assert fmt.header("商品名称", "en") == "商品名称"


def test_a_profile_rows_numbers_take_the_decimals_their_values_need_not_two_for_a_half():
    """walk21 (en_04_segments.png): the bike shop's median recency read "73.00", "8.00", "8.50", "10.00" days
    beside the mean's "82.3": one segment's 8.5 gave the whole row two decimals where one says it."""
    assert fmt.numbers([73.0, 8.0, 8.5, 10.0, 3.0]) == ["73.0", "8.0", "8.5", "10.0", "3.0"]
    assert fmt.numbers([82.33, 8.0, 10.33, 49.09]) == ["82.3", "8.0", "10.3", "49.1"]
    assert fmt.numbers([0.25, 1.0, 2.126]) == ["0.25", "1.00", "2.13"]  # a fraction that needs two keeps them
    assert fmt.numbers([9.0, 44.0, 10.0]) == ["9", "44", "10"]  # whole counts stay whole
