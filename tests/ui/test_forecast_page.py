"""The Forecast page headless: empty workspace, sales forecast."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Column, Metric

from crm_core import i18n
from crm_core.workspace import store
from tests.conftest import ROOT
from tests.ui.apptest import (
    kept_grid,
    kept_grids,
    kept_page,
    kept_table,
    page_grids,
    refused_after_a_kept_run,
)

PAGE = str(ROOT / "pages" / "forecast.py")


def _page(folder, lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["workspace_dir"] = str(folder)
    at.session_state["lang"] = lang
    return at


def _rows_of_metrics(block):
    """The rows of columns (horizontal blocks) that hold a metric, anywhere under ``block``."""
    for child in getattr(block, "children", {}).values():
        columns = list(getattr(child, "children", {}).values())
        if columns and all(isinstance(c, Column) for c in columns) \
                and any(isinstance(e, Metric) for c in columns for e in c):
            yield child
        yield from _rows_of_metrics(child)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_workspace_says_what_is_missing(ws, lang):
    at = _page(ws.folder, lang).run()
    assert not at.exception
    assert at.info and at.info[0].value == i18n.t("common.no_data", lang)


def test_weekly_sales_forecast_ranks_candidates_shows_coverage_and_keeps_the_run(sample_ws):
    at = _page(sample_ws.folder).run()
    assert not at.exception
    assert at.title[0].value == "Forecast"
    at.selectbox(key="fc_table").set_value("orders")
    at.number_input(key="fc_horizon").set_value(8)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    assert "chosen on a backtest" in at.success[0].value and "typically off by" in at.success[0].value
    assert "Past runs (1)" in [e.label for e in at.expander]  # CI's zh_forecast: (0) beside "saved"
    ranking = json.loads(page_grids(at)[0].proto.columns)
    assert ranking["mae"]["label"] == "MAE" and ranking["n"]["label"] == "Backtest points"  # not ids
    methods = ranking["method"]  # judge8 walk: "Regression on the calendar + Daily m…" was cut
    longest = max(map(len, page_grids(at)[0].value["method"]))
    assert methods["label"] == "Method" and methods["width"] >= 8 * longest, methods
    # walk17: MASE read 1.06 beside 0.824 in one column
    assert {ranking[c]["type_config"]["format"] for c in ("mase", "recent_mase")} == {"%.2f"}
    ranking = page_grids(at)[0].value
    # walk19: at 1024 px the method's wide column pushed MASE and MAPE past the grid's right edge
    assert list(ranking.columns)[:3] == ["mase", "mape", "method"], list(ranking.columns)
    expected = {"Exponential smoothing (ETS)", "Theta", "Naive: same period last season"}
    # judge8 walk: the verdict said the selection rule, not what the chosen method gained over the rules
    said = re.search(r"typically off by \d+% a week, against (\d+)% a week for the best simple rule "
                     r"\((.+?)\)\.", at.success[0].value)
    assert said, at.success[0].value
    rule = ranking.set_index("method").loc[said.group(2)]
    assert said.group(2).startswith("Naive") and int(said.group(1)) == round(rule["mape"]), said.groups()
    assert expected <= set(ranking["method"])
    assert ranking["chosen"].sum() == 1 and ranking["mase"].is_monotonic_increasing  # by its error (fc18)
    if not ranking["chosen"].iloc[0]:  # a served model with a higher error is explained in words
        assert any("is served" in c.value for c in at.caption), [c.value for c in at.caption]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["80% band held (backtest)"].endswith("%")
    ranges = [c.value for c in at.caption if c.value.startswith("95%: ") and "backtest origins" in c.value]
    origins = re.search(r"backtest over (\d+) origins", at.success[0].value).group(1)  # the verdict's count
    assert len(ranges) == 2 and ranges[0].endswith(f"% (over {origins}\u00a0backtest origins)"), ranges
    held = float(metrics["80% band held (backtest)"].removesuffix("%"))
    band = next(c.value for c in at.caption if c.value.startswith("80% band"))  # how it was set
    assert "origins before it" in band and f"it held {held:.0f}% of what followed" in band
    assert "Checked out of time" in band, "QA7 walk: 'so set, each backtest origin's band, its factor…'"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {trace.get("name") for trace in spec["data"]}
    assert {"History", "Forecast", "80% interval", "95% interval"} <= names
    assert spec["layout"]["xaxis"]["range"]  # opens zoomed on recent history
    assert len(page_grids(at)[1].value) == 8
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM forecast").fetchall()[0][0] == 8


def test_chinese_page_runs_the_forecast(sample_ws):
    at = _page(sample_ws.folder, "zh").run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    assert at.title[0].value == "预测"
    assert "个回测起点选出" in at.success[0].value and "偏差约" in at.success[0].value
    widest = max(len(row.children) for row in _rows_of_metrics(at.main))
    assert widest <= 2, "QA7 walk: four to a row cut '80% 区间实际覆盖率（回…'"
    mase = next(m for m in at.metric if m.label.endswith("（MASE）"))
    assert "较朴素法" in mase.proto.delta and "相对 " not in mase.proto.delta
    assert sum(c.value.startswith("95% 置信区间 ") and "个回测起点）" in c.value for c in at.caption) == 2
    ranking = json.loads(page_grids(at)[0].proto.columns)
    assert ranking["mape"] == {"label": "MAPE", "type_config": {"type": "number", "format": "%.1f%%"}}
    assert ranking["mae"]["type_config"]["format"] == "localized"
    errors = page_grids(at)[0].value["mae"]
    assert errors.median() < 100 or errors.round(0).equals(errors)  # whole amounts once in hundreds


def _split_by_shop(folder) -> AppTest:
    """The Chinese page after a monthly forecast of store_sales_cn split by 门店, two months ahead."""
    at = _page(folder, "zh").run()
    at.selectbox(key="fc_table").set_value("store_sales_cn").run()
    at.selectbox(key="fc_freq").set_value(i18n.t("forecast.freq.M", "zh"))
    at.number_input(key="fc_horizon").set_value(2)
    at.multiselect(key="fc_by").set_value(["门店"])
    return at.button(key="fc_run").click().run()


def test_split_by_shop_ranks_the_series_and_reopens_a_kept_run(sample_ws):
    at = _split_by_shop(sample_ws.folder)
    assert not at.exception and not at.error
    ranked = page_grids(at)[0].value  # the series, weakest first
    assert len(ranked) == 7 and ranked["mase"].is_monotonic_decreasing
    assert list(ranked.columns)[:3] == ["series", "mase", "mape"] and ranked.columns[-1] == "method"  # walk10
    # walk9: headed series, naive_mase, coverage_80, volume; coverage read 0.875; the total "(total)"
    headed = json.loads(page_grids(at)[0].proto.columns)
    labels = {c: headed.get(c, {}).get("label", c) for c in ranked.columns}
    assert not [c for c, label in labels.items() if "_" in label or label == c], labels
    assert headed["coverage_80"]["type_config"]["format"] == "%.1f%%" and ranked["coverage_80"].max() > 1
    assert at.selectbox(key="fc_group").options[0] == "全部合计"
    assert any("使其合计等于总量" in c.value for c in at.caption)  # the note in the page's language
    at.run()  # a rerun shows the kept run in the past-runs list
    assert not at.exception and at.selectbox(key="fc_past_pick_store_sales_cn").options  # one pick per table
    # QA3 walk: the kept run's settings and summary were raw JSON, its table headed period, mase …
    assert not at.json
    # walk14/15: as grids, the settings' names and a figure's value were cut at 1024 px; tables wrap
    grids = {tuple(g.value.columns): g for g in at.table}
    settings, figures = grids[("设置项", "取值")], grids[("指标", "取值")]
    assert "预测期数" in settings.value["设置项"].tolist() and "2" in settings.value["取值"].tolist()
    assert "选用的模型" in figures.value["指标"].tolist()
    past = next(e for e in at.expander if e.label.startswith("历史运行"))
    kept = json.loads(past.dataframe[-1].proto.columns)
    assert kept["period"]["label"] == i18n.t("forecast.col.period", "zh"), kept


def test_every_forecast_string_has_both_languages_with_the_same_placeholders():
    import re
    import string

    entries = json.loads((ROOT / "crm_core" / "locales" / "forecast.json").read_text(encoding="utf-8"))
    core = json.loads((ROOT / "crm_core" / "locales" / "core.json").read_text(encoding="utf-8"))
    assert not set(entries) & set(core)
    for key, texts in entries.items():
        assert re.match(r"^(forecast\.|nav\.forecast$)", key), key
        assert texts.get("en") and texts.get("zh"), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in ("en", "zh")]
        assert fields[0] == fields[1], key


def test_a_short_weekly_history_shows_the_origins_that_ran_and_mase_against_the_last_value(ws):
    """QA2 pizza orders, 51 weeks: 'Backtest origins 8' while 3 ran, and 'Error vs last season'."""
    from tests.forecast.test_backtest import weekly

    y = weekly(51, seed=1)
    with ws.connect() as con:
        store.write_frame(con, "weeks", pd.DataFrame({"week": y.index, "sales": y.to_numpy()}))
    at = _page(ws.folder).run()
    at.selectbox(key="fc_table").set_value("weeks")
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    labels = [m.label for m in at.metric]
    assert "Error vs last value (MASE)" in labels and "Error vs last season (MASE)" not in labels
    assert any("used 3 of the 8 origins" in c.value for c in at.caption)


@pytest.mark.parametrize(("lang", "said"), [("en", "Automatic (revenue first)"), ("zh", "自动（优先收入）")])
def test_the_measure_boxs_default_fits_the_box_and_its_help_says_the_order(sample_ws, lang, said):
    """judge6: the box, a third of a 1280 px page, cut "automatic (revenue, else units, else c…";
    the order the automatic measure tries now lives in the box's help."""
    at = _page(sample_ws.folder, lang).run()
    box = at.selectbox(key="fc_value")
    assert box.options[0] == box.value == said
    order = {"en": ("revenue", "units", "orders"), "zh": ("收入", "数量", "订单数")}[lang]
    assert all(word in box.help for word in order)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_measure_box_offers_only_columns_of_numbers(sample_ws, lang):
    """pol3: the Measure box listed every column; picking ``channel`` ran and failed with "The
    series has values that are not numbers", ``customer_id`` forecast the sum of the ids."""
    at = _page(sample_ws.folder, lang).run()
    assert not at.exception and at.selectbox(key="fc_table").value == "orders"
    auto = i18n.t("forecast.auto", lang)
    assert at.selectbox(key="fc_value").options == [auto, "quantity", "unit_price", "amount"]


def test_a_measure_picked_on_the_page_is_not_called_a_count_of_purchases(ws):
    """QA5: forecasting a bakery's daily 'demand' still said the results count purchases ('demand'
    is read as the quantity now; a shop's door counter has no role)."""
    days = pd.date_range("2024-01-01", periods=400, freq="D")
    visits = pd.DataFrame({"date": days, "footfall": [300 + 40 * (d.dayofweek >= 5) + d.day for d in days]})
    with ws.connect() as con:
        store.write_frame(con, "bakery", visits)
    at = _page(ws.folder).run()
    at.selectbox(key="fc_table").set_value("bakery")
    at.button(key="fc_run").click().run()
    # judge11: counting rows, the forecast's own note says what it counts and which number to pick;
    # "no amount, so results count purchases" beside it was wrong for a table of measurements
    assert not any("count purchases" in i.value for i in at.info)
    assert any("pick it as the Measure" in c.value for c in at.caption)  # not "pass --value-col" first
    at.selectbox(key="fc_value").set_value("footfall")
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    assert not any("count purchases" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_forecast_reads_as_the_pages_own_table(sample_ws, lang):
    """pol3: Past runs showed a kept forecast as stored: 91704.33415331478 and the method's code
    (``regression+daily_summed``) where the page's own table reads 91,704 and the method in words;
    the one served method is said by the kept run's figures, as the fresh table's heading says it
    (walk20: not cut on every row), and a "Closed" column only when a period is."""
    from crm_core.forecast import report
    from crm_core.forecast import run as forecast_run

    config = forecast_run.ForecastConfig(horizon=4)
    kept, at = kept_page(lambda folder, lang: _page(folder, lang).run(), sample_ws.folder, lang,
                         lambda con: forecast_run.run(con, "orders", config))
    grid = kept_table(at, kept, "forecast")
    assert grid.value["forecast"].tolist() == kept["forecast"].round(0).tolist()
    assert kept["method"].nunique() == 1 and "method" not in grid.value, list(grid.value)
    # walk20: "Closed" was cut in Past runs at 1024 px; with no period shut it read "No" on every row
    assert not kept["closed"].any() and "closed" not in grid.value, list(grid.value)
    figures = next(g.value for g in at.table if i18n.t("runs.col.figure", lang) in g.value)
    assert report.method_label(kept["method"].iloc[0], lang) in figures.to_string(), figures
    assert json.loads(grid.proto.columns)["forecast"]["type_config"]["format"] == "localized"


@pytest.mark.parametrize(("lang", "none", "second", "germany", "said"), [
    ("en", "None", "Australia (AU)", "Germany (DE)", "public holidays of DE marked"),
    ("zh", "无", "中国（CN）", "德国（DE）", "已标记 DE 的法定节假日")])
def test_the_public_holiday_calendar_is_picked_by_country_in_words(ws, lang, none, second, germany, said):
    """Issue #13: a country's public holidays join the marked dates; the box says the country in
    the page's language ("None" first, China first in Chinese) and the run says what it marked.
    walk9: "Public holidays of: none" in lower case; the notes ended without a full stop."""
    from tests.forecast.test_backtest import weekly

    y = weekly(120, seed=2)
    with ws.connect() as con:
        store.write_frame(con, "weeks", pd.DataFrame({"week": y.index, "sales": y.to_numpy()}))
    at = _page(ws.folder, lang).run()
    at.selectbox(key="fc_table").set_value("weeks")
    options = at.selectbox(key="fc_country").options
    assert options[:2] == [none, second] and germany in options
    at.selectbox(key="fc_country").set_value(germany)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    notes = [c.value for c in at.caption if said in c.value]
    assert notes and all(n.endswith("。" if lang == "zh" else ".") for n in notes), notes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_monthly_forecast_reads_its_periods_as_months(sample_ws, lang):
    """pol4, seen and left: a monthly forecast's grid, live and kept, and its chart's hover showed
    a month as its first day (2024-03-01); they say the month as Cohorts does (Mar 2024 /
    2024年3月), and the download keeps the date."""
    from crm_core.forecast import run as forecast_run
    from crm_core.report import format as fmt

    at = _page(sample_ws.folder, lang).run()
    at.selectbox(key="fc_freq").set_value(i18n.t("forecast.freq.M", lang))
    at.number_input(key="fc_horizon").set_value(3)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    grid = next(g.value for g in at.dataframe if "forecast" in g.value and len(g.value) == 3)
    months = {"en": r"[A-Z][a-z]{2} \d{4}", "zh": r"\d{4}年\d{1,2}月"}[lang]
    assert grid["period"].str.fullmatch(months).all(), grid["period"].tolist()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["xaxis"]["hoverformat"] == {"en": "%b %Y", "zh": "%Y年%-m月"}[lang]
    # judge8 walk: "the next 3 periods" left the planner to recall the frequency, and the legend,
    # below the plot, lay under the range slider, so no line or band was named in the browser
    title = chart["layout"]["title"]["text"]
    assert title.endswith({"en": "forecast for the next 3 months", "zh": "未来 3 个月预测"}[lang]), title
    heading = {"en": "rolling origins × 3 months ahead", "zh": "个滚动起点 × 向前 3 个月"}[lang]
    assert any(heading in m.value for m in at.markdown), [m.value for m in at.markdown]
    assert chart["layout"]["legend"]["y"] >= 1 and chart["layout"]["xaxis"]["rangeslider"]["visible"]
    # walk13: at 1024 px the legend wrapped to two rows and rose over the title, centred in the margin
    assert chart["layout"]["title"]["yanchor"] == "top" and chart["layout"]["title"]["yref"] == "container"
    assert chart["layout"]["margin"]["t"] >= 110
    config = forecast_run.ForecastConfig(freq="M", horizon=3)
    kept, shown = kept_grid(lambda folder, lang: _page(folder, lang).run(), sample_ws.folder, lang,
                            lambda con: forecast_run.run(con, "orders", config), "forecast")
    assert shown.value["period"].tolist() == [fmt.month(p, lang) for p in kept["period"]]


def test_a_holiday_column_s_country_is_said_on_the_page_with_the_box_left_at_none(ws):
    """Issue #13: with "none" in the box, a table's ``是否节假日`` column on Germany's holidays picks
    Germany, and the page says so in Chinese among the run's notes."""
    from tests.forecast.test_holiday_flag import _daily_sales, _german_holidays

    with ws.connect() as con:
        _daily_sales(con, _german_holidays(), "是否节假日", "是", "否")
    at = _page(ws.folder, "zh").run()
    at.selectbox(key="fc_table").set_value("shop")
    at.selectbox(key="fc_freq").set_value(i18n.t("forecast.freq.M", "zh"))
    at.number_input(key="fc_horizon").set_value(3)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    assert any("已根据列 是否节假日 采用 DE" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_holiday_column_is_left_unread_when_the_analyst_says_so(ws, lang):
    """left7: the Holiday column box (read it when no country is chosen / leave it unread, in the
    page's language) switches off the country read from the table's holiday column."""
    from tests.forecast.test_holiday_flag import _daily_sales, _german_holidays

    with ws.connect() as con:
        _daily_sales(con, _german_holidays())
    at = _page(ws.folder, lang).run()
    at.selectbox(key="fc_table").set_value("shop")
    at.selectbox(key="fc_freq").set_value(i18n.t("forecast.freq.M", lang))
    at.number_input(key="fc_horizon").set_value(3)
    box = at.selectbox(key="fc_holiday_column")
    assert box.options == [i18n.t(f"forecast.holiday_column.{c}", lang) for c in ("auto", "off")]
    box.set_value(i18n.t("forecast.holiday_column.off", lang))
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    assert at.caption and not any("is_holiday" in c.value for c in at.caption)  # the column is not named
    assert at.session_state["fc_config"][1].holiday_column == "off"


@pytest.mark.parametrize(("lang", "said", "period"),
                         [("en", "so it is forecast by quarter", r"\d{4} Q[1-4]"),
                          ("zh", "因此按季度预测", r"\d{4}年第[1-4]季度")])
def test_a_quarterly_table_left_at_week_is_forecast_by_quarter_and_says_so(ws, lang, said, period):
    """judge7, fpp3's aus_arrivals: quarters forecast by the default week were 379 mostly empty
    months or weeks. The page's Period box offers Quarter, and a table dated once a quarter left
    at Week is forecast by quarter with the note; its grid says the quarter."""
    from tests.forecast.test_run import _seasonal

    quarters = pd.date_range("1981-01-01", periods=60, freq="QS")
    with ws.connect() as con:
        frame = pd.DataFrame({"quarter": quarters, "sales": _seasonal(quarters, 4, 5)})
        store.write_frame(con, "arrivals", frame)
    at = _page(ws.folder, lang).run()
    assert i18n.t("forecast.freq.Q", lang) in at.selectbox(key="fc_freq").options
    at.selectbox(key="fc_table").set_value("arrivals")
    at.number_input(key="fc_horizon").set_value(4)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    shown = [e.value for kind in (at.caption, at.info, at.markdown) for e in kind]
    assert any(said in text for text in shown), shown
    grid = next(g.value for g in at.dataframe if "forecast" in g.value and len(g.value) == 4)
    assert grid["period"].str.fullmatch(period).all(), grid["period"].tolist()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_monthly_forecasts_workbook_holds_its_months_as_month_cells(sample_ws, monkeypatch, lang):
    """dl12: the forecast's workbook held the grid's text (``2024年3月``), which sorts and filters
    as text; now a month cell drawn as the grid says it, under the grid's heads."""
    from tests.ui.apptest import catch_downloads, opened_workbook

    files = catch_downloads(monkeypatch)
    at = _page(sample_ws.folder, lang).run()
    at.selectbox(key="fc_freq").set_value(i18n.t("forecast.freq.M", lang))
    at.number_input(key="fc_horizon").set_value(3)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    frame = pd.read_csv(io.BytesIO(files["forecast.csv"]()), encoding="utf-8-sig")
    _, cells = opened_workbook(files, "forecast.xlsx")
    period = cells[i18n.t("forecast.col.period", lang)]
    assert [c.value.date().isoformat() for c in period] == [p[:10] for p in frame["period"]]
    assert {c.number_format for c in period} == {{"en": "mmm yyyy", "zh": 'yyyy"年"m"月"'}[lang]}
    # left30: the candidates' backtest.csv (the CLI writes backtest.json) headed as its grid (read mae on zh)
    _, backtest = opened_workbook(files, "backtest.xlsx")
    assert files["backtest.csv"]().decode("utf-8-sig").splitlines()[0].split(",") == list(backtest)


@pytest.mark.parametrize(("lang", "sign", "code"), [("zh", "（¥）", "CNY"), ("en", " (£)", "GBP")])
def test_a_revenue_forecast_reads_under_the_currencys_sign(sample_ws, lang, sign, code):
    """walk12: on the Chinese page the revenue axis and the forecast grid read bare numbers while
    Cohorts, Segments and Customer 360 put money under the currency's sign; the axis, the forecast's
    amounts and the backtest's errors now carry it, bracketed as the language does."""
    from crm_core.report.format import set_currency

    with sample_ws.connect() as con:
        set_currency(con, code)
    at = _page(sample_ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["yaxis"]["title"]["text"] == i18n.t("forecast.measure.revenue", lang) + sign
    labels = [json.loads(g.proto.columns) for g in page_grids(at)]
    forecast = next(c for c in labels if "upper" in c)
    assert all(forecast[c]["label"].endswith(sign) for c in ("forecast", "lower", "upper")), forecast
    assert next(c for c in labels if "mae" in c)["mae"]["label"].endswith(sign)


@pytest.mark.parametrize(("lang", "sign", "code"), [("zh", "（¥）", "CNY"), ("en", " (£)", "GBP")])
def test_a_kept_revenue_forecast_reads_under_the_currencys_sign_as_the_fresh_one(sample_ws, lang, sign, code):
    """walk14: a revenue forecast reopened from Past runs read bare numbers where the fresh run's
    grid reads "预测值（¥）"; an order count stays a plain number."""
    from crm_core.forecast import run as forecast_run
    from crm_core.report.format import set_currency

    with sample_ws.connect() as con:
        set_currency(con, code)
    config = forecast_run.ForecastConfig(horizon=4)
    kept, grid = kept_grid(lambda folder, lang: _page(folder, lang).run(), sample_ws.folder, lang,
                           lambda con: forecast_run.run(con, "orders", config), "forecast")
    columns = json.loads(grid.proto.columns)
    assert all(columns[c]["label"].endswith(sign) for c in ("forecast", "lower", "upper")), columns


@pytest.mark.parametrize(("lang", "year", "no"), [("en", "1961", "No"), ("zh", "1961年", "否")])
def test_a_yearly_table_is_forecast_by_year_and_its_flags_read_in_words(ws, monkeypatch, lang, year, no):
    """judge14: yearly dates (1 January) were forecast by quarter, three in four empty; the grid and
    workbook said the ``closed`` flag as a tick box / TRUE-FALSE, the CSV Python's False (the
    grid shows it only when a period is closed)."""
    from tests.forecast.test_run import AIRMILES, _yearly
    from tests.ui.apptest import catch_downloads, opened_workbook

    files = catch_downloads(monkeypatch)
    with ws.connect() as con:
        _yearly(con, "airmiles", AIRMILES)
    at = _page(ws.folder, lang).run()
    assert i18n.t("forecast.freq.Y", lang) in at.selectbox(key="fc_freq").options
    at.selectbox(key="fc_table").set_value("airmiles")
    at.selectbox(key="fc_value").set_value("passenger_miles")
    at.number_input(key="fc_horizon").set_value(3)
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    grid = next(g.value for g in at.dataframe if "forecast" in g.value and len(g.value) == 3)
    assert grid["period"].iloc[0] == year and "closed" not in grid  # no year shut: no column (walk20)
    _, cells = opened_workbook(files, "forecast.xlsx")
    assert {c.value for c in cells[i18n.t("forecast.col.closed", lang)]} == {no}
    text = files["forecast.csv"]().decode("utf-8-sig")
    assert text.splitlines()[1].split(",")[-2] == "FALSE" and "False" not in text
    assert not pd.read_csv(io.StringIO(text))["closed"].any()  # read back as a flag


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chinese_split_list_offers_no_english_select_all(sample_ws, lang):
    """walk17 (tab_zh_07_fail_forecast.png): the Chinese 分组 list opened on Streamlit's own
    "Select all", written in English only (and splitting by every column is never wanted): the
    Chinese page's multiselects go without it; the English page keeps Streamlit's default."""
    at = _page(sample_ws.folder, lang).run()
    assert not at.exception, at.exception
    split = at.multiselect(key="fc_by").proto
    assert split.select_all == (0 if lang == "zh" else 1000), split.select_all


def test_a_split_forecast_table_says_its_total_in_words(sample_ws):
    """walk17 (fix_zh_06_forecast_split.png): split by 收货省份, the Chinese forecast table read
    "(total)" in the province column above 江苏省, though the series picker says 全部合计. The grid and
    its workbook say the total in words; forecast.csv keeps "(total)" for scripts."""
    at = _split_by_shop(sample_ws.folder)
    assert not at.exception and not at.error
    table = next(g.value for g in page_grids(at) if "门店" in g.value.columns and "period" in g.value.columns)
    assert "全部合计" in set(table["门店"]) and "(total)" not in set(table["门店"]), set(table["门店"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_parts_served_model_is_explained_beside_its_own_verdict(ws, lang):
    """fc19: a part's grid ordered by error showed ETS first above the served mean (星野源) with the
    why said for the total only. The part's note shows when the part is picked, in the page's
    language, not among the total's notes (500 parts would bury them)."""
    pages = pd.read_csv(ROOT / "tests" / "data" / "wikipedia_pages_daily.csv", parse_dates=["date"])
    with ws.connect() as con:
        store.write_frame(con, "pages", pages)
    at = _page(ws.folder, lang).run()
    at.selectbox(key="fc_table").set_value("pages").run()
    at.selectbox(key="fc_value").set_value("value")
    at.multiselect(key="fc_by").set_value(["Page"])
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    served = i18n.t("forecast.method.ets", lang)  # the part's lowest error, named in its note

    def explained() -> list[str]:
        return [c.value for c in at.caption if served in c.value and "MASE 1.84" in c.value]

    assert not explained(), "the total is shown: the part's note waits for its part"
    part = next(o for o in at.selectbox(key="fc_group").options if o.startswith("星野源"))
    at.selectbox(key="fc_group").set_value(part).run()
    assert not at.exception and len(explained()) == 1, [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_served_method_is_said_above_the_forecast_table_not_cut_on_each_row(sample_ws, lang):
    """walk19/walk20 (``en_11_forecast.png``, 1024 px): the forecast table's last column repeated the
    served method on every row, cut to "Regression o…" past the grid's edge. One method is said once in
    the table's heading; the grid keeps the periods and numbers."""
    at = _page(sample_ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    ranking, table = page_grids(at)[0].value, page_grids(at)[1].value
    served = ranking.loc[ranking["chosen"], "method"].iloc[0]
    assert "method" not in table.columns and len(table) == 8, list(table.columns)
    heading = i18n.t("forecast.sales.table_by", lang, method=served)
    assert any(heading in m.value for m in at.markdown), [m.value for m in at.markdown]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_split_forecast_says_its_notes_and_each_parts_served_note(ws, lang):
    """walk19's leftover: a kept forecast's Past runs said none of the run's notes, so a part's
    served model (星野源: the mean served above ETS's lower error) went unexplained once reopened.
    The kept summary holds the notes in the run's language; Past runs shows them, as Cohorts does."""
    from crm_core.forecast import run as forecast_run

    pages = pd.read_csv(ROOT / "tests" / "data" / "wikipedia_pages_daily.csv", parse_dates=["date"])
    with ws.connect() as con:
        store.write_frame(con, "pages", pages)
    config = forecast_run.ForecastConfig(value_col="value", by="Page")
    kept, at = kept_page(lambda folder, lang: _page(folder, lang).run(), ws.folder, lang,
                         lambda con: forecast_run.run(con, "pages", config, lang=lang))
    served = i18n.t("forecast.method.ets", lang)
    part = [i.value for i in at.info if "星野源" in i.value and served in i.value and "MASE 1.84" in i.value]
    assert len(part) == 1, [i.value for i in at.info]


@pytest.mark.parametrize("lang, kept", [("en", "the model's own band, kept as it stands"),
                                        ("zh", "沿用模型自带区间")])
def test_a_band_at_its_floor_says_the_models_own_band_was_kept_and_what_it_held(sample_ws, lang, kept):
    """walk28: "the model's own band × 1.00, the factor at which it held 80%" beside a band that held 95.0%:
    the factor sat at its floor of 1, so no factor held 80%."""
    at = _page(sample_ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    band = next(c.value for c in at.caption if c.value.startswith(("80% band", "80% 区间")))
    held = next(m.value for m in at.metric if m.label.startswith(("80% band held", "80% 区间实际覆盖率")))
    assert float(held.removesuffix("%")) > 80, held  # the sample's weekly orders: the model's band held more
    assert "× 1.00" not in band and kept in band, band
    assert f"{float(held.removesuffix('%')):.0f}% " in band, (held, band)  # what it held, as the metric says


@pytest.mark.parametrize(("lang", "said"), [
    ("en", r"typically off by ¥[\d,]+ a week, against ¥[\d,]+ a week for the best simple rule"),
    ("zh", r"通常每周偏差约 ¥[\d,]+，最佳简单规则（[^）]+）每周约 ¥[\d,]+")])
def test_a_revenue_error_said_in_money_carries_the_currencys_sign(ws, lang, said):
    """walk30: a tea shop's 有赞 orders, weekly revenue too uneven for percentages, read "通常每周偏差约 603，
    最佳简单规则……每周约 915" under a chart headed 收入（¥）: a number without its unit."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, ROOT / "tests" / "data" / "youzan_tea_orders_walk30_zh.csv")
    at = _page(ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "¥" in chart["layout"]["yaxis"]["title"]["text"]
    verdict = (at.success or at.warning)[0].value
    assert re.search(said, verdict), verdict


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_saved_run_is_said_on_its_page_not_in_a_toast_that_follows_to_the_next(sample_ws, lang):
    """walk30: "Saved as table forecast_…_2" was a toast, still drawn over the Customers page the analyst
    had moved on to (1.2 s after the sidebar click); it is now a caption of the forecast it names."""
    at = _page(sample_ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    saved = i18n.t("runs.saved", lang, table="forecast_orders_1")
    assert not at.toast, [x.value for x in at.toast]
    assert saved in [c.value for c in at.caption]


@pytest.mark.parametrize(("lang", "tie"), [("en", "erred alike in the backtest"), ("zh", "误差几乎相同")])
def test_a_lead_that_rounds_to_nothing_is_said_as_a_tie_not_as_zero_times(ws, lang, tie):
    """walk30: a tea shop's Shopify orders read "its lead was only 0.0 times how much that lead varied from
    origin to origin" (MASE 1.83 against 1.84): a lead of nothing said as a multiple."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, ROOT / "tests" / "data" / "shopify_tea_orders_walk30.csv")
    at = _page(ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    notes = [c.value for c in at.caption if "MASE" in c.value]
    assert any(tie in n for n in notes), notes
    assert not any(re.search(r"0\.0 (times|倍)", n) for n in notes), notes


@pytest.mark.parametrize(("lang", "said"), [
    ("en", r"inside it for (\d+) weeks? of the backtest's (\d+) weeks"),
    ("zh", r"回测的 (\d+) 周中，有 (\d+) 周落在区间内")])
def test_a_bands_held_share_says_of_how_many_backtest_periods(ws, lang, said):
    """walk31: a 二维火 restaurant's bill lines read "80% 区间实际覆盖率（回测）87.5%" and "95% … 87.5%" with
    nothing to say how many weeks the share was measured on (16): a number without its error. Its excerpt
    in tests/data spans too few weeks to forecast; walk30's 有赞 tea shop orders show the same page."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, ROOT / "tests" / "data" / "youzan_tea_orders_walk30_zh.csv")
    at = _page(ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    shares = [m.value for m in at.metric if m.label.startswith(("80%", "95%"))]
    counts = [re.search(said, c.value) for c in at.caption]
    counts = [m.groups() if lang == "en" else m.groups()[::-1] for m in counts if m]
    assert len(shares) == 2 and len(counts) == 2, (shares, [c.value for c in at.caption])
    for share, (held, n) in zip(shares, counts, strict=True):
        assert share == f"{int(held) / int(n):.1%}", (share, held, n)
def test_a_refusal_shows_no_kept_run_of_another_table(sample_ws):
    """钉钉客户 refused (a customer list dated by its last follow-up), the page read the sample orders'
    kept forecast notes under it (judge44): the kept runs' list opens no other table's run by itself."""
    from crm_core.forecast import run as forecast_run
    from tests.conftest import DATA

    notes, at = refused_after_a_kept_run(
        lambda folder, lang: _page(folder, lang).run(), sample_ws.folder,
        lambda con: forecast_run.run(con, "orders", forecast_run.ForecastConfig(horizon=4)),
        "fc_table", DATA / "dingtalk_crm_customers_excerpt_zh.xlsx")
    at = at.button(key="fc_run").click().run()
    assert not at.exception and "最后跟进时间" in at.error[0].value
    assert notes and not set(notes) & {i.value for i in at.info}
    assert not kept_grids(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_forecasts_notes_are_said_once_under_the_run_just_kept(ws, lang):
    """left51's leftover (judge46 on Cohorts): the forecast just run and kept said each note above, and the
    collapsed "Past runs (1)" said them all again for that same run; there only another run's are said."""
    from crm_core.load.reader import load_file
    from crm_core.workspace import runs
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "shopify_orders_excerpt.csv", "shop")
    at = _page(ws.folder, lang).run()
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    with ws.connect() as con:
        (record,) = runs.list_runs(con, "forecast")
    notes = [note.rstrip("。.") for note in runs.notes(record, lang)]
    said = [e.value for e in [*at.caption, *at.info]]
    times = {note: sum(note in s for s in said) for note in notes}
    assert times and set(times.values()) == {1}, times
