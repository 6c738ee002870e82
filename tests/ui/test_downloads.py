"""The people's workbook of a grid (``app_ui.for_people``, ``excel_bytes_fast(kinds=…)``): cells stay
numbers and dates a spreadsheet can sum and sort, drawn as the grid draws them."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
import streamlit as st

from app_ui.widgets import for_people
from crm_core.i18n import t
from crm_core.report.files import excel_bytes_fast


def _sheet(table: pd.DataFrame, config: dict, lang: str):
    frame, kinds = for_people(table, config)
    return openpyxl.load_workbook(io.BytesIO(excel_bytes_fast({"s": frame}, kinds=kinds, lang=lang))).active


def test_a_kept_tables_days_are_dates_and_a_grids_percent_is_a_share():
    """A kept run's table is only headed in words: its days were written as the text
    ``2024-03-01 00:00:00``; a grid holding 95.8 under ``%.1f%%`` must not read 9580.0%."""
    table = pd.DataFrame({"period": pd.to_datetime(["2024-03-01", None]), "p": [95.8, 12.5],
                          "code": ["a", "b"], "hidden": [1, 2]})
    config = {"period": "期间", "p": st.column_config.NumberColumn("概率", format="%.1f%%"), "hidden": None}
    sheet = _sheet(table, config, "zh")
    assert [c.value for c in sheet[1]] == ["期间", "概率", "code"]
    day, share = sheet.cell(2, 1), sheet.cell(2, 2)
    assert day.value == pd.Timestamp("2024-03-01") and day.number_format == 'yyyy"年"m"月"d"日"'
    assert sheet.cell(3, 1).value is None  # a missing day stays empty
    assert share.value == 0.958 and share.number_format == "0.0%"
    assert sheet.cell(2, 3).number_format == "General"
    assert _sheet(table, config, "en").cell(2, 1).number_format == "d mmm yyyy"


def test_two_columns_under_one_word_keep_both_and_their_kinds():
    """A grid may head two columns alike; the sheet keeps both, the second named by its column."""
    table = pd.DataFrame({"first": pd.to_datetime(["2024-01-02"]), "last": pd.to_datetime(["2024-05-06"])})
    sheet = _sheet(table, {"first": "日期", "last": "日期"}, "en")
    assert [c.value for c in sheet[1]] == ["日期", "日期 (last)"]
    assert [c.value for c in sheet[2]] == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-05-06")]


def test_money_keeps_its_currencys_sign_and_a_month_is_a_month_cell():
    """dl10 left dollars and euros reading ``1,234.50`` in the workbook (the grid's ``dollar``
    format drew the sign; the header carries only ¥ and £)."""
    from app_ui.widgets import money_column, typed_grid

    table = pd.DataFrame({"usd": [1234.5], "cny": [54.1], "plain": [2.5], "yes": [True]})
    config = {"usd": money_column("Value", "USD"), "cny": money_column("Value", "CNY"),
              "plain": money_column("Amount"), "yes": "Gone"}
    sheet = _sheet(table, config, "en")
    assert [c.value for c in sheet[1]] == ["Value", "Value (¥)", "Amount", "Gone"]
    assert [c.number_format for c in sheet[2]][:3] == ['"$"#,##0.00', '"¥"#,##0.00', "#,##0.00"]
    assert sheet.cell(2, 1).value == 1234.5 and sheet.cell(2, 4).value == "Yes"
    cohorts = pd.DataFrame({"cohort": pd.to_datetime(["2024-03-01"]), "retention": [0.915],
                            "revenue": [160.73]})
    grid = typed_grid(cohorts, {"cohort": "month", "retention": "percent", "revenue": "money"},
                      {"cohort": "队列"}, "EUR")
    sheet = _sheet(*grid, "zh")
    assert [c.number_format for c in sheet[2]] == ['yyyy"年"m"月"', "0.0%", '"€"#,##0.00']
    assert [c.value for c in sheet[2]] == [pd.Timestamp("2024-03-01"), 0.915, 160.73]


@pytest.mark.parametrize(("lang", "header"), [("en", "Revenue in the period (¥)"), ("zh", "本期收入（¥）")])
def test_a_money_headers_sign_is_bracketed_as_its_language_brackets(lang, header):
    """walk11: the Chinese cohorts workbook read "本期收入 (¥)" and "人均收入（按初始客户数） (¥)":
    a space and half-width brackets after full-width ones; the workbook still knows the yuan."""
    from app_ui.text import in_language
    from app_ui.widgets import money_column

    with in_language(lang):
        config = {"revenue": money_column(t("cohort.col.revenue", lang), "CNY")}
        sheet = _sheet(pd.DataFrame({"revenue": [160.73]}), config, lang)
    assert sheet.cell(1, 1).value == header
    assert sheet.cell(2, 1).number_format == '"¥"#,##0.00' and sheet.cell(2, 1).value == 160.73


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_header_naming_its_currency_gets_the_sign_once(con, tmp_path, lang):
    """fmt13: an export headed ``金额(¥)`` previewed as ``金额(¥)（¥）`` / ``金额(¥) (¥)``; ``单价(元)`` as
    ``单价(元)（¥）``. The header keeps its own unit, once, and the cell still draws the yuan."""
    from app_ui.text import in_language
    from crm_core.load.reader import load_file
    from pages.data import preview_config

    path = tmp_path / "订单.csv"
    path.write_text("订单号,客户编号,下单日期,金额(¥),单价(元),数量\n"
                    + "".join(f"A{i},C{i % 7},2025-03-{1 + i % 28:02d},{12.5 * i:.2f},{2.5 * i:.2f},5\n"
                              for i in range(1, 60)), encoding="utf-8")
    load_file(con, path, table="orders_cny")
    frame = con.execute("SELECT * FROM orders_cny").df()
    with in_language(lang):
        sheet = _sheet(frame, preview_config(con, "orders_cny", frame, {}), lang)
    heads = [c.value for c in sheet[1]]
    assert "金额(¥)" in heads and "单价(元)" in heads, heads
    assert not [h for h in heads if h.count("¥") + h.count("元") > 1], heads
    for head in ("金额(¥)", "单价(元)"):
        assert sheet.cell(2, heads.index(head) + 1).number_format == '"¥"#,##0.00'


def _download_stems() -> list[str]:
    """Every file stem the pages hand :func:`app_ui.downloads`, an f-string's parts filled with a
    Chinese table name or one of Customer 360's blocks (``customer_{name}``)."""
    import ast

    from tests.conftest import ROOT

    stems = []
    for path in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("downloads") \
                    and len(node.args) > 1:
                stem = node.args[1]
                if isinstance(stem, ast.Constant):
                    stems.append(stem.value)
                elif isinstance(stem, ast.JoinedStr):
                    parts = [p.value if isinstance(p, ast.Constant) else "订单导出" for p in stem.values]
                    stems += ["".join(parts), "".join(parts).replace("订单导出", "churn_scores")]
    return sorted(set(stems))


def test_every_downloads_sheet_is_named_in_the_pages_language():
    """walk17: the Chinese page's workbooks kept the file's English stem as their sheet
    (``segment_profiles``, ``at_risk_customers``); the file name stays the stem (scripts find it)."""
    from crm_core.report.files import sheet_name

    stems = _download_stems()
    expected = {"segment_profiles", "at_risk_customers", "订单导出_preview", "customer_churn_scores"}
    assert expected <= set(stems)
    for stem in stems:
        zh, en = sheet_name(stem, "zh"), sheet_name(stem, "en")
        assert zh != stem and re.search(r"[\u4e00-\u9fff]", zh.replace("订单导出", "")), (stem, zh)
        assert not re.search(r"[a-z]_[a-z]", zh + en), (stem, zh, en)
        assert 0 < len(zh) <= 31 and 0 < len(en) <= 31 and not re.search(r"[\[\]:*?/\\]", zh + en)
    assert sheet_name("customer_churn_scores", "en") == "Customer churn scores"
    assert sheet_name("订单导出_preview", "zh") == "订单导出预览"
    assert sheet_name("a:b/c*" + "x" * 40 + "_preview", "en") == ("a_b_c_" + "x" * 40)[:31]


def _decimals(text: str) -> int:
    """The most decimals any number in a CSV column is written with."""
    return max((len(v.split(".")[1]) for v in text if "." in v), default=0)


def test_the_cohort_csv_writes_money_in_cents_and_shares_to_four_places(sample_ws):
    """walk23: cohorts.csv read ``revenue_per_customer`` 15.0890804597701 and ``retention``
    0.649425287356322: fifteen digits an analyst opening the file in Excel reads as noise. Money in
    cents, a share to four places (99.99%); the page's CSV is the run's (``csv_frame``)."""
    from crm_core.segment import cohorts
    from crm_core.workspace.store import Workspace

    with Workspace(sample_ws.folder).connect() as con:
        result = cohorts.run(con, "orders")
    frame = pd.read_csv(io.BytesIO(result.files()["cohorts.csv"]), dtype=str, encoding="utf-8-sig")
    assert _decimals(frame["revenue_per_customer"]) == 2 and _decimals(frame["revenue"]) <= 2
    assert _decimals(frame["retention"]) == 4


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_preview_workbook_keeps_headers_the_export_wrote_for_people(tmp_path, lang):
    """walk23: WooCommerce's preview workbook headed "SKU" as "Sku" and "Order Number" as "Order
    number"; a header written for people is kept, a code (``order_total``) still reads in words.
    The Data page heads its preview workbook ``{column: fmt.header(column, lang)}``."""
    from crm_core.report import format as fmt

    table = pd.DataFrame({"Order Number": [20001], "SKU": ["BD-826144"], "Item #": [1],
                          "order_total": [5.56], "CustomerID": ["c1"]})
    sheet = _sheet(table, {c: fmt.header(c, lang) for c in table}, lang)
    heads = [c.value for c in sheet[1]]
    assert heads[:3] == ["Order Number", "SKU", "Item #"]
    assert heads[3] in ("Order total", "订单总额") or "_" not in heads[3]
    assert heads[4] == fmt.header("customer_id", lang)


def test_small_amounts_in_cents_read_as_amounts_not_four_place_fractions():
    """walk23: Toast's preview workbook drew its ``Tax`` column (0.15, 0.06: every tax of the first
    hundred lines under a dollar) as 0.1500 and 0.0600, the format of a fraction of one; values
    written in cents keep two decimals, a fraction needing more (0.849992) keeps four."""
    table = pd.DataFrame({"Tax": [0.15, 0.06, None], "m": [0.849992, 0.000334, 0.5]})
    sheet = _sheet(table, {}, "en")
    assert sheet.cell(2, 1).number_format == "#,##0.00" and sheet.cell(2, 1).value == 0.15
    assert sheet.cell(2, 2).number_format == "0.0000"


def test_a_workbooks_header_row_stays_in_view_as_the_list_scrolls():
    """walk23: 微店's spend workbook lists 2,941 customers under fourteen headers; scrolled down,
    Excel showed columns of numbers without their names. Each sheet freezes its header row."""
    table = pd.DataFrame({"customer_id": [f"c{i}" for i in range(50)], "spend": [1.5] * 50})
    assert _sheet(table, {"customer_id": "Customer"}, "en").freeze_panes == "A2"


def test_whole_amounts_the_grid_separates_are_separated_in_the_workbook():
    """walk23: 微店's forecast grid read 13,580 and 23,348, its workbook 13580 and 23348 (General):
    a grid column drawn ``localized`` holding whole numbers is a ``#,##0`` cell."""
    table = pd.DataFrame({"forecast": [13580.0, 23348.0], "mae": [10204.37, 9.5]})
    config = {c: st.column_config.NumberColumn(c, format="localized") for c in table}
    sheet = _sheet(table, config, "zh")
    assert sheet.cell(2, 1).number_format == "#,##0" and sheet.cell(2, 1).value == 13580
    assert sheet.cell(2, 2).number_format == "#,##0.00"
