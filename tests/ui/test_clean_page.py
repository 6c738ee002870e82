"""The Clean page headless: empty workspace, profile, building and applying a recipe, integrating."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from app_ui.widgets import CELL_PAD_PX, CHAR_PX
from app_ui.widgets import _width as text_width
from crm_core.i18n import t
from crm_core.workspace.store import write_frame
from tests.ui.apptest import page_opener

_clean_page = page_opener("pages/clean.py")

def test_profile_lists_the_planted_problems(sample_ws):
    at = _clean_page(sample_ws.folder)
    assert not at.exception
    assert not at.error
    warnings = " ".join(w.value for w in at.warning)
    assert "12 rows are exact duplicates" in warnings
    assert "'invoice_no': 1,437 ids start with 'C'" in warnings
    columns = at.dataframe[0].value
    assert "invoice_no" in columns.iloc[:, 0].tolist()
    by_name = columns.set_index("Column")
    assert by_name.loc["customer_id", "Role"] == "customer id"  # the role in words, not its code
    assert by_name.loc["channel", "Median"] == ""  # no "None" where a statistic does not apply
    with sample_ws.connect() as con:
        top_price, top_amount = con.execute("SELECT max(unit_price), max(amount) FROM orders").fetchone()
    assert float(by_name.loc["unit_price", "Max"].replace(",", "")) == top_price  # to the cent
    assert "," in by_name.loc["amount", "Max"] and top_amount >= 1000  # thousands separated
    charts = at.get("plotly_chart")
    assert json.loads(charts[0].proto.spec)["data"][0]["type"] == "bar"


def test_build_undo_and_apply_a_recipe(sample_ws):
    at = _clean_page(sample_ws.folder)
    at.selectbox(key="clean_kind").set_value("drop_missing").run()
    assert not at.error
    assert at.multiselect(key="clean_p_dm").value == ["customer_id"]
    at.button(key="clean_add").click().run()
    at.selectbox(key="clean_kind").set_value("drop_duplicates").run()
    at.button(key="clean_add").click().run()
    at.selectbox(key="clean_kind").set_value("returns").run()
    at.button(key="clean_add").click().run()
    assert [s["kind"] for s in at.session_state["clean_recipe_steps"]] == [
        "drop_missing", "drop_duplicates", "returns"]
    at.button(key="clean_undo").click().run()
    assert len(at.session_state["clean_recipe_steps"]) == 2
    steps = next(g.value for g in at.dataframe if "#" in g.value)  # walk14: the sentence hid the counts
    assert list(steps.columns)[-1] == t("clean.step", "en") and len(steps) == 2
    at.button(key="clean_apply").click().run()
    assert not at.exception and not at.error
    result = at.session_state["clean_result"]
    assert result["into"] == "orders_clean"
    assert [s["rows_after"] for s in result["steps"]] == [81627 - 816, 81627 - 816 - 12]
    assert any("orders_clean" in s.value for s in at.success)


def test_bad_step_shows_a_message_not_a_traceback(sample_ws):
    at = _clean_page(sample_ws.folder)
    at.selectbox(key="clean_kind").set_value("filter_range").run()
    at.selectbox(key="clean_p_filter_range_col").set_value("quantity").run()
    at.text_input(key="clean_p_min").set_value("abc").run()
    assert not at.exception
    assert any("abc" in e.value for e in at.error)


def test_join_from_the_integrate_tab(sample_ws):
    at = _clean_page(sample_ws.folder)
    at.button(key="clean_join_run").click().run()
    assert not at.exception and not at.error
    assert any("orders_joined" in s.value for s in at.success)


def test_recipe_is_kept_across_a_reload_and_shown_in_words(sample_ws):
    at = _clean_page(sample_ws.folder)
    at.selectbox(key="clean_kind").set_value("drop_missing").run()
    at.button(key="clean_add").click().run()
    assert any("Drop rows where customer_id is empty" in m.value for m in at.markdown)
    at.text_input(key="clean_recipe_name").set_value("monthly").run()
    at.button(key="clean_recipe_keep").click().run()
    assert any("'monthly' version 1" in s.value for s in at.success)
    at.button(key="clean_apply").click().run()
    chart = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"][0]
    assert chart["y"] == ["Raw table", "1. Drop rows where customer_id is empty"]

    reloaded = _clean_page(sample_ws.folder, "zh")  # a new session: nothing in session state
    assert not reloaded.exception
    assert [s["kind"] for s in reloaded.session_state["clean_recipe_steps"]] == ["drop_missing"]
    assert any("monthly" in i.value for i in reloaded.info)
    assert any("删除“customer_id”为空的行" in m.value for m in reloaded.markdown)
    kept = next(e for e in reloaded.expander if e.label.startswith("工作区中保存的配方"))
    assert kept.label == "工作区中保存的配方（1）"  # walk14: "(1)", and the grid's headers were codes
    columns = json.loads(kept.dataframe[0].proto.columns)
    said = [columns[c]["label"] for c in ("name", "source_table", "saved_at")]
    assert said == ["配方名称", "来源数据表", "保存时间"]
    assert columns["saved_at"]["type_config"]["format"] == "YYYY年M月D日 HH:mm"


def test_a_step_that_removes_nothing_reads_the_same_without_an_arrow(sample_ws):
    """QA7 walk: a difference that rounds to zero drew "+0" (or "+0.0 pts") with a green arrow;
    it now reads "the same" / "持平", grey, no arrow, on every page's metric deltas."""
    at = _clean_page(sample_ws.folder)  # English: AppTest cannot pick a formatted option in Chinese
    at.selectbox(key="clean_kind").set_value("drop_missing").run()
    at.multiselect(key="clean_p_dm").set_value(["invoice_no"]).run()
    assert not at.exception, at.exception
    rows = next(m for m in at.metric if m.label == "Rows after").proto
    assert rows.delta == "the same", rows.delta
    assert rows.color == rows.MetricColor.GRAY and rows.direction == rows.MetricDirection.NONE, rows


def test_row_counts_in_the_step_and_result_tables_read_with_separators(sample_ws):
    """81627 → 80811 in the steps table, beside metrics reading 81,627: counts now as the metrics."""
    at = _clean_page(sample_ws.folder)
    at.selectbox(key="clean_kind").set_value("drop_missing").run()
    at.button(key="clean_add").click().run()
    at.button(key="clean_apply").click().run()
    assert not at.exception and not at.error
    for grid in (at.dataframe[-2], at.dataframe[-1]):  # the steps, then before / after
        config = json.loads(grid.proto.columns)
        counted = [c for c, v in config.items() if v.get("type_config", {}).get("format") == "localized"]
        assert len(counted) >= 2, config


def test_cast_offers_the_text_amount_first_and_warns_before_an_id_loses_its_zeros(ws):
    """CDNOW lines with amounts kept as text ("$11.77", "N/A"): Cast opened on CustomerID, and
    its preview turned all 00001-style ids into 1, 2, … without a word."""
    lines = pd.DataFrame({"CustomerID": ["00001", "00002", "00002", "00003"],
                          "OrderDate": pd.to_datetime(["1997-01-01", "1997-01-12", "1997-01-12",
                                                       "1997-01-02"]),
                          "Amount": ["$11.77", "$12.00", "N/A", "$20.76"]})
    with ws.connect() as con:
        write_frame(con, "cdnow", lines)
    at = _clean_page(ws.folder)
    at.selectbox(key="clean_kind").set_value("cast").run()
    assert at.selectbox(key="clean_p_cast_col").value == "Amount"
    assert not at.warning or all("leading zeros" not in w.value for w in at.warning)
    assert any("N/A" in c.value and "无" in c.value for c in at.caption), "the placeholders named"
    at.selectbox(key="clean_p_cast_col").set_value("CustomerID").run()
    assert any("loses its leading zeros" in w.value for w in at.warning)


def test_union_report_reads_in_words_not_json(ws):
    """Two halves of CDNOW_master.txt's shape, the second exported with other header spelling and no
    CD count: the page printed the union report as raw JSON; now sentences and a grid."""
    frame = pd.DataFrame([  # customers 1-4 of CDNOW_master.txt: id, yyyymmdd, CDs, dollars
        ("00001", "19970101", 1, 11.77), ("00002", "19970112", 1, 12.00), ("00002", "19970112", 5, 77.00),
        ("00003", "19970102", 2, 20.76), ("00003", "19970330", 2, 20.76), ("00004", "19970101", 2, 29.33),
        ("00004", "19970118", 2, 29.73)], columns=["customer_id", "date", "cds", "amount"])
    with ws.connect() as con:
        write_frame(con, "cdnow_h1", frame.iloc[:4])
        write_frame(con, "cdnow_h2", frame.iloc[4:].drop(columns="cds").rename(
            columns={"customer_id": "Customer ID", "amount": "AMOUNT"}).astype({"AMOUNT": str}))
    at = _clean_page(ws.folder)
    at.multiselect(key="clean_union_tables").set_value(["cdnow_h1", "cdnow_h2"]).run()
    at.button(key="clean_union_run").click().run()
    assert not at.exception and not at.error
    assert not at.json
    grid = at.dataframe[-1]
    assert grid.value["rows"].tolist() == ["4", "3"]
    labels = json.loads(grid.proto.columns)
    assert labels["rows"]["label"] == "Rows stacked"
    said = " ".join(i.value for i in [*at.info, *at.warning])
    assert "cds" in said and "amount → text" in said


def test_profile_types_read_as_words_on_the_chinese_page(sample_ws):
    """The columns grid read VARCHAR / TIMESTAMP / BIGINT / DOUBLE on the Chinese page (the Data
    page already said 文本 / 日期时间 …)."""
    at = _clean_page(sample_ws.folder, "zh")
    assert not at.exception
    grid = next(d.value for d in at.dataframe if "类型" in d.value.columns)
    types = set(grid["类型"])
    assert "文本" in types and not types & {"VARCHAR", "TIMESTAMP", "BIGINT", "DOUBLE"}, types


def test_step_preview_heads_before_and_after_in_chinese(sample_ws, monkeypatch):
    """The QA walk's Chinese Clean page: the preview's examples read ``channel (before)``."""
    from app_ui import text

    monkeypatch.setattr(text, "lang", lambda: "zh")  # AppTest formats a picked option outside the
    at = _clean_page(sample_ws.folder, "zh")         # page's session, where it would be English
    at.selectbox(key="clean_kind").set_value("cast").run()
    assert not at.exception, at.exception
    columns = list(at.dataframe[-1].value.columns)
    assert {"channel（之前）", "channel（之后）"} <= set(columns), columns
    assert not [c for c in columns if "(before)" in c or "(after)" in c], columns


def test_cast_warns_before_a_conversion_empties_most_of_the_column(sample_ws):
    """Walk: Convert type on the sample orders' ``channel`` (web, store …) to a number: the preview
    emptied all 81,627 values and only its count said so; now a warning names the loss first.
    (English only: AppTest cannot pick a format_func option on the Chinese page.)"""
    from crm_core.i18n import t

    lang = "en"
    at = _clean_page(sample_ws.folder, lang)
    at.selectbox(key="clean_kind").set_value("cast").run()
    at.selectbox(key="clean_p_cast_col").set_value("channel").run()
    assert not at.exception, at.exception
    with sample_ws.connect() as con:
        rows = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    words = t("clean.cast_empties", lang, column="channel", to=t("clean.to.number", lang),
              emptied=f"{rows:,}", rows=f"{rows:,}", share="100%")
    assert words in [w.value for w in at.warning]
    at.selectbox(key="clean_p_cast_col").set_value("amount").run()
    assert not any("channel" in w.value for w in at.warning)


def test_cast_opens_on_the_text_column_that_reads_as_numbers(ws):
    """Walk: Convert type opened on ``channel`` (the first text column that is not an id), whose
    conversion empties every value; a 订单明细-like log with 实付金额 kept as text (10 无) opens there."""
    lines = pd.DataFrame({"客户编号": ["00001", "00002", "00003", "00004"],
                          "渠道": ["web", "store", "web", "app"],
                          "商品名称": ["牛奶", "面包", "鸡蛋", "牛奶"],
                          "实付金额": ["12.50", "无", "8.00", "¥30"]})
    with ws.connect() as con:
        write_frame(con, "订单明细", lines)
    at = _clean_page(ws.folder)
    at.selectbox(key="clean_kind").set_value("cast").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="clean_p_cast_col").value == "实付金额"
    assert not any("would empty" in w.value for w in at.warning)


def test_a_table_without_missing_values_says_so_instead_of_an_empty_chart(ws):
    """Judge6 walk: 订单导出 (no blank cell) drew "各列缺失比例" as ten empty 0% bars."""
    lines = pd.DataFrame({"订单编号": ["3617000000000000001", "3617000000000000002", "3617000000000000003"],
                          "买家昵称": ["晴天1711", "木子9383", "晴天1711"],
                          "实付金额": [59.0, 88.5, 120.0]})
    with ws.connect() as con:
        write_frame(con, "订单导出", lines)
    at = _clean_page(ws.folder)
    assert not at.exception, at.exception
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert "Missing values per column" not in titles, titles
    assert [c.value for c in at.caption if c.value == "No column has a missing value."]


@pytest.mark.parametrize(("lang", "first", "last"), [("en", "1 Jan 2023", "31 Dec 2023"),
                                                     ("zh", "2023年1月1日", "2023年12月31日")])
def test_the_profile_grid_says_a_dates_range_as_days_and_fences_in_one_number_format(ws, lang, first, last):
    """Judge6 walk (订单导出): the min/max cells cut "2023-01-01 00:03:00" to "2023-01-", and the
    outlier fences read "[59.42, 1461]", two decimals beside none."""
    rng = np.random.default_rng(7)
    paid = np.concatenate([[59.42], rng.uniform(100, 300, 200).round(2), [5000.5, 6000.25]])
    times = pd.to_datetime("2023-01-01 00:03") + pd.to_timedelta(
        np.linspace(0, 364 * 24 * 60 + 1400, len(paid)).astype(int), unit="min")
    with ws.connect() as con:
        write_frame(con, "订单导出", pd.DataFrame({"下单时间": times, "实付金额": paid}))
    at = _clean_page(ws.folder, lang)
    assert not at.exception, at.exception
    grid = at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])
    row = grid.loc["下单时间"]
    assert (row[t("clean.col.min", lang)], row[t("clean.col.max", lang)]) == (first, last), row.to_dict()
    widths = {label: c.get("width") for label, c in json.loads(at.dataframe[0].proto.columns).items()}
    for label, day in ((t("clean.col.min", lang), first), (t("clean.col.max", lang), last)):
        # judge8 walk: sized by its header "Min", the cell still cut the day to "1 Jan 202"
        assert (widths[label] or 0) >= CHAR_PX * text_width(day) + CELL_PAD_PX, (label, widths)
    fences = [re.search(r"\[(\S+), (\S+)\]", w.value) for w in at.warning]
    low, high = next(f.groups() for f in fences if f)
    assert low == "¥59" and "." not in high, (low, high)  # money under its sign (walk30)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_profile_says_percents_and_its_workbook_keeps_the_missing_share(ws, tmp_path, monkeypatch, lang):
    """dl12: a column the loader read from percents profiled as 0.05 … 0.25 (its shares); the
    profile's workbook wrote the missing share 0.25 without a percent format."""
    from crm_core.load.reader import load_file
    from tests.ui.apptest import catch_downloads, opened_workbook

    path = tmp_path / "deals.csv"
    path.write_text("Customer ID,Amount,Discount %\nC1,100.50,12.5%\nC2,80.00,5%\nC3,40.25,\n"
                    "C4,300.00,25.0%\n")
    with ws.connect() as con:
        load_file(con, path)
    files = catch_downloads(monkeypatch)
    at = _clean_page(ws.folder, lang)
    assert not at.exception, at.exception
    grid = at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])
    row = grid.loc["Discount %"]
    assert (row[t("clean.col.min", lang)], row[t("clean.col.median", lang)],
            row[t("clean.col.max", lang)]) == ("5%", "12.5%", "25%"), row.to_dict()
    _, cells = opened_workbook(files, "deals_profile.xlsx")
    assert list(cells)[:3] == [t(f"clean.col.{c}", lang) for c in ("name", "type", "role")]
    missing = cells[t("clean.col.missing", lang)]
    assert {c.number_format for c in missing} == {"0.0%"} and 0.25 in [c.value for c in missing]
    assert {c.number_format for c in cells[t("clean.col.distinct", lang)]} == {"#,##0"}


def test_the_result_box_and_recipe_name_follow_the_table_and_the_terminal_line_quotes_them(sample_ws):
    """Walk10: the Result table box kept the first table's ``superstore_clean`` after the analyst
    switched to a pizza export, and Apply wrote the pizza rows into it; the recipe name kept the
    first table too, and the terminal line left a name with a space unquoted."""
    at = _clean_page(sample_ws.folder)
    at.selectbox(key="clean_kind").set_value("drop_duplicates").run()
    at.button(key="clean_add").click().run()
    assert at.text_input(key="clean_recipe_name").value == "orders"
    at.selectbox(key="clean_table").set_value("customers").run()
    assert not at.exception and not at.error
    into = [box.value for box in at.text_input if str(box.key).startswith("clean_into")]
    assert into == ["customers_clean"], into
    assert at.text_input(key="clean_recipe_name").value == "customers"
    at.text_input(key="clean_recipe_name").set_value("monthly tidy").run()
    at.selectbox(key="clean_table").set_value("orders").run()
    assert at.text_input(key="clean_recipe_name").value == "monthly tidy"  # typed: kept across tables
    assert any("clean orders --recipe 'monthly tidy'" in c.value for c in at.caption)
    at.button(key="clean_apply").click().run()
    assert at.session_state["clean_result"]["into"] == "orders_clean"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_step_form_not_filled_in_asks_for_its_input_instead_of_an_error(sample_ws, lang, monkeypatch):
    """Walk10: an empty Columns box (or mapping) showed a red "Step 1 (drop_missing): 'columns'
    must be a non-empty list of column names" before the analyst had picked anything."""
    from app_ui import text

    monkeypatch.setattr(text, "lang", lambda: lang)  # AppTest formats a picked option outside the page
    at = _clean_page(sample_ws.folder, lang)
    at.selectbox(key="clean_kind").set_value("drop_missing").run()
    at.multiselect(key="clean_p_dm").set_value([]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [i.value for i in at.info][-1] == t("clean.fill.columns", lang)
    assert "clean_add" not in [b.key for b in at.button]  # nothing to add yet
    at.selectbox(key="clean_kind").set_value("map_values").run()
    assert not at.error, [e.value for e in at.error]
    assert [i.value for i in at.info][-1] == t("clean.fill.mapping", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_join_report_is_said_in_sentences_naming_tables_and_columns(sample_ws, monkeypatch, lang):
    """fmt13: the join report was the raw report as text (``rows_orphan``, ``['customer_id',
    'customer_id']``); now sentences with the tables and columns, a grid and workbook headed in
    words, and the CSV keeps the report's keys."""
    from app_ui import text
    from tests.ui.apptest import catch_downloads, opened_workbook

    monkeypatch.setattr(text, "lang", lambda: lang)  # AppTest formats a picked option outside the session
    files = catch_downloads(monkeypatch)
    at = _clean_page(sample_ws.folder, lang)
    at.button(key="clean_join_run").click().run()
    assert not at.exception and not at.error
    with sample_ws.connect() as con:
        matched = con.execute("SELECT count(*) FROM orders WHERE trim(customer_id) IN "
                              "(SELECT trim(customer_id) FROM customers)").fetchone()[0]
    said = " ".join(m.value for m in at.markdown)
    quote = ("'{}'" if lang == "en" else "“{}”").format
    assert quote("customers") in said and quote("customer_id") in said and f"{matched:,}" in said, said
    grid = json.loads(next(g for g in at.dataframe if "rows_orphan" in g.value.columns).proto.columns)
    assert grid["rows_orphan"]["label"] == t("clean.join_col.rows_orphan", lang)
    _, cells = opened_workbook(files, "orders_joined_join_report.xlsx")
    assert not [h for h in cells if "_" in h], list(cells)
    assert "rows_orphan" in files["orders_joined_join_report.csv"]().decode("utf-8-sig").splitlines()[0]


@pytest.mark.parametrize(("lang", "fence"), [("en", "outside [¥45, ¥730]"), ("zh", "界限 [¥45, ¥730]")])
def test_money_outlier_bounds_carry_the_sign_and_missing_shares_read_at_one_decimal(ws, lang, fence):
    """walk30 on a tea shop's 有赞 export: the outlier bounds of 商品金额小计 read "[45, 730]" with no ¥,
    and the missing shares drew "12.91%" beside "0%" (the grid's own percent trims zeros)."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "youzan_tea_orders_walk30_zh.csv")
    at = _clean_page(ws.folder, lang)
    assert not at.exception, at.exception
    said = [w.value.replace("\\", "") for w in at.warning if "商品金额小计" in w.value and "IQR" in w.value]
    assert said and fence in said[0], [w.value for w in at.warning]
    label = t("clean.col.missing", lang)
    assert json.loads(at.dataframe[0].proto.columns)[label]["type_config"]["format"] == "%.1f%%"
    shares = at.dataframe[0].value[label]
    assert shares.max() > 1 and shares.eq(shares.round(1)).all(), shares.tolist()  # held as 12.9, drawn 12.9%


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_profile_says_its_money_bounds_in_the_currency_chosen_after_it_was_first_drawn(ws, lang):
    """left42: the profile was cached on (table, version) only, so after the analyst chose another currency
    in the sidebar (Segments' picker keeps it in the workspace: ``fmt.set_currency``, as its on_change does)
    Clean still drew the old sign until the table changed."""
    from crm_core.load.reader import load_file
    from crm_core.report import format as fmt
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "youzan_tea_orders_walk30_zh.csv")

    def fence() -> str:  # the page opened again, as after a visit to Segments: one process, one cache
        at = _clean_page(ws.folder, lang)
        assert not at.exception, at.exception
        said = [w.value.replace("\\", "") for w in at.warning
                if "商品金额小计" in w.value and "IQR" in w.value]
        assert said, [w.value for w in at.warning]
        return said[0]

    assert "[¥45, ¥730]" in fence()
    with ws.connect() as con:
        fmt.set_currency(con, "USD")
    assert "[$45, $730]" in fence()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_distribution_chart_titles_a_money_column_without_a_markdown_escape(ws, lang):
    """walk35 on Gumroad's sales: the histogram's title read "Distribution of Subtotal (\\$)": the column's
    name was escaped for markdown, but a chart's title is drawn as written."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "gumroad_sales_excerpt.csv")
    at = _clean_page(ws.folder, lang)
    assert not at.exception, at.exception
    column = at.selectbox(key="clean_hist_col").value
    assert "$" in column
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert t("clean.chart.distribution", lang, column=column) in titles, titles


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_fences_of_a_column_in_several_currencies_carry_no_one_sign(ws, lang):
    """walk36 on Lemon Squeezy's orders: ``total`` in GBP, USD and EUR (its ``currency``) read "outside
    [$22, $199]", the dollars of ``total_usd`` put on pounds and euros."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "lemonsqueezy_orders_excerpt.csv")
    at = _clean_page(ws.folder, lang)
    assert not at.exception, at.exception
    said = [w.value.replace("\\", "") for w in at.warning if "“total”" in w.value or "'total'" in w.value]
    fences = [re.search(r"\[([^\]]+)\]", s) for s in said]
    assert fences and all(f and re.match(r"\d", f.group(1)) and "$" not in f.group(1) for f in fences), said
