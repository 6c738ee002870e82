"""The churn diagnostics as drawn: no band above untitled charts, drivers as tall as their bars."""

from __future__ import annotations

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
