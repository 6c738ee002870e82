"""fc33: fc32's missed-level floor, applied only while the served model's mean error keeps one sign."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast import missed_level as M

DATA = Path(__file__).resolve().parents[1] / "data"


def _w120(origins: int | None = None) -> pd.DataFrame:
    """M4 W120's backtest; with ``origins``, only its first ones (the backtest as it stood then)."""
    fits = pd.read_csv(DATA / "m4_w120_backtest.csv", parse_dates=["origin", "period"])
    if origins is None:
        return fits
    return fits[fits["origin"].isin(sorted(fits["origin"].unique())[:origins])]


def _errors(fits: pd.DataFrame) -> np.ndarray:
    open_rows = fits[~fits["closed"]]
    return (open_rows["actual"] - open_rows["ensemble"]).groupby(open_rows["origin"]).mean().to_numpy()


def test_while_the_last_three_origins_miss_one_way_the_spread_is_the_rms_change_of_the_mean_error():
    fits = _w120(origins=4)  # mean errors 44, -116, -99, -76 a week: under the actuals three origins running
    errors = _errors(fits)
    assert np.all(errors[-3:] < 0)
    assert M.missed_spread(fits, "ensemble") == pytest.approx(float(np.sqrt(np.mean(np.diff(errors) ** 2))))


def test_when_the_sign_of_the_latest_errors_changes_no_floor_is_drawn():
    fits = _w120()  # the full backtest ends 11, -52, 16: noise around 0, not a drift
    errors = _errors(fits)
    assert len(set(np.sign(errors[-3:]))) > 1
    assert M.missed_spread(fits, "ensemble") is None


def test_a_model_that_followed_every_move_missed_none():
    fits = _w120(origins=4)
    fits = fits.assign(tracker=fits["actual"] - 25.0)  # its level moved with the series', always 25 under
    assert M.missed_spread(fits, "tracker") == pytest.approx(0.0, abs=1e-9)


def test_too_few_origins_give_no_spread():
    assert M.missed_spread(_w120(origins=2), "ensemble") is None


def test_the_80_band_is_floored_at_the_spread_and_never_narrowed():
    fits = _w120(origins=4)
    last = fits[fits["origin"] == fits["origin"].max()]
    point = last["ensemble"].to_numpy()
    lower, upper = last["ensemble~lo80"].to_numpy(), last["ensemble~hi80"].to_numpy()
    spread = M.missed_spread(fits, "ensemble")
    low, high = M.floor_band(point, lower, upper, spread, 0.8)
    assert np.all(high - point >= 1.2815 * spread - 1e-9) and np.all(point - low >= 1.2815 * spread - 1e-9)
    assert np.all(low <= lower) and np.all(high >= upper)
    assert np.array_equal(M.floor_band(point, lower, upper, None, 0.8)[1], upper)
