"""QA7's routed findings: money columns, the silhouette verdict, Customer 360's month ticks and the
load notes, each said as its language writes it."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import catalogue
from crm_core.link.charts import orders_figure
from crm_core.load.reader import load_file
from crm_core.segment.report import silhouette_text, silhouette_verdict
from crm_core.workspace.table_kind import detect_kind
from tests.conftest import DATA


def test_money_columns_quoted_as_each_language_quotes(con, tmp_path):
    """The Chinese evidence quoted money columns English-style ('实付金额', '价格')."""
    path = tmp_path / "订单.csv"
    pd.DataFrame({"客户编号": ["A1", "A2", "A3", "A1"], "下单日期": ["2025-03-01"] * 4,
                  "实付金额": [12.5, 8.0, 3.2, 9.9], "价格": [1.0, 0.5, 2.0, 1.0]}).to_csv(path, index=False)
    (result,) = load_file(con, path)
    kind = detect_kind(con, result.table)
    assert "金额列：“实付金额”、“价格”" in kind.sentences("zh")
    assert "money: '实付金额', '价格'" in kind.sentences("en")
    assert "金额列：“实付金额”、“价格”" in kind.clauses().text("zh")


def test_silhouette_verdict_punctuated_as_its_language():
    """The Chinese page read "— 0.39: 分群区分一般" with an English colon."""
    assert silhouette_verdict(0.39, "zh") == "本次为 0.39：分群区分一般。"
    assert silhouette_verdict(0.39, "en") == "This run: 0.39, segments are fairly separated."
    said = silhouette_text(0.39, "zh")  # walk11: "…相互重叠。 — 0.39：分群区分一般", no full stop
    assert " — " not in said and said.endswith("。") and said.count("。") == 2
    assert "。本次为 0.39" in said  # Chinese sentences follow one another with no space
    assert ". This run: 0.39" in silhouette_text(0.39, "en")


def test_customer_month_ticks_name_months_in_the_page_language():
    """Customer 360's monthly bars were ticked 2025-06-01 in Chinese (plotly ticked days between
    two bars three months apart): each bar's month is named as the language writes it."""
    orders = pd.DataFrame({"ts": ["2025-03-04", "2025-06-18", "2025-06-20"], "amount": [10.0, 20.0, 5.0]})
    assert list(orders_figure(orders, "zh").layout.xaxis.ticktext) == ["2025年3月", "2025年6月"]
    assert list(orders_figure(orders, "en").layout.xaxis.ticktext) == ["Mar 2025", "Jun 2025"]
    many = pd.DataFrame({"ts": pd.date_range("2023-01-05", periods=30, freq="MS"), "amount": 1.0})
    assert len(orders_figure(many, "zh").layout.xaxis.ticktext) <= 12


def test_load_notes_read_right_for_one_row_as_for_many(con):
    """The notes said "1 row(s)": counted things now follow a colon, right in any number."""
    (result,) = load_file(con, DATA / "bom_midfile.csv")
    (note,) = [str(n) for n in result.notes if "repeated header" in n]
    assert note == "repeated header rows dropped (exports joined into one file): 1"
    assert [key for key, entry in catalogue().items() if "(s)" in entry["en"]] == []
