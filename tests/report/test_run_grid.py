"""A kept run's settings and headline figures as labelled grids, in both languages."""

from __future__ import annotations

from crm_core.i18n import t
from crm_core.report import run_grid
from crm_core.segment import run as segment_run
from crm_core.workspace import runs


def test_a_kept_segmentation_reads_as_settings_and_figures_in_words(sample_ws):
    """QA3 walk: "Past runs" showed {"features": ["recency_days", …], "k": 3} and
    {"silhouette": 0.3811, "reference_date": "2026-01-01", …} as raw JSON."""
    with sample_ws.connect() as con:
        kept = runs.save(con, segment_run.run(con, "orders", segment_run.SegmentConfig(k=3)))
    config = segment_run.SegmentConfig
    settings = run_grid.settings_grid(kept.config, config, "zh").set_index("设置项")["取值"]
    assert settings.index[0] == config.help("k", "zh"), "the Config's order, not the JSON's"
    assert settings[config.help("k", "zh")] == "3"
    assert settings[config.help("features", "zh")] == "最近消费（天）、频次（订单）、消费金额"
    assert settings[config.help("customers_table", "zh")] == "—"
    english = run_grid.settings_grid(kept.config, config, "en").set_index("Setting")["Value"]
    assert english["Random seed"] == "0"
    figures = run_grid.summary_grid(kept.summary, "zh").set_index("指标")["取值"]
    assert figures["客户数"] == f"{kept.summary['customers']:,}"
    assert figures["轮廓系数"] == f"{kept.summary['silhouette']:.2f}"
    assert figures["参照日期"] == "2026年1月1日"
    assert "rfm_segments" not in " ".join(figures.index)


def test_shares_read_as_percentages_and_errors_in_percent_as_they_are():
    grid = run_grid.summary_grid({"hit_rate": 0.416, "mape": 5.7201, "winner": "regression",
                                  "roc_auc_se": 0.0066}, "en").set_index("Figure")["Value"]
    assert grid.to_dict() == {"Hit rate": "41.6%", "Error (MAPE)": "5.7%",
                              "Model chosen": "Regression on the calendar"}


def test_every_percentage_in_a_kept_forecasts_figures_has_one_decimal():
    """walk20: Past runs read "Error (MAPE) 7.53%" beside "Naive rule's error (MAPE) 11.0%" (three
    significant digits each); the forecast page says both with one decimal, as the shares are."""
    summary = {"mape": 7.5312, "naive_mape": 10.9731, "coverage_80": 0.8, "mae": 1204.5}
    for lang in ("en", "zh"):
        grid = run_grid.summary_grid(summary, lang)
        said = dict(zip(grid.iloc[:, 0], grid.iloc[:, 1], strict=True))
        percents = sorted(v for v in said.values() if v.endswith("%"))
        assert percents == ["11.0%", "7.5%", "80.0%"], (lang, said)


def test_a_chinese_help_is_kept_as_written_and_an_english_one_capitalised():
    """pol3 walk: the Chinese settings grid read "New = 只推荐客户没买过的商品；again = …": the
    English capital put on a Chinese sentence (the help names no code now, pol5)."""
    from crm_core.recommend.run import RecommendConfig

    zh = run_grid.settings_grid({"mode": "new"}, RecommendConfig, "zh")
    assert zh.iloc[0, 0] == RecommendConfig.help("mode", "zh")
    en = run_grid.settings_grid({"mode": "new"}, RecommendConfig, "en").iloc[0, 0]
    assert en == RecommendConfig.help("mode", "en")[:1].upper() + RecommendConfig.help("mode", "en")[1:]


def test_a_chinese_setting_lists_its_choices_with_the_chinese_comma():
    """pol3 walk: the segment features read "recency_days, frequency, …" in the Chinese grid; the
    choices are said in words, listed with 、."""
    chosen = {"features": ["recency_days", "frequency"]}
    grid = run_grid.settings_grid(chosen, segment_run.SegmentConfig, "zh")
    said = grid.iloc[0, 1]
    assert "、" in said and ", " not in said and "recency_days" not in said


def test_a_kept_forecasts_model_reads_in_words_as_the_page_says_it():
    """walk14: Past runs read "Model chosen: ensemble" where the page said "Mean of ETS, Theta and MSTL"."""
    from crm_core.forecast import BLEND

    said = {lang: run_grid.summary_grid({"winner": "ensemble"}, lang).iloc[0].tolist()
            for lang in ("en", "zh")}
    assert said["en"] == ["Model chosen", "Mean of ETS, Theta and MSTL"]
    assert said["zh"] == ["选用的模型", "ETS、Theta 与 MSTL 三者的平均"]
    blend = run_grid.summary_grid({"winner": f"regression{BLEND}daily_summed"}, "en").iloc[0, 1]
    assert blend == "Regression on the calendar + Daily models summed into weeks"


def test_a_kept_runs_money_figures_carry_the_currency(sample_ws):
    """walk13: a kept cohort run's revenue, a spend run's expected total and error, a revenue
    forecast's error read 88,863 without the sign the page shows; a forecast of orders keeps its
    error a count."""
    from crm_core.segment import cohorts

    with sample_ws.connect() as con:
        kept = runs.save(con, cohorts.run(con, "orders", cohorts.CohortConfig()))
    for lang in ("en", "zh"):
        figures = run_grid.summary_grid(kept.summary, lang, "EUR")
        revenue = figures.set_index(figures.columns[0]).loc[t("runs.figure.revenue", lang)].iloc[0]
        assert revenue.startswith("€") and revenue[1:2].isdigit(), revenue
    spend = run_grid.summary_grid({"expected_total": 48210.5, "mae": 12.345}, "en", "CNY")
    assert spend["Value"].tolist() == ["¥48,210", "¥12.35"]
    revenue_forecast = run_grid.summary_grid({"mae": 1520.4, "target": "revenue"}, "zh", "USD")
    assert revenue_forecast.iloc[0, 1] == "$1,520"
    orders_forecast = run_grid.summary_grid({"mae": 1520.4, "target": "orders"}, "en", "USD")
    assert orders_forecast.iloc[0, 1] == "1,520"
