"""Shares read as percentages on chart axes and colour bars (0.42 is 42 %), money and counts as
whole numbers with separators."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.customers.charts import calibration_figure, threshold_figure
from crm_core.segment.cohort_charts import triangle_figure


def test_churn_curves_read_in_percent():
    thresholds = pd.DataFrame({"threshold": [0.3, 0.5, 0.7], "precision": [0.5, 0.6, 0.8],
                               "recall": [0.9, 0.7, 0.4]})
    for fig in (threshold_figure(thresholds, 0.5, "zh"),
                calibration_figure(pd.DataFrame({"predicted": [0.1, 0.5], "observed": [0.12, 0.47]}), "zh")):
        assert (fig.layout.xaxis.tickformat, fig.layout.yaxis.tickformat) == (".0%", ".0%")


def test_cohort_colour_bar_follows_the_value():
    frame = pd.DataFrame({"cohort": ["2025-01", "2025-01", "2025-02"], "period": [0, 1, 0],
                          "retention": [1.0, 0.4, 1.0], "revenue_per_customer": [50.0, 20.0, 60.0]})
    assert triangle_figure(frame, "retention", "zh").data[0].colorbar.tickformat == ".0%"
    assert triangle_figure(frame, "revenue_per_customer", "zh").data[0].colorbar.tickformat == ",.0f"


def test_forecast_axis_shows_whole_numbers_with_separators():
    """Sales in the thousands read 15,000 rather than Plotly's 15k (and 1.5万 is not what it draws)."""
    from crm_core.forecast.charts import forecast_figure
    from crm_core.forecast.run import forecast_series

    days = pd.date_range("2025-01-01", periods=120, freq="D")
    sales = pd.Series(15_000 + 2_000 * (days.dayofweek >= 5), index=days, dtype=float)
    result = forecast_series(sales, "D", 14, folds=2)
    assert forecast_figure(result, "zh").layout.yaxis.tickformat == ",.0f"


def _untitled(fig) -> list[str]:
    """The cartesian axes that carry data but have no title (a subplot's own axes included)."""
    used = {getattr(trace, attr, None) or attr[0] for trace in fig.data for attr in ("xaxis", "yaxis")
            if trace.type not in ("pie", "sankey", "scatter3d")}
    names = {name.replace("axis", "") if name != "xaxis" and name != "yaxis" else name[0]: name
             for name in fig.layout.to_plotly_json() if name.startswith(("xaxis", "yaxis"))}
    panels = {ref for ref in used if ref.startswith("y")}
    if len(panels) > 1 and len(fig.layout.annotations) >= len(panels):
        used -= panels  # small multiples: each panel's title names what its y axis measures
    return [ref for ref in sorted(used) if not fig.layout[names.get(ref, ref[0] + "axis")].title.text]


def _figures(lang: str) -> dict:
    """Every chart the analysis pages draw, built from small frames shaped like the real results."""
    import numpy as np

    from crm_core.customers import charts as customer_charts
    from crm_core.quality import charts as quality_charts
    from crm_core.recommend import charts as rec_charts
    from crm_core.segment import charts as seg_charts
    from crm_core.segment.cohort_charts import curves_figure
    from crm_core.segment.rfm import RFM_RULES, rfm_label

    cohorts = pd.DataFrame({"cohort": ["2025-01"] * 2 + ["2025-02"], "period": [0, 1, 0],
                            "cohort_size": [10, 10, 8], "retention": [1.0, 0.4, 1.0],
                            "revenue_per_customer": [50.0, 20.0, 60.0]})
    z = pd.DataFrame({"recency_days": [0.8, -0.5], "frequency": [-0.3, 1.1]}, index=["Loyal", "Lapsed"])
    members = pd.DataFrame({"rfm_segment": [rfm_label(RFM_RULES[0].key, lang)] * 3,
                            "r_score": [5, 4, 1], "f_score": [5, 2, 1]})
    k_scores = pd.DataFrame({"k": [2, 3], "inertia": [9.0, 5.0], "silhouette": [0.4, 0.5],
                             "calinski_harabasz": [80.0, 90.0], "davies_bouldin": [1.1, 0.9],
                             "stability": [0.9, 0.8]})
    sizes = pd.DataFrame({"segment": ["Loyal", "Lapsed"], "customer_share": [0.3, 0.7],
                          "revenue_share": [0.8, 0.2]})
    rules = pd.DataFrame({"antecedent": ["a"], "consequent": ["b"], "lift": [3.0], "support": [0.01],
                          "confidence": [0.4]})
    coords = pd.DataFrame({"pc1": np.r_[0.1, 0.2], "pc2": np.r_[0.3, 0.1], "label": ["a", "b"],
                           "customer_id": ["1", "2"]})
    return {
        "churn threshold": customer_charts.threshold_figure(pd.DataFrame(
            {"threshold": [0.3, 0.5], "precision": [0.5, 0.6], "recall": [0.9, 0.7]}), 0.5, lang),
        "churn calibration": customer_charts.calibration_figure(
            pd.DataFrame({"predicted": [0.1, 0.5], "observed": [0.12, 0.47]}), lang),
        "churn drivers": customer_charts.drivers_figure(
            pd.DataFrame({"feature": ["recency_days", "monetary"], "importance": [0.2, 0.05]}), lang),
        "spend deciles": customer_charts.decile_figure(
            pd.DataFrame({"decile": [1, 2], "share_of_actual": [0.4, 0.2]}), lang),
        "retention curves": curves_figure(cohorts, "retention", lang),
        "revenue curves": curves_figure(cohorts, "revenue_per_customer", lang),
        "k choice": seg_charts.k_choice_figure(k_scores, 3, 3, lang),
        "segment sizes": seg_charts.sizes_figure(sizes, lang),
        "segment heatmap": seg_charts.heatmap_figure(z, lang),
        "segment snake": seg_charts.snake_figure(z, lang),
        "segment pca": seg_charts.pca_figure(coords, lang),
        "rfm grid": seg_charts.rfm_grid_figure(members, lang),
        "rfm groups": seg_charts.rfm_groups_figure(members, lang),
        "missing values": quality_charts.missingness_chart(
            {"columns": [{"name": "email", "missing": 0.2}]}, "title", ("column", "share empty")),
        "distribution": quality_charts.distribution_chart(
            pd.DataFrame({"low": [0.0, 10.0], "high": [10.0, 20.0], "count": [5, 3]}), "title",
            ("price", "rows")),
        "cleaning steps": quality_charts.steps_chart(
            {"rows_before": 10, "steps": [{"rows_before": 10, "rows_after": 8}]}, ["raw", "drop"], "title",
            "{count} removed", ("rows", "step")),
        "recommend evaluation": rec_charts.evaluation_bars(
            {"hit_rate": 0.3, "popularity_hit_rate": 0.2}, {}, {}, ("measure", "share")),
        "basket rules": rec_charts.rules_bars(rules, str, "title", ("lift", "rule")),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_analysis_chart_titles_both_axes(lang):
    """QA4: the spend decile chart had no y-axis title (nor had churn, cohort, segment, clean and
    recommend charts): an axis without a title leaves the analyst guessing what a bar measures."""
    untitled = {name: axes for name, fig in _figures(lang).items() if (axes := _untitled(fig))}
    assert untitled == {}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_forecast_and_link_charts_title_both_axes(lang):
    """The forecast's y axis says what is forecast (revenue, units …), the link curve's what share."""
    from crm_core.forecast.charts import forecast_figure
    from crm_core.forecast.run import forecast_series
    from crm_core.link.charts import orders_figure, threshold_figure

    days = pd.date_range("2025-01-01", periods=120, freq="D")
    sales = pd.Series(100.0 + days.dayofweek, index=days)
    curve = pd.DataFrame({"threshold": [0.5, 0.9], "estimated_precision": [0.8, 0.95],
                          "estimated_recall": [0.9, 0.7]})
    orders = pd.DataFrame({"ts": ["2025-01-03", "2025-02-04"], "amount": [10.0, 20.0]})
    figures = [forecast_figure(forecast_series(sales, "D", 14, folds=2), lang, "revenue", "D"),
               orders_figure(orders, lang),
               threshold_figure(curve, 0.9, lang)]
    assert [_untitled(fig) for fig in figures] == [[], [], []]
    assert figures[0].layout.yaxis.title.text == {"en": "Revenue", "zh": "收入"}[lang]
    assert figures[0].layout.title.text == {"en": "Revenue: history and the forecast for the next 14 days",
                                            "zh": "收入：历史数据与未来 14 天预测"}[lang], "QA3: no title"
    bands = [trace for trace in figures[0].data if trace.fill == "toself"]
    assert bands and all(trace.mode == "lines" for trace in bands), "dots drawn on the bands' edges"


def test_drivers_leave_out_columns_the_chosen_model_does_not_read():
    """QA4 walk: with BG/NBD chosen, one bar and eleven empty ones ("Days since last order": 0)."""
    from crm_core.customers.charts import drivers_figure

    drivers = pd.DataFrame({"feature": ["p_none", "recency_days", "monetary"],
                            "importance": [0.15, 0.0, 0.0]})
    assert list(drivers_figure(drivers, "en").data[0].y) == ["Chance of no purchase in the window"]


def test_chinese_date_ticks_read_as_chinese_writes_dates():
    """Forecast and cohort axes in Chinese read ``2025年3月`` (days: ``2025年3月19日``) as Customer
    360's month bars do; they read ``2025-03`` beside them, and monthly ticks ``2025-03-01``."""
    import plotly.graph_objects as go

    from crm_core.report.palette import date_ticks

    axis = date_ticks(go.Figure(go.Scatter(x=pd.date_range("2025-01-01", periods=200), y=list(range(200)))),
                      "zh").layout.xaxis
    formats = {stop.value: stop.dtickrange for stop in axis.tickformatstops}
    assert formats["%Y年%-m月"] == ("M1", "M11") and formats["%Y年"] == ("M12", None)  # years as years
    assert formats["%Y年%-m月%-d日"][1] < 28 * 86_400_000  # a monthly tick is a month, not its first day
    assert axis.hoverformat == "%Y年%-m月%-d日"


def test_a_charts_hover_names_its_lines_whole():
    """walk16 at 1024 px: the hover read "Backtest: Me... : 872" (plotly cuts a trace's name at 15
    characters); the chart's hover names each line in full."""
    import plotly.graph_objects as go

    from crm_core.report.palette import style

    fig = style(go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="Backtest: Mean of ETS, Theta and MSTL")), "t")
    assert fig.layout.hoverlabel.namelength == -1


def test_side_by_side_scatters_keep_their_legend_below_the_plot():
    """walk17 (tab_zh_05_segments.png): at 820 px each half-width chart is about 260 px; the
    principal-components scatter and the 3-D RFM chart kept their legends on the right, which
    squeezed the plots to slivers and cut the 3-D axes. Their legends sit under the plot, as the
    profile lines' already did."""
    import numpy as np

    from crm_core.segment import charts as seg_charts

    coords = pd.DataFrame({"pc1": np.r_[0.1, 0.2], "pc2": np.r_[0.3, 0.1], "label": ["高价值·活跃", "降温"],
                           "customer_id": ["1", "2"]})
    members = pd.DataFrame({"customer_id": ["1", "2"], "recency_days": [3, 90], "frequency": [5, 1],
                            "monetary": [500.0, 20.0], "segment": ["高价值·活跃", "降温"]})
    for figure in (seg_charts.pca_figure(coords, "zh"), seg_charts.rfm_3d_figure(members, lang="zh")):
        legend = figure.layout.legend
        assert legend.orientation == "h" and legend.y < 0 and legend.itemsizing == "constant", legend


@pytest.mark.parametrize("lang, names", [
    ("en", ["High value, active", "High value, cooling", "Mid value, active", "Low value, cooling",
            "Low value, lapsed", "Returns exceed purchases"]),
    ("zh", ["高价值·活跃", "高价值·降温", "中等价值·活跃", "低价值·降温", "低价值·流失中（消费更高）",
            "退货多于购买"])])
def test_segment_size_labels_fit_their_bars_at_1024_px(lang, names):
    """walk21: under the size chart at 1024 px (565 px main column) "Low value, cooling" and "Low
    value, lapsed" touched. Each label is wrapped to its bar's slot; the bars keep the names."""
    from crm_core.report.format import char_width
    from crm_core.report.palette import FONT_SIZE
    from crm_core.segment.charts import sizes_figure

    profile = pd.DataFrame({"segment": names, "customer_share": [0.2, 0.1, 0.2, 0.2, 0.2, 0.1],
                            "revenue_share": [0.4, 0.1, 0.2, 0.1, 0.1, 0.1]})
    fig = sizes_figure(profile, lang)
    plot_px = 565 - fig.layout.margin.l - fig.layout.margin.r
    slot_px = plot_px / len(names)
    assert list(fig.data[0].x) == names and list(fig.layout.xaxis.tickvals) == names
    for label in fig.layout.xaxis.ticktext:
        for line in label.split("<br>"):  # a Latin character is about half the font size wide
            assert sum(map(char_width, line)) * FONT_SIZE * 0.55 <= slot_px - 8, (line, slot_px)
    legend_px = -fig.layout.legend.y * (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
    lines = max(label.count("<br>") for label in fig.layout.xaxis.ticktext) + 1
    assert legend_px >= 40 + 16 * lines, "the legend sits under the wrapped labels and the axis title"
