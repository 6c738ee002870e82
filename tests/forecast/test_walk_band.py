"""The last value's own band: the empirical quantiles of the history's h-step changes, the normal
random-walk band below ``MIN_CHANGES`` of them (fc30, docs/forecast.md)."""

from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast.candidates import FIT_HISTORY, LAST, MIN_CHANGES, candidate_forecasts, own_bound
from crm_core.forecast.run import forecast_series

DATA = Path(__file__).resolve().parents[1] / "data"
QUANTILES = {"lo80": 0.10, "hi80": 0.90, "lo95": 0.025, "hi95": 0.975}


def m4_w10() -> pd.Series:
    """M4 weekly series W10, dated by its ISO week's Monday as the bench does."""
    frame = pd.read_csv(DATA / "m4_w10_weekly.csv", parse_dates=["date"])
    y = frame.set_index("date")["value"].astype(float)
    y.index = y.index - pd.to_timedelta(y.index.day_of_week, unit="D")
    return y.asfreq("W-MON")


def bounds_of(y: pd.Series) -> dict[str, np.ndarray]:
    found = candidate_forecasts(y, "W", 8, methods=(LAST,))
    return {b: found[own_bound(LAST, b)] - found[LAST] for b in QUANTILES if own_bound(LAST, b) in found}


def test_the_last_values_band_is_the_quantiles_of_the_historys_own_h_step_changes():
    """M4 W10 at the validation window 1 back: ten fitted years of weekly changes."""
    y = m4_w10().iloc[:-16]
    values = y.to_numpy(float)[-FIT_HISTORY["W"]:]
    found = bounds_of(y)
    for bound, q in QUANTILES.items():
        expected = [np.quantile(values[h:] - values[:-h], q) for h in range(1, 9)]
        assert np.allclose(found[bound], expected), bound
    half = found["hi80"] - found["lo80"]
    assert not np.allclose(half / half[0], np.sqrt(np.arange(1, 9)))  # not the normal band's shape


@pytest.mark.parametrize(("weeks", "empirical"), [(8 + MIN_CHANGES - 1, False), (8 + MIN_CHANGES, True)])
def test_below_the_minimum_of_changes_the_normal_random_walk_band_stays(weeks, empirical):
    y = m4_w10().iloc[:weeks]  # 1999: its weekly changes go both ways
    values = y.to_numpy(float)
    sigma = np.sqrt(np.mean(np.diff(values) ** 2))
    normal = NormalDist().inv_cdf(0.90) * sigma * np.sqrt(np.arange(1, 9))
    quantile = [np.quantile(values[h:] - values[:-h], 0.90) for h in range(1, 9)]
    assert np.allclose(bounds_of(y)["hi80"], quantile if empirical else normal)


def test_a_running_total_whose_changes_never_fall_keeps_the_normal_band():
    """W10's running total rises every week: its change quantiles would put the 80% band above the
    last value, a side the own-band calibration could not measure from the forecast."""
    y = m4_w10().iloc[-200:].cumsum()
    values = y.to_numpy(float)[-FIT_HISTORY["W"]:]
    sigma = np.sqrt(np.mean(np.diff(values) ** 2))
    assert np.allclose(bounds_of(y)["lo80"], -NormalDist().inv_cdf(0.90) * sigma * np.sqrt(np.arange(1, 9)))


def test_a_history_that_never_changes_states_no_band():
    flat = pd.Series(5.0, pd.date_range("2024-01-01", periods=60, freq="W-MON"))
    assert bounds_of(flat) == {}


def test_a_served_last_value_gets_its_own_band_calibrated_not_the_residual_band():
    """M4 W10 1 back serves the last value by the noise rule; its band is now its own, scaled by the
    backtest (``factor``), where before it had none and got the residual band."""
    result = forecast_series(m4_w10().iloc[:-16], "W", 8)
    assert result.winner == LAST and 0.8 in result.factor and result.coverage[0.8] is not None
