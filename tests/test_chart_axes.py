"""Shares read as percentages on chart axes and colour bars (0.42 is 42 %), money and counts as
whole numbers with separators."""

from __future__ import annotations

import pandas as pd

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
