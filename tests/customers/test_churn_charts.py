"""The churn diagnostics as drawn: no band above untitled charts, drivers as tall as their bars."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.customers import charts
from crm_core.customers import churn as C
from tests.customers.test_churn import _purchases, _table


@pytest.fixture
def run(con) -> C.ChurnRun:
    _table(con, "tx", _purchases(300, seed=1))
    return C.run(con, "tx", C.ChurnConfig(inactive_days=30))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_untitled_diagnostics_start_at_their_plot(run, lang):
    """walk19: 120 px kept for a title and a two-row legend stood empty above the precision/recall
    and calibration charts (1024 px): they have no title, and their legend sits beside the plot."""
    figures = (charts.threshold_figure(run.result.thresholds, run.metrics["threshold"], lang),
               charts.calibration_figure(run.result.calibration, lang))
    for figure in figures:
        assert not figure.layout.title.text and figure.layout.margin.t <= 40, figure.layout.margin


def test_the_drivers_plot_is_as_tall_as_its_bars(run):
    """walk19: "Top drivers overall" drew one bar in a 450 px plot: the height follows the bars."""
    drivers = run.result.drivers[run.result.drivers["importance"].ne(0)]
    assert len(drivers) > 1, drivers
    one = charts.drivers_figure(drivers.head(1))
    every = charts.drivers_figure(drivers)
    assert len(one.data[0].y) == 1 and one.layout.height is not None and one.layout.height <= 200
    assert every.layout.height - one.layout.height == charts.BAR_PX * (len(every.data[0].y) - 1)
    assert not one.layout.title.text and one.layout.margin.t <= 40


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_side_by_side_diagnostics_keep_their_legend_under_the_plot(run, lang):
    """walk19/walk20 (``en_13_churn.png``, 1024 px): beside the plot, "Perfect calibration" and
    "Observed churn rate" took half of a 280 px column and squeezed the curves to 80 px. Under the
    plot, as the segment scatters' (walk17), the curves take the half column."""
    figures = (charts.threshold_figure(run.result.thresholds, run.metrics["threshold"], lang),
               charts.calibration_figure(run.result.calibration, lang))
    for figure in figures:
        legend = figure.layout.legend
        assert legend.orientation == "h" and legend.yanchor == "top" and legend.y < 0, legend


def test_the_drivers_axis_title_has_room_under_its_ticks(run):
    """walk20 (``en_13_churn.png``): in a 118 px plot with a 10 px bottom margin, "Drop in ROC AUC
    when shuffled" was drawn over the ticks "−0.04 −0.03 …"; the axis keeps the room it needs."""
    figure = charts.drivers_figure(run.result.drivers.head(1))
    assert figure.layout.xaxis.automargin is True and figure.layout.margin.b >= 40, figure.layout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_spend_deciles_title_fits_the_column_at_1024_px(lang):
    """walk20 (``en_14_spend.png``): across the 565 px column at 1024 px the title read "Where the
    real spend went in the backtest, customers in ten groups by the mode", cut at the chart's edge.
    It is wrapped to the columns a full-width title fits, the plot lowered by the lines added."""
    from crm_core.customers.metrics import decile_table
    from crm_core.report.format import char_width
    from crm_core.report.palette import FULL_TITLE

    deciles = decile_table(pd.Series(range(100), dtype=float), pd.Series(range(100), dtype=float))
    figure = charts.decile_figure(deciles, lang)
    lines = figure.layout.title.text.split("<br>")
    assert max(sum(map(char_width, line)) for line in lines) <= FULL_TITLE, lines
    assert "".join(lines).replace(" ", "") == charts.t("customers.spend.decile_title", lang).replace(" ", "")
