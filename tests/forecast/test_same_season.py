"""A same-season origin for the bands of daily series (``crm_core/forecast/same_season.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from crm_core.forecast import report
from crm_core.forecast.run import forecast_series
from crm_core.forecast.unseen import months
from tests.forecast.test_unseen import december_shop


@pytest.fixture(scope="module")
def from_3_december():
    """Two shops whose Decembers swing three times as much as the rest of the year, forecast for
    4–31 December from 3 December: the last backtest horizon ends on 3 December, so December
    counts as seen (no unseen-month widening) though the backtest held three of its days."""
    out = []
    for seed in (0, 1):
        y = december_shop(seed, end="2024-12-31")
        out.append((forecast_series(y[:"2024-12-03"], "D", 28, folds=4), y["2024-12-04":].to_numpy()))
    return out


def test_a_december_a_year_back_widens_the_band_the_backtest_set(from_3_december):
    inside = []
    for result, actual in from_3_december:
        assert (months(result.fits["period"], "D") == 12).sum() <= 3  # the backtest saw 3 December days
        assert (result.unseen == 1).all()  # so no step counts as an unseen month
        band = result.forecast
        inside.append((actual >= band["lower"].to_numpy()) & (actual <= band["upper"].to_numpy()))
        assert (band["lower_95"] <= band["lower"]).all() and (band["upper_95"] >= band["upper"]).all()
        assert result.factor[0.8] == result.same_season[0.8] > 1  # the year-back origin set the factor
    assert np.mean(inside) >= 0.7


def test_one_odd_day_a_year_back_does_not_set_the_95_band(from_3_december):
    """A one-off day in the year-back horizon (three times a usual Saturday: a fair in town) is
    that horizon's worst score, and the worst of 28 days is what a 95% quantile of them is: the
    95% band takes the 80% check's factor on the model's own 95% band instead."""
    base, _ = from_3_december[0]
    y = december_shop(0, end="2024-12-31")[:"2024-12-03"].copy()
    y["2023-12-16"] *= 3
    odd = forecast_series(y, "D", 28, folds=4)
    assert odd.factor[0.8] == odd.same_season[0.8] > 1

    def width(result, suffix):
        return float((result.forecast[f"upper{suffix}"] - result.forecast[f"lower{suffix}"]).mean())

    assert width(odd, "_95") <= 1.25 * width(base, "_95")
    assert width(odd, "_95") / width(odd, "") <= 1.1 * width(base, "_95") / width(base, "")


def test_the_band_note_says_the_factor_came_from_a_year_back_in_both_languages(from_3_december):
    result, _ = from_3_december[0]
    english, chinese = report.band_text(result, "D", "en"), report.band_text(result, "D", "zh")
    assert "364 days" in english and f"× {result.factor[0.8]:.2f}" in english
    assert "364 天" in chinese and f"× {result.factor[0.8]:.2f}" in chinese and "days" not in chinese


def test_a_daily_series_without_a_year_before_its_origin_keeps_the_backtests_factor():
    y = december_shop(2)["2024-01-01":"2024-11-30"]
    result = forecast_series(y, "D", 28, folds=4)
    assert result.same_season == {}
    assert "364" not in report.band_text(result, "D", "en")


def test_weekly_series_are_left_as_they_were():
    y = december_shop(3).resample("W-MON", label="left", closed="left").sum().iloc[1:-1]
    assert forecast_series(y, "W", 8, folds=4).same_season == {}
