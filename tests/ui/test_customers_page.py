"""The Customers page headless: churn lists as of a cutoff, the label beside the score, spend."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest

from crm_core.i18n import Listing, Sentence, quoted_name, say, t
from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.summaries import load_youzan
from tests.ui.apptest import catch_downloads, page_grids, page_opener

_page = page_opener("pages/customers.py")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_workspace_points_to_data(ws, lang):
    at = _page(ws.folder, lang)
    assert not at.exception
    assert at.info and at.info[0].value == t("common.no_data", lang)


def test_churn_lists_and_threshold_then_spend(sample_ws):
    at = _page(sample_ws.folder)
    assert not at.exception and at.title[0].value == "Customers: churn & value"
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    flagged = int({m.label: m.value for m in at.metric}["Customers flagged"].replace(",", ""))
    # "Customers flagged: 6" stood above an at-risk list of 5 (the sixth was on win-back)
    heading = next(m.value for m in at.markdown if m.value.startswith("**At-risk customers ("))
    split = next(c.value for c in at.caption if "already on the win-back list" in c.value)
    listed, gone = (int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", split))
    assert f"({listed:,})" in heading and listed + gone == flagged
    # gone17: the win-back caption says who counts as gone on this run (its backtest's cut, or why not)
    assert any(c.value.startswith(("Gone ", "Nobody is listed as gone")) for c in at.caption)
    grid = next(d for d in page_grids(at) if "value_at_risk" in d.value.columns)  # the at-risk list
    at_risk = grid.value
    assert {d.proto.placeholder for d in at.dataframe} == {"—"}  # an empty p_alive read "None"
    columns = json.loads(grid.proto.columns)
    headers = {c: v.get("label") for c, v in columns.items()}
    assert headers["churn_probability"] == "Churn probability"  # its window in the tooltip (walk20)
    assert columns["churn_probability"]["help"] == "Churn probability (no order in the window)"
    assert headers["value_at_risk"] == "Value at risk"  # English read the column ids
    assert all(label and label != column for column, label in headers.items() if column in at_risk), headers
    assert at_risk["status"].eq("at risk").all() and at_risk["last_order"].max() <= pd.Timestamp("2025-09-30")
    columns = list(at_risk.columns)  # QA8 walk: the long reasons pushed the status off the grid;
    # judge8 walk: then the value at risk the list is ranked by, so the words come last
    assert columns[-2:] == ["status", "reasons"], columns
    assert columns.index("value_at_risk") < columns.index("status"), columns
    at.slider(key="churn_threshold").set_value(0.8).run()
    assert not at.exception
    assert int({m.label: m.value for m in at.metric}["Customers flagged"].replace(",", "")) < flagged
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    assert any(m.label.startswith("Expected total") for m in at.metric)  # corrected by the backtest (left38)
    assert any("not a range for what the customer will actually spend" in c.value for c in at.caption)
    with sample_ws.connect() as con:
        kinds = {r[0] for r in con.execute("SELECT kind FROM _crm.runs").fetchall()}
    assert {"churn", "spend"} <= kinds


def _churn_list_grids(folder, lang: str) -> list:
    """The at-risk and win-back grids of a churn run on the sample's orders as of 2025-09-30."""
    at = _page(folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    grids = [d for d in page_grids(at) if "last_order" in d.value.columns]
    assert len(grids) == 2  # at risk, win back
    return grids


@pytest.mark.parametrize(("lang", "shape"), [("en", "D MMM YYYY"), ("zh", "YYYY年M月D日")])
def test_a_churn_lists_last_order_is_a_date_said_in_the_pages_language(sample_ws, lang, shape):
    """judge8 walk: the last order read ``2024-12-15`` (text, sorting as text) in English and Chinese."""
    for grid in _churn_list_grids(sample_ws.folder, lang):
        assert pd.api.types.is_datetime64_any_dtype(grid.value["last_order"])
        column = json.loads(grid.proto.columns)["last_order"]
        assert column["type_config"] == {"type": "date", "format": shape}, column
        assert column["label"] == t("customers.col.last_order", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_auc_is_read_once_on_the_page_its_standard_error_in_the_details(sample_ws, lang):
    """"ROC AUC 0.840 ± 0.011" stood under the AUC's 95% range: one standard error read twice."""
    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    details = {c.value for e in at.expander for c in e.caption}
    page = [c.value for c in at.caption if c.value not in details]
    ranges = [c for c in page if c.startswith(t("common.range95", lang, low="", high="", n="").split(" ")[0])]
    assert len(ranges) == len(set(ranges)) == 6 and not [c for c in page if "±" in c], page  # ROC, PR AUC,
    # the calibration error (walk33), the threshold's precision and recall (walk34), the churn rate (left61)
    assert [c for c in details if "ROC AUC" in c and "±" in c], details


@pytest.mark.parametrize("lang, said", [
    ("en", r"fit as of \d{1,2} [A-Z][a-z]{2} 2025, checked as of 3 Jul 2025;"),
    ("zh", r"以 2025年\d{1,2}月\d{1,2}日 的数据训练，以 2025年7月3日 的数据检验")])
def test_the_validation_line_says_its_days_as_people_write_them(sample_ws, lang, said):
    """Judge6 walk: "fit as of 2023-07-05, checked as of 2023-10-03" on both pages, ISO codes
    beside the rest of the page's dates ("30 Sep 2025", "2025年9月30日")."""
    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    assert [c.value for c in at.caption if re.search(said, c.value)], [c.value for c in at.caption]


@pytest.mark.parametrize("lang, said", [("en", "The label column 'channel' has values that are not yes/no"),
                                         ("zh", "标签列“channel”里有不是“是/否”的值")])
def test_label_mode_on_a_customer_table_without_a_churn_column_shows_an_error(sample_ws, lang, said):
    """The refusal names the column, in the page's language (the Chinese page read English)."""
    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("customers").run()  # a browser reruns on each choice
    at.radio(key="churn_mode").set_value(t("customers.churn.mode.label", lang)).run()
    at.selectbox(key="churn_label").set_value("channel")
    at.button(key="churn_run").click().run()
    assert not at.exception
    assert at.error[0].value.startswith(said), at.error[0].value


@pytest.mark.parametrize("lang, said", [
    ("en", r"; the backtest total was (\d+(\.\d)?% (under|over) what the customers spent"
           r"|what the customers spent, to the percent)\.$"),
    ("zh", r"；回测总额(比客户实际消费[低高] \d+(\.\d)?%|与客户实际消费相差不到 1%)。$")])
def test_the_spend_backtests_total_is_said_under_or_over(sample_ws, lang, said):
    """Judge6 walk: "the backtest total was off by -4%" / "回测总额偏差 -4%": which way is minus?"""
    at = _page(sample_ws.folder, lang)
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    opening = t("customers.spend.chosen", lang)[:4]  # "Chos" / "回测选中"
    chosen = next(i.value for i in at.info if i.value.startswith(opening))
    assert re.search(said, chosen), chosen
    # judge8 walk: an untitled decile chart ticked 2, 4 … 10, and expected purchases read 17.787
    decile = next(c for c in (json.loads(p.proto.spec) for p in at.get("plotly_chart"))
                  if c["layout"].get("xaxis", {}).get("dtick") == 1)
    said = decile["layout"]["title"]["text"].split("<br>")  # wrapped to the column (walk20)
    assert "".join(said).replace(" ", "") == t("customers.spend.decile_title", lang).replace(" ", "")
    purchases = next(d.value for d in at.dataframe if "expected_purchases" in d.value)["expected_purchases"]
    assert purchases.eq(purchases.round(1)).all() and not purchases.eq(purchases.round(0)).all()


def test_chinese_page_runs_spend(sample_ws):
    at = _page(sample_ws.folder, "zh")
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    assert at.title[0].value == "客户：流失与价值"
    backtest, scores = (json.loads(d.proto.columns) for d in at.dataframe[-2:])
    assert [backtest[c]["label"] for c in ("model", "predicted_total")] == ["模型", "预测总额"]
    assert scores["customer_id"]["label"] == "客户编号"
    assert scores["lower"]["label"] == "预计消费额（估计下限）"  # a bound of the average, not of the spend
    assert any("不是该客户实际会花多少钱的范围" in c.value for c in at.caption)
    # QA5: "localized" alone trimmed decimals (54.1, 0 and 1,414.3 beside 1,656.84); step fixes two
    money = {"type": "number", "format": "localized", "step": 0.01}
    shown = at.dataframe[-1].value  # the grid holds percent; the download keeps shares
    spend = scores["expected_spend"]  # walk17: as wide as its largest amount
    assert {k: v for k, v in spend.items() if k != "width"} == {"label": "预计消费额", "type_config": money}
    assert spend["width"] >= 8 * len(f"{shown['expected_spend'].max():,.2f}")
    assert scores["p_alive"]["type_config"]["format"] == "%.1f%%"
    shown = at.dataframe[-1].value  # the grid holds percent; the download keeps shares
    assert shown["p_alive"].between(0, 100).all() and shown["p_alive"].max() > 1
    assert shown["expected_spend"].round(2).equals(shown["expected_spend"])


def test_the_at_risk_excel_reads_as_the_chinese_grid_and_its_csv_keeps_the_codes(sample_ws, monkeypatch):
    """Eighth walk: the Chinese page's at-risk download read ``status=at_risk`` and
    ``drivers=p_none=0.9474 (+0.06)`` under English headers beside a grid in Chinese words. The
    workbook is for people (the grid's headers, words, dates, percents and money); the CSV stays
    the CLI's contract."""
    import io

    import openpyxl

    files = catch_downloads(monkeypatch)
    at = _page(sample_ws.folder, "zh")
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    machine = pd.read_csv(io.BytesIO(files["at_risk_customers.csv"]()))
    assert machine["status"].eq("at_risk").all() and machine["drivers"].str.contains("=").all()
    assert {"customer_id", "churn_probability", "value_at_risk"} <= set(machine.columns)
    sheet = openpyxl.load_workbook(io.BytesIO(files["at_risk_customers.xlsx"]())).active
    rows = list(sheet.iter_rows(values_only=True))
    head, cells = rows[0], [c for row in rows[1:] for c in row]
    shown = next(d for d in page_grids(at) if "value_at_risk" in d.value.columns)
    grid = json.loads(shown.proto.columns)
    assert list(head) == [grid[c]["label"] for c in shown.value.columns]  # the grid's heads, in its order
    assert len(rows) == len(machine) + 1 and "drivers" not in head
    assert not any(isinstance(c, str) and re.search(r"at_risk|p_none|\w+=", c) for c in cells)
    assert set(head[-2:]) == {t("customers.col.status", "zh"), t("customers.col.reasons", "zh")}
    column = {h: [row[i] for row in rows[1:]] for i, h in enumerate(head)}
    assert set(column[t("customers.col.status", "zh")]) == {t("customers.status.at_risk", "zh")}
    share = column[grid["churn_probability"]["label"]]
    assert all(0 < p <= 1 for p in share)  # a share under Excel's percent format, not 95.8 → 9580%
    styles = {h: sheet.cell(2, i + 1).number_format for i, h in enumerate(head)}
    assert styles[grid["churn_probability"]["label"]] == "0.0%"
    assert styles[grid["value_at_risk"]["label"]] == "#,##0.00"
    last_order = grid["last_order"]["label"]
    assert styles[last_order] == 'yyyy"年"m"月"d"日"'  # a date cell, not the text 2025-09-12
    assert [d.date() for d in column[last_order]] == pd.to_datetime(machine["last_order"]).dt.date.tolist()


def test_the_whole_lists_workbooks_are_built_on_click_in_the_pages_language(sample_ws, monkeypatch):
    """dl11: the workbooks of the whole lists (the page shows their top 1,000) were built with the
    page on every rerun (~0.1 s per threshold-slider move on 2,876 customers), as the file's deferred
    build had no session to read the language from. Now nothing is built until the click, and the
    build, run after the page's run has ended, still reads in the page's language."""
    import io

    from app_ui import widgets

    built = []
    real = widgets.for_people
    monkeypatch.setattr(widgets, "for_people", lambda *grid: built.append(grid) or real(*grid))
    files = catch_downloads(monkeypatch)
    at = _page(sample_ws.folder, "zh")
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    at.slider(key="churn_threshold").set_value(0.3).run()
    assert not at.exception and not at.error
    assert built == []  # every list's workbook (and the past run's) waits for its click
    machine = pd.read_csv(io.BytesIO(files["churn_scores.csv"]()))
    sheet = pd.read_excel(io.BytesIO(files["churn_scores.xlsx"]()))  # the run is over: no session
    assert len(built) == 1 and len(sheet) == len(machine)
    status = t("customers.col.status", "zh")
    assert {status, t("customers.col.reasons", "zh")} <= set(sheet.columns), list(sheet.columns)
    assert set(sheet[status]) == {t(f"customers.status.{s}", "zh") for s in set(machine["status"])}


def test_a_table_without_customers_is_refused_in_the_pages_language(ws):
    """QA2: an order log without customers (pizzaplace) was refused in English on the Chinese page."""
    import pandas as pd

    from crm_core.workspace import store

    with ws.connect() as con:
        store.write_frame(con, "pizza", pd.DataFrame({
            "订单号": ["2015-000001", "2015-000002", "2015-000002"],
            "日期": pd.to_datetime(["2015-01-01"] * 3),
            "商品名称": ["hawaiian", "classic_dlx", "mexicana"], "金额": [13.25, 16.0, 16.0]}))
    at = _page(ws.folder, "zh")
    at.button(key="churn_run").click().run()
    assert not at.exception
    said = [e.value for e in at.error]  # judge26: an order log naming no buyer says so, and what still runs
    assert any(e.startswith("数据表“pizza”列出了订单") and "没有哪一列说明是谁下的单" in e
               for e in said), said


def test_money_carries_the_unit_the_data_names_without_the_sidebar(sample_ws):
    """QA4: spend read "1,234" with no unit though the export said €; the sidebar still overrides."""
    from crm_core.report import format as fmt

    with sample_ws.connect() as con:
        fmt.remember_table_currency(con, "orders", "EUR")
    at = _page(sample_ws.folder)
    at.selectbox(key="spend_table").set_value("orders")
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    assert next(m for m in at.metric if m.label.startswith("Expected total")).value.startswith("€")
    scores = json.loads(at.dataframe[-1].proto.columns)
    assert scores["expected_spend"]["type_config"]["format"] == "euro"
    # walk15: the MAE's change read "-172.12" under "€603.23", beside the rank's "+0.122 vs naive"
    mae = next(m for m in at.metric if m.label == "MAE per customer")
    assert re.fullmatch(r"[+-]€[\d,]+\.\d\d vs naive", mae.proto.delta), mae.proto.delta



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_purchase_log_says_which_rows_its_models_leave_out_and_why(ws, tmp_path, lang):
    # the page never said that the export's refunded orders are not in the churn or spend models
    from crm_core.load.reader import load_file
    from tests.ui.test_segments_page import shopify_export

    path, refunded = shopify_export(tmp_path)
    with ws.connect() as con:
        load_file(con, path)
    at = _page(ws.folder, lang)
    assert not at.exception, at.exception
    why = say(Sentence("coverage.no_sale.status_named", column=quoted_name("Financial Status"),
                       states=Listing([quoted_name("refunded")])), lang)  # the export's own state (left66)
    expected = t("coverage.cancelled", lang, n=refunded, why=why)
    shown = [c.value for c in at.caption if expected in c.value]
    assert len(shown) == 2, [c.value for c in at.caption]  # under both tabs' table pickers
    assert t("coverage.used", lang, used=320 - refunded, rows=320) in shown[0]
    assert t("coverage.no_sale.cancelled_orders", lang) not in shown[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_rows_left_out_as_no_sale_are_said_by_the_rule_that_left_them(ws, lang):
    """walk32: 哗啦啦's bills whose dishes all went back read "36 行不算销售：已退款、已取消、
    已作废、未付款的订单，会员储值充值，不是顾客付款的账单行，或未赢单的商机（依据…商机阶段）",
    every rule the app knows, though only one applied."""
    lines = pd.read_csv(DATA / "hualala_dish_lines_excerpt_zh.csv", encoding="gb18030", skiprows=2)
    lines = lines[lines["营业日期"] != "合计"]
    net = lines.groupby("账单号")["折后金额"].agg(["sum", "max"])
    gone = net[(net["sum"].abs() < 0.005) & (net["max"] > 0)].index
    with ws.connect() as con:
        load_file(con, DATA / "hualala_dish_lines_excerpt_zh.csv", table="hll")
    at = _page(ws.folder, lang)
    assert not at.exception, at.exception
    why = t("coverage.no_sale.orders_refunded_in_full", lang)
    expected = t("coverage.cancelled", lang, n=int(lines["账单号"].isin(gone).sum()), why=why)
    shown = [c.value for c in at.caption if expected in c.value]
    assert len(shown) == 2, [c.value for c in at.caption]
    assert not any(word in c.value for c in at.caption for word in ("商机", "deals", "储值", "top-ups"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_coverage_says_refused_and_returned_parcels_and_rows_a_refund_flag_left_out(ws, lang):
    """left57 left alone: 唯品会's 已拒收 / 退货完成 rows read "已退款、已取消、失败、未付款或爽约的订单", and
    Gumroad's rows flagged ``Fully Refunded?`` were said "by their status", a column Gumroad has not."""
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.store import save_roles

    vip = pd.read_csv(DATA / "vipshop_orders_excerpt_zh.csv", encoding="utf-8-sig")
    flagged = pd.read_csv(DATA / "gumroad_sales_excerpt.csv")["Fully Refunded?"].eq(1).sum()
    with ws.connect() as con:
        load_file(con, DATA / "vipshop_orders_excerpt_zh.csv", table="vip")
        save_roles(con, "vip", get_roles(con, "vip", {"customer_id": "收货人"}))
        load_file(con, DATA / "gumroad_sales_excerpt.csv", table="gum")
    at = _page(ws.folder, lang)
    said = {}
    for table in ("vip", "gum"):
        at.selectbox(key="churn_table").set_value(table).run()
        assert not at.exception, at.exception
        said[table] = next(c.value for c in at.caption if t("coverage.left_out", lang, reasons="") in c.value)
    words = ("已拒收", "退货完成")  # in the export's own states, as the Data page says them (left66)
    gone = vip["订单状态"].isin(["已拒收", "退货完成"]).sum()
    assert all(w in said["vip"] for w in words) and f"{gone:,}" in said["vip"], said["vip"]
    flag = t("coverage.cancelled", lang, n=f"{flagged:,}", why=t("coverage.no_sale.refunded_flagged", lang))
    assert flag in said["gum"], said["gum"]
    assert ("status" if lang == "en" else "状态") not in said["gum"], said["gum"]


def test_past_runs_count_the_run_just_saved(sample_ws):
    # QA6: "Saved as table churn_scores_orders_1" beside "Past runs (0)" (counted before the save)
    at = _page(sample_ws.folder)
    at.selectbox(key="churn_table").set_value("orders")
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    assert "Past runs (1)" in [e.label for e in at.expander]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_runs_scores_read_as_the_pages_own_lists(sample_ws, lang):
    """pol3: the Past runs expander showed a kept churn table as stored: 0.951384 beside 36.9090909.
    It reads as the lists above it: chances in percent to one decimal, days whole, money to the cent."""
    from crm_core.customers import churn, spend
    from crm_core.customers.charts import feature_label
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        runs.save(con, churn.run(con, "orders", churn.ChurnConfig()))
        runs.save(con, spend.run(con, "orders", spend.SpendConfig()))
        kept = {kind: runs.result_frame(con, runs.list_runs(con, kind)[0]) for kind in ("churn", "spend")}
    at = _page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    grids = {kind: next(g for g in at.dataframe if len(g.value) == len(kept[kind]) and column in g.value)
             for kind, column in (("churn", "churn_probability"), ("spend", "expected_spend"))}
    shown, config, stored = grids["churn"].value, json.loads(grids["churn"].proto.columns), kept["churn"]
    assert shown["churn_probability"].tolist() == stored["churn_probability"].mul(100).round(1).tolist()
    assert config["churn_probability"]["type_config"]["format"] == "%.1f%%"
    assert (shown["mean_gap_days"].dropna() % 1 == 0).all() and (stored["mean_gap_days"] % 1 != 0).any()
    assert config["mean_gap_days"]["label"] == feature_label("mean_gap_days", lang)
    assert config["status"]["label"] and shown["status"].iloc[0] == t(
        f"customers.status.{stored['status'].iloc[0]}", lang)
    spent, config = grids["spend"].value, json.loads(grids["spend"].proto.columns)
    assert spent["expected_spend"].tolist() == kept["spend"]["expected_spend"].round(2).tolist()
    assert config["expected_spend"]["type_config"]["step"] == 0.01
    assert spent["p_alive"].max() <= 100 and spent["p_alive"].max() > 1



@pytest.mark.parametrize(("lang", "currency", "shape", "sign"),
                         [("en", "EUR", "euro", ""), ("zh", "CNY", "localized", "（¥）")])
def test_a_kept_runs_money_reads_in_the_tables_currency(sample_ws, lang, currency, shape, sign):
    """pol5, seen and left: a reopened churn or spend run showed its money without the unit the
    live lists above it use (1,648.99 where the list reads €1,648.99)."""
    from crm_core.customers import churn, spend
    from crm_core.report.format import set_currency
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        set_currency(con, currency)
        runs.save(con, churn.run(con, "orders", churn.ChurnConfig()))
        runs.save(con, spend.run(con, "orders", spend.SpendConfig()))
        kept = {kind: runs.result_frame(con, runs.list_runs(con, kind)[0]) for kind in ("churn", "spend")}
    at = _page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    for kind, column in (("churn", "value_at_risk"), ("spend", "expected_spend")):
        grid = next(g for g in at.dataframe if len(g.value) == len(kept[kind]) and column in g.value)
        money = json.loads(grid.proto.columns)[column]
        assert money["type_config"]["format"] == shape, (kind, money)
        assert money["label"].endswith(sign) and money["label"] != column, (kind, money)

def test_cutoff_accepts_the_logs_own_days(ws):
    """QA8 walk: CDNOW's cutoff 1997-09-30 was refused ("Date set outside allowed range. Please
    select a date between 2016/12/03 and 2036/12/03"): the pickers now span the log's own days."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "purchase_log.txt", table="cdnow")
    at = _page(ws.folder)
    for key in ("churn_cutoff", "spend_cutoff"):
        picker = at.date_input(key=key).proto
        assert picker.min <= "1997-09-30" <= picker.max, (picker.min, picker.max)
    at.date_input(key="churn_cutoff").set_value(date(1997, 9, 30)).run()
    assert at.date_input(key="churn_cutoff").value == date(1997, 9, 30)


def test_a_labelled_telco_table_lists_the_scored_at_risk_by_money_with_reasons_in_words(ws):
    """The judge on Telco: purchase-log notes, 5,575 of 7,043 "at risk", value at risk = the
    probability, reasons like ``tenure=1 (+0.80)``."""
    from tests.customers.attribute_tables import telco

    frame = telco(n=1200)
    with ws.connect() as con:
        con.register("src", frame.drop(columns="_p"))
        con.execute("CREATE TABLE telco AS SELECT * FROM src")
    at = _page(ws.folder)
    at.selectbox(key="churn_table").set_value("telco")
    at.radio(key="churn_mode").set_value("From a column").run()
    at.selectbox(key="churn_label").set_value("Churn")
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    assert not any("order id" in i.value for i in at.info)
    captions = [c.value for c in at.caption]
    assert any(re.search(r"ROC AUC 0\.\d{3} ± 0\.0\d\d", c) for c in captions), captions
    assert any("value = MonthlyCharges × 12" in c for c in captions)
    grid = next(d.value for d in page_grids(at) if "value_at_risk" in d.value.columns)  # the at-risk list
    cut = at.slider(key="churn_threshold").value
    assert 0.05 < cut < 0.6 and len(grid) < 0.6 * (frame["Churn"] == "No").sum()
    assert grid["churn_probability"].ge(cut * 100 - 1e-9).all() and (grid["label"] == "stayed").all()
    assert grid["reasons"].str.contains("Contract: Month-to-month", regex=False).any()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_churn_auc_carries_its_range_and_the_threshold_reads_in_percent(sample_ws, lang):
    """Walk: ROC AUC stood alone (two points on a few thousand customers are within chance) and
    the risk threshold slider read 0.50 beside precision and recall in percent."""
    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    auc = float(next(m.value for m in at.metric if m.label == "ROC AUC"))
    pattern = {"en": r"95%: (\d\.\d+)\u2060?–\u2060?(\d\.\d+) \(([\d,]+)\scustomers\)",
               "zh": r"95% 置信区间 (\d\.\d+)\u2060?–\u2060?(\d\.\d+)（([\d,]+)\s人）"}[lang]
    low, high, n = next(re.search(pattern, c.value).groups()
                        for c in at.caption if re.search(pattern, c.value))
    assert float(low) < auc < float(high) and 0.01 < float(high) - float(low) < 0.5
    assert int(n.replace(",", "")) > 100
    assert at.slider(key="churn_threshold").proto.format == "percent"


def test_days_in_the_churn_lists_are_whole_days(ws, tmp_path):
    """QA3 walk (CDNOW_master): "Usual days between orders" read 36.9091, 15.2083 beside 101."""
    import numpy as np
    import pandas as pd

    from crm_core.load.reader import load_file

    rng = np.random.default_rng(3)
    lines = []
    for customer in range(1, 301):  # CDNOW's shape: id, yyyymmdd, CDs, dollars; irregular gaps
        day = pd.Timestamp("1997-01-01") + pd.Timedelta(days=int(rng.integers(0, 90)))
        for _ in range(int(rng.integers(2, 7))):
            lines.append((f"{customer:05d}", day.strftime("%Y%m%d"), int(rng.integers(1, 4)),
                          round(float(rng.gamma(2, 15)), 2)))
            day += pd.Timedelta(days=int(rng.integers(3, 160)))
    path = tmp_path / "cdnow.csv"
    columns = ["customer_id", "date", "number_of_cds", "dollar_value"]
    pd.DataFrame(lines, columns=columns).to_csv(path, index=False)
    with ws.connect() as con:
        load_file(con, path, table="cdnow")
    at = _page(ws.folder)
    at.date_input(key="churn_cutoff").set_value(date(1998, 3, 31))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    grids = [d for d in page_grids(at) if "mean_gap_days" in d.value.columns]
    assert len(grids) == 2
    for grid in grids:
        gaps = grid.value["mean_gap_days"].dropna()
        assert len(gaps) and gaps.eq(gaps.round()).all(), gaps.head()
        assert json.loads(grid.proto.columns)["mean_gap_days"]["type_config"]["format"] == "localized"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_choosing_a_labelled_table_later_switches_to_its_label(sample_ws, lang):
    """QA3 walk: the page opened on the order log (no label: from behaviour); choosing telco, whose
    Churn column is its label, left "from behaviour" on, and training then asked telco for dates."""
    from tests.customers.attribute_tables import telco

    with sample_ws.connect() as con:
        con.register("src", telco(n=300).drop(columns="_p"))
        con.execute("CREATE TABLE telco AS SELECT * FROM src")
    at = _page(sample_ws.folder, lang)
    assert at.radio(key="churn_mode").value == t("customers.churn.mode.behaviour", lang)
    at.selectbox(key="churn_table").set_value("telco").run()
    assert not at.exception
    assert at.radio(key="churn_mode").value == t("customers.churn.mode.label", lang)
    assert at.selectbox(key="churn_label").value == "Churn"
    at.selectbox(key="churn_table").set_value("orders").run()
    assert at.radio(key="churn_mode").value == t("customers.churn.mode.behaviour", lang)


def test_a_labelled_tables_lists_say_the_label_in_chinese_and_not_the_drivers_twice(ws):
    """QA3 walk (telco, Chinese page): the lists had a column ``label`` reading stayed / churned and
    a 驱动因素 column repeating the reasons as ``tenure=1 (+0.79); Contract=Month-to-month``."""
    from tests.customers.attribute_tables import telco

    with ws.connect() as con:
        con.register("src", telco(n=800).drop(columns="_p"))
        con.execute("CREATE TABLE telco AS SELECT * FROM src")
    at = _page(ws.folder, "zh")
    at.selectbox(key="churn_table").set_value("telco").run()
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    grids = [d for d in page_grids(at) if "label" in d.value.columns]
    assert len(grids) == 2
    for grid in grids:
        assert set(grid.value["label"]) <= {"已流失", "留存"}, set(grid.value["label"])
        assert json.loads(grid.proto.columns)["label"]["label"] == "数据中的标签"
        assert "drivers" not in grid.value.columns and "reasons" in grid.value.columns


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_churn_workbook_counts_whole_and_draws_every_measure(sample_ws, monkeypatch, lang):
    """fmt13: the churn workbook read purchase frequency as 3.0 and expected purchases in Excel's
    General format (17.787); a count is now a whole number and no number is left to General."""
    import io

    import openpyxl

    from crm_core.customers.charts import feature_label

    files = catch_downloads(monkeypatch)
    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    sheet = openpyxl.load_workbook(io.BytesIO(files["at_risk_customers.xlsx"]())).active
    head = [c.value for c in sheet[1]]
    frequency = [row[head.index(feature_label("frequency", lang))] for row in sheet.iter_rows(min_row=2)]
    assert frequency and all(isinstance(c.value, int) for c in frequency if c.value is not None)
    general = [h for h, c in zip(head, sheet[2], strict=True)
               if isinstance(c.value, float) and c.number_format == "General"]
    assert not general, general


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_customer_summary_gets_both_lists_and_spend_with_an_in_sample_check_only(sample_ws, tmp_path, lang):
    """A 会员导出 (one row per customer) is fitted, not refused; no AUC or backtest error is shown."""
    with sample_ws.connect() as con:
        table = load_youzan(con, tmp_path)
    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value(table)
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    assert any(i.value == t("customers.churn.summary_probability", lang, days=90) for i in at.info)
    assert not any(m.label == t("customers.churn.roc_auc", lang) for m in at.metric)
    assert any("首次消费时间" in c.value for c in at.caption)  # where the numbers come from
    headings = [m.value for m in at.markdown]
    for key in ("customers.churn.at_risk", "customers.churn.win_back"):
        opening = "**" + t(key, lang, n="#").split("#")[0]
        assert any(h.startswith(opening) for h in headings), (key, headings)
    check = next(d.value for d in at.dataframe if t("customers.col.repeat_purchases", lang) in d.value)
    expected = check[t("customers.col.expected_customers", lang)].sum()
    assert check[t("customers.col.customers", lang)].sum() == pytest.approx(expected, abs=1)
    at.selectbox(key="spend_table").set_value(table)
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    assert any(m.label == t("customers.spend.total", lang) for m in at.metric)
    assert any(i.value == t("customers.spend.summary_model", lang) for i in at.info)
    assert not any(t("customers.spend.mae", lang) == m.label for m in at.metric)
    scores = next(d.value for d in at.dataframe if "expected_spend" in d.value)
    assert scores["customer_id"].str.startswith("VIP").all()


@pytest.mark.parametrize(("lang", "said"), [("en", "year/month/day"), ("zh", "年/月/日")])
def test_the_cutoff_box_says_how_its_yyyy_mm_dd_is_read(sample_ws, lang, said):
    """walk16 (Chinese): the empty cutoff box read ``YYYY/MM/DD`` with nothing in Chinese saying
    what it asks; Streamlit's box takes only slash, dash or dot formats, so its help says it."""
    at = _page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    for key in ("churn_cutoff", "spend_cutoff"):
        box = at.date_input(key=key)
        assert box.value is None and said in box.help and "2024/12/31" in box.help, box.help


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_last_order_sits_beside_the_churn_probability_in_view_at_1024_px(sample_ws, lang):
    """walk20 (en_13_churn.png, 1024 px): "Churn probability (no order in the window)" was the widest
    header, about 265 of the grid's 564 px beside a customer's e-mail (290), so "Last order" and the money
    were past the right edge. The grid heads it "Churn probability" (the window in its tooltip) as
    wide as that, and the last order follows it."""
    for grid in _churn_list_grids(sample_ws.folder, lang):
        assert list(grid.value.columns[:3]) == ["customer_id", "churn_probability", "last_order"]
        column = json.loads(grid.proto.columns)["churn_probability"]
        assert column["label"] == t("customers.grid.churn_probability", lang)
        assert column["help"] == t("customers.col.churn_probability", lang)
        assert column["width"] <= 24 + 8 * len(column["label"].encode("gbk")), column


GRID_AT_1024_PX = 564
"""The main column's width at a 1024 px screen with the sidebar open (walk20, measured)."""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_value_at_risk_is_in_view_at_1024_px_beside_e_mail_ids(ws, lang):
    """walk21 (en_01_churn.png, 1024 px): on the bike shop's Stripe payments the at-risk list is ranked by
    value at risk, yet beside an e-mail (290 px) the probability and last order left it past the right
    edge. The customer, probability, last order and value at risk are sized to fit 564 px together; the
    whole e-mail is in the cell's tooltip and the downloads."""
    with ws.connect() as con:
        table = load_file(con, DATA / "bike_shop_payments.csv")[0].table
    at = _page(ws.folder, lang)
    at.selectbox(key="churn_table").set_value(table)
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    grid = next(d for d in page_grids(at) if "value_at_risk" in d.value.columns)
    assert list(grid.value.columns[:4]) == ["customer_id", "churn_probability", "last_order", "value_at_risk"]
    columns = json.loads(grid.proto.columns)
    widths = [columns[c].get("width") for c in grid.value.columns[:4]]
    assert all(widths) and sum(widths) <= GRID_AT_1024_PX, widths
    assert widths[0] >= 160, widths  # most of an e-mail's name still read


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_spend_backtests_measures_are_in_view_at_1024_px(sample_ws, lang, monkeypatch):
    """walk21 (``en_08_spend.png``): beside the model names "Spend share of the top 10%" sat past
    the right edge at 1024 px, and "gradient boosting" was the one name in lower case. The
    measures are headed short, each whole in its tooltip; the names are capitalised. walk25: its
    CSV (no CLI file: ``spend_metrics.json`` holds the backtest) was headed mae, spearman on the
    Chinese page; now as its workbook."""
    from tests.ui.apptest import opened_workbook

    files = catch_downloads(monkeypatch)
    at = _page(sample_ws.folder, lang)
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    grid = next(d for d in at.dataframe if "top_decile_share" in d.value.columns)
    heads = json.loads(grid.proto.columns)
    measures = ("model", "mae", "spearman", "top_decile_share")
    assert sum(heads[c]["width"] for c in measures) <= 564, {c: heads[c] for c in measures}
    assert heads["top_decile_share"]["help"] == t("customers.col.top_decile_share", lang)
    assert heads["mae"]["help"] == t("customers.col.mae", lang)
    if lang == "en":
        assert all(name[0].isupper() for name in grid.value["model"]), grid.value["model"].tolist()
    _, sheet = opened_workbook(files, "spend_backtest.xlsx")
    written = files["spend_backtest.csv"]().decode("utf-8-sig").splitlines()[0].split(",")
    assert written == list(sheet) and t("customers.col.mae", lang) in written, written


@pytest.mark.parametrize("lang, top_ups", [("en", "stored-value top-ups"), ("zh", "储值充值")])
def test_a_tills_top_ups_are_not_said_to_be_refunded_or_cancelled_orders(ws, lang, top_ups):
    """walk22 (judge27's 收银流水, Chinese, 1280 px): the 1,409 储值充值 rows the load leaves out were
    said under every table picker as "1,409 行已退款、已取消、未付款的订单，不是顾客付款的账单行，或未赢单的
    商机" and in Segments' table reading as "已取消、已退款、未付款的订单，未赢单的商机等": a member's
    top-up is none of those."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "pos_journal_excerpt_zh.csv", table="pos")
    at = _page(ws.folder, lang)
    assert not at.exception, at.exception
    said = next(c.value for c in at.caption if "706" in c.value and "66" in c.value)
    assert top_ups in said, said
    assert top_ups in t("kind.evidence.no_sale", lang, count="66")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_aucs_95_range_note_is_short_enough_for_its_quarter_column(sample_ws, lang):
    """walk22 (``en_07_churn.png``, 1024 px): "95% range 0.735 – 0.854, measured on 353 customers" ran
    three to four lines under ROC AUC in a quarter of the column (about 130 px, some 17 letters a line).
    Said in at most 38 letters' room (a Chinese character two), it takes two or three."""
    from crm_core.report.format import char_width

    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    note = next(c.value for c in at.caption if c.value.startswith("95%"))
    assert sum(map(char_width, note)) <= 38, note


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_auc_range_wraps_before_it_never_inside_it(sample_ws, lang):
    """walk24 (zh, 1024 px): the range under ROC AUC, a quarter of the page wide, broke at its dash
    and before its unit: "95% 置信区间 0.831–" / "0.862（2,939" / "人）"; the range and its count
    now hold together (a word joiner around the dash, a no-break space before the unit)."""
    import re

    at = _page(sample_ws.folder, lang)
    at.selectbox(key="churn_table").set_value("orders")
    at.date_input(key="churn_cutoff").set_value(date(2025, 9, 30))
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    head = t("common.range95", lang, low="", high="", n="").split(" ")[0]
    said = next(c.value for c in at.caption if c.value.startswith(head))
    held = re.search(r"\d\.\d+\u2060–\u2060\d\.\d+[ （(]+[\d,]+\u00a0\S+", said)
    assert held, repr(said)
    assert not re.search(r"\d\.\d+–\d", said) and not re.search(r"[\d,]+ (人|customers)", said), repr(said)


@pytest.mark.parametrize(("lang", "level", "gap"), [
    ("en", "rank churners about as well", r"a gap of (\d\.\d{3}), within the ±(\d\.\d{3})"),
    ("zh", "不相上下", r"差距 (\d\.\d{3})，在 ±(\d\.\d{3})")])
def test_a_lead_over_the_recency_rule_within_its_error_is_not_called_a_win(ws, lang, level, gap):
    """walk30: a tea shop's 有赞 orders, 93 validation customers: "the model ranks churners better than the
    recency rule: ROC AUC 0.588 against 0.574" under an AUC whose own 95% range is 0.465–0.711. The two
    rank the same customers, so the gap is judged by its own (paired, DeLong) margin."""
    with ws.connect() as con:
        load_file(con, DATA / "youzan_tea_orders_walk30_zh.csv")
    at = _page(ws.folder, lang)
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    said = next(i.value for i in at.info if "ROC AUC" in i.value)
    assert level in said, said
    lead, margin = map(float, re.search(gap, said).groups())
    assert 0 < lead < margin < 0.3, said


@pytest.mark.parametrize(("lang", "scaled", "mixed", "own"), [
    ("en", "is BG/NBD's 90% range, scaled to", "Naive (last window goes on) mixed with",
     "Expected spend here is Naive (last window goes on)'s"),
    ("zh", "是 BG/NBD 模型的 90% 区间按", "把朴素速率（延续上一窗口）的预测",
     "这里的预计消费额由回测选中的朴素速率（延续上一窗口）算出")])
def test_a_spend_served_by_the_naive_rule_is_said_as_the_rules_on_both_pages(ws, lang, scaled, mixed, own):
    """walk30: on a tea shop's Shopify orders the backtest served the naive rule, yet the Customers page said
    its range "if customers keep buying as the model assumes" and "the model mixed with …", and Customer 360
    read "Expected spend $0.00" beside BG/NBD's "Expected purchases 0.35" with no word of who made which."""
    from tests.ui.test_link_pages import _customer

    with ws.connect() as con:
        load_file(con, DATA / "shopify_tea_orders_walk30.csv")
    at = _page(ws.folder, lang)
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    assert any(t("customers.spend.method.naive", lang) in i.value for i in at.info)  # the walk's case
    captions = [c.value for c in at.caption]
    assert any(scaled in c for c in captions), captions
    assert any(mixed in c for c in captions), captions
    assert not any("as the model assumes" in c or "照模型设想" in c for c in captions), captions
    person = _customer(ws.folder, lang)
    person.text_input(key="cust_query").set_value("ethan.smith139@gmail.com").run()
    assert not person.exception, person.exception
    assert any(own in c.value for c in person.caption), [c.value for c in person.caption]


HIT_COUNTS = [("en", r"(?P<part>\d+) of the (?P<whole>\d+) validation customers it flags churned",
               r"(?P<part>\d+) of the (?P<whole>\d+) who churned"),
              ("zh", r"验证客户中标出的 (?P<whole>\d+) 位里有 (?P<part>\d+) 位确已流失",
               r"验证期流失的 (?P<whole>\d+) 位中标出了 (?P<part>\d+) 位")]
"""How precision's and recall's captions say their counts, per language."""


@pytest.mark.parametrize(("lang", "caught", "found"), HIT_COUNTS)
def test_precision_and_recall_say_of_how_many_validation_customers(ws, lang, caught, found):
    """walk31: on Lazada orders "Precision 54.2%", "Recall 78.8%" stood beside "Customers flagged 53", a
    count of the scored customers, not of the 71 validation customers the two shares were measured on."""
    at, shares = _youzan_churn(ws, lang)
    for metric, said in (("customers.churn.precision", caught), ("customers.churn.recall", found)):
        _count_reads_as_share(at, said, shares[t(metric, lang)])


@pytest.mark.parametrize(("lang", "caught", "found"), HIT_COUNTS)
def test_precision_and_recall_have_their_ranges_over_their_counts(ws, lang, caught, found):
    """walk34: on 畅捷通 T+'s 40 customers "精确率 70.0%" (7 of 10 flagged) and "召回率 63.6%" (7 of 11) stood
    bare beside the AUCs' and the calibration error's 95% ranges; on ten customers a share moves by tens
    of points."""
    at, shares = _youzan_churn(ws, lang)
    under = {c.metric[0].label: [e.value for e in c.caption] for c in at.columns if len(c.metric)}
    for metric, said in (("customers.churn.precision", caught), ("customers.churn.recall", found)):
        label = t(metric, lang)
        whole = int(next(m for m in (re.search(said, c) for c in under[label]) if m)["whole"])
        ranges = [m for m in (re.search(r"(\d+\.\d)%\W+(\d+\.\d)%\D+([\d,]+)", c) for c in under[label]) if m]
        assert len(ranges) == 1, under[label]
        low, high, n = float(ranges[0][1]), float(ranges[0][2]), int(ranges[0][3].replace(",", ""))
        assert 0 <= low < float(shares[label].rstrip("%")) < high <= 100, (low, shares[label], high)
        assert n == whole  # a share of the flagged (precision) or of the churners (recall)


def _youzan_churn(ws, lang: str):
    """The churn tab after a run on walk30's 有赞 orders, and its metrics by label."""
    with ws.connect() as con:
        load_file(con, DATA / "youzan_tea_orders_walk30_zh.csv")
    at = _page(ws.folder, lang)
    at.button(key="churn_run").click().run()
    assert not at.exception and not at.error
    return at, {m.label: m.value for m in at.metric}


def _count_reads_as_share(at, said: str, share: str) -> None:
    """One caption says the count ``said`` (its ``part`` and ``whole``), and it is the share shown."""
    counts = [m for m in (re.search(said, c.value) for c in at.caption) if m]
    assert len(counts) == 1, [c.value for c in at.caption]
    part, whole = int(counts[0]["part"]), int(counts[0]["whole"])
    assert share == f"{part / whole:.1%}", (share, part, whole)


@pytest.mark.parametrize(("lang", "rate"), [("en", r"(?P<part>\d+) of (?P<whole>\d+) customers churned"),
                                            ("zh", r"(?P<whole>\d+) 位客户中 (?P<part>\d+) 位流失")])
def test_pr_auc_has_its_range_and_the_churn_rate_its_count(ws, lang, rate):
    """walk32: "PR AUC 0.617" and "流失率 30.2%" stood bare beside "ROC AUC 0.816, 95% 0.678–0.954 (53 人)"
    (哗啦啦's members): on 53 customers the PR AUC moves as much, and the rate is a share of a few."""
    at, shares = _youzan_churn(ws, lang)
    under = {c.metric[0].label: [e.value for e in c.caption] for c in at.columns if len(c.metric)}
    pr_auc, roc_auc = (t(f"customers.churn.{key}", lang) for key in ("pr_auc", "roc_auc"))
    low, high, n = re.search(r"(\d\.\d{3})\W+(\d\.\d{3})\D+(\d+)", under[pr_auc][0]).groups()
    assert float(low) < float(shares[pr_auc]) < float(high) <= 1
    assert re.search(r"\D(\d+)\D*$", under[roc_auc][0]).group(1) == n  # measured on the same customers
    _count_reads_as_share(at, rate, shares[t("customers.churn.rate", lang)])


@pytest.mark.parametrize(("lang", "rate"), [("en", r"(?P<part>\d+) of (?P<whole>\d+) customers churned"),
                                            ("zh", r"(?P<whole>\d+) 位客户中 (?P<part>\d+) 位流失")])
def test_the_churn_rate_has_its_range_over_its_count(ws, lang, rate):
    """walk34 left "流失率 30.2%" with its count alone beside four numbers with their 95% ranges (left61): on
    a few dozen customers the share that churned moves by tens of points."""
    at, shares = _youzan_churn(ws, lang)
    label = t("customers.churn.rate", lang)
    under = {c.metric[0].label: [e.value for e in c.caption] for c in at.columns if len(c.metric)}[label]
    whole = int(next(m for m in (re.search(rate, c) for c in under) if m)["whole"])
    ranges = [m for m in (re.search(r"(\d+\.\d)%\W+(\d+\.\d)%\D+([\d,]+)", c) for c in under) if m]
    assert len(ranges) == 1, under
    low, high, n = float(ranges[0][1]), float(ranges[0][2]), int(ranges[0][3].replace(",", ""))
    assert 0 < low < float(shares[label].rstrip("%")) < high < 100 and n == whole, (low, shares[label], high)

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_calibration_error_has_its_range(ws, lang):
    """walk33: "Calibration error 0.118" (Paddle's 74 validation customers) and "校准误差 0.107" (绿云's 57)
    stood bare beside three numbers with their 95% ranges: measured on a few dozen customers in ten bins
    it moves as much as they do."""
    at, shares = _youzan_churn(ws, lang)
    under = {c.metric[0].label: [e.value for e in c.caption] for c in at.columns if len(c.metric)}
    calibration, roc_auc = (t(f"customers.churn.{key}", lang) for key in ("calibration_error", "roc_auc"))
    assert under[calibration], under
    low, high, n = re.search(r"(\d\.\d{3})\W+(\d\.\d{3})\D+(\d+)", under[calibration][0]).groups()
    assert float(low) < float(shares[calibration]) < float(high) <= 1
    assert re.search(r"\D(\d+)\D*$", under[roc_auc][0]).group(1) == n  # measured on the same customers


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_rank_correlation_has_its_range_over_the_backtest_customers(ws, lang):
    """walk33: spend's "Rank correlation 0.490" (Mixpanel's purchases) and "秩相关 0.778" (绿云's guests)
    stood bare beside a total with its range: on a few dozen customers a rank correlation moves by tenths."""
    with ws.connect() as con:
        load_file(con, DATA / "youzan_tea_orders_walk30_zh.csv")
    at = _page(ws.folder, lang)
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    label = t("customers.spend.spearman", lang)
    under = {c.metric[0].label: [e.value for e in c.caption] for c in at.columns if len(c.metric)}
    shown = float(next(m.value for m in at.metric if m.label == label))
    assert under[label], under
    low, high, n = re.search(r"(-?\d\.\d{3})\W+(-?\d\.\d{3})\D+([\d,]+)", under[label][0]).groups()
    assert -1 <= float(low) < shown < float(high) <= 1
    buyers = pd.read_csv(DATA / "youzan_tea_orders_walk30_zh.csv", encoding="utf-8-sig")["买家昵称"].nunique()
    assert 10 < int(n.replace(",", "")) <= buyers  # the customers the backtest ranked are some of the buyers
