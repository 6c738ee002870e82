"""Bands on months the backtest never saw (``crm_core/forecast/unseen.py``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast import report
from crm_core.forecast.run import forecast_series
from crm_core.forecast.unseen import months, unseen_factors

WEEKDAYS = np.array([1.0, 0.9, 0.95, 1.0, 1.15, 1.4, 1.3])


def december_shop(seed: int, end: str = "2024-12-28") -> pd.Series:
    """Three years of daily sales with a weekly pattern whose Decembers swing three times as
    much as the rest of the year (events, weather): a backtest from spring to November sees
    none of it."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2022-01-01", end, freq="D")
    noise = rng.normal(0.0, np.where(days.month == 12, 0.25, 0.08))
    return pd.Series(200 * WEEKDAYS[days.dayofweek] * np.exp(noise), days)


@pytest.fixture(scope="module")
def decembers():
    """Two shops forecast for December from the end of November, with what they then sold."""
    out = []
    for seed in (0, 1):
        y = december_shop(seed)
        out.append((forecast_series(y[:"2024-11-30"], "D", 28, folds=4), y["2024-12-01":].to_numpy()))
    return out


def test_a_december_no_backtest_origin_covered_gets_a_band_that_holds_its_share(decembers):
    inside = []
    for result, actual in decembers:
        assert not (months(result.fits["period"], "D") == 12).any()  # the backtest never saw December
        band = result.forecast
        inside.append((actual >= band["lower"].to_numpy()) & (actual <= band["upper"].to_numpy()))
        assert (band["lower_95"] <= band["lower"]).all() and (band["upper_95"] >= band["upper"]).all()
    # The backtest's band alone held 43% and 43% of these Decembers (0.08 noise measured, 0.25 met).
    assert np.mean(inside) >= 0.75


def test_the_widened_steps_are_the_unseen_month_and_the_note_says_so_in_both_languages(decembers):
    result, _ = decembers[0]
    assert (result.unseen > 1.5).all()  # every step is in December
    assert "December" in report.band_text(result, "D", "en")
    chinese = report.band_text(result, "D", "zh")
    assert "12月" in chinese and "December" not in chinese and "。 " not in chinese


def test_months_the_backtest_covered_keep_their_band():
    y = december_shop(2)[:"2024-06-30"]
    closed = np.zeros(len(y), bool)
    backtest = pd.date_range("2024-01-01", "2024-06-30", freq="D")
    july = pd.date_range("2024-07-01", periods=28, freq="D")
    assert (unseen_factors(y, closed, backtest, backtest[-28:], "D", True) == 1).all()
    assert (unseen_factors(y, closed, backtest, july, "D", True) == 1).all()  # July is as calm as the rest


def test_a_month_the_history_never_held_takes_the_hardest_measured_months_ratio():
    """44 weeks from January: November and December were never seen, and nothing says they are
    easier than the hardest month that was (here March, four times as noisy)."""
    rng = np.random.default_rng(3)
    weeks = pd.date_range("2024-01-01", periods=44, freq="7D")
    y = pd.Series(1000 * np.exp(rng.normal(0, np.where(months(weeks, "W") == 3, 0.2, 0.05))), weeks)
    ahead = pd.date_range(weeks[-1] + pd.Timedelta(days=7), periods=8, freq="7D")
    factors = unseen_factors(y, np.zeros(44, bool), weeks[-24:], ahead, "W", True)
    assert factors.min() == factors.max() > 2
