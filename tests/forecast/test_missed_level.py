"""fc32: a band no narrower than the level changes the served model missed between backtest origins."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast import missed_level as M

DATA = Path(__file__).resolve().parents[1] / "data"


def _w120() -> pd.DataFrame:
    return pd.read_csv(DATA / "m4_w120_backtest.csv", parse_dates=["origin", "period"])


def test_the_spread_is_the_rms_change_of_the_mean_error_between_consecutive_origins():
    fits = _w120()
    open_rows = fits[~fits["closed"]]
    errors = (open_rows["actual"] - open_rows["ensemble"]).groupby(open_rows["origin"]).mean().to_numpy()
    expected = float(np.sqrt(np.mean(np.diff(errors) ** 2)))
    assert M.missed_spread(fits, "ensemble") == pytest.approx(expected)
    assert expected > 0


def test_a_model_that_followed_every_move_missed_none():
    fits = _w120()
    fits["tracker"] = fits["actual"] + 25.0  # its level moved with the series', off by a constant
    assert M.missed_spread(fits, "tracker") == pytest.approx(0.0, abs=1e-9)


def test_too_few_origins_give_no_spread():
    fits = _w120()
    two = fits[fits["origin"].isin(fits["origin"].unique()[-2:])]
    assert M.missed_spread(two, "ensemble") is None


def test_the_80_band_is_floored_at_the_missed_spread_and_never_narrowed():
    fits = _w120()
    last = fits[fits["origin"] == fits["origin"].max()]
    point = last["ensemble"].to_numpy()
    lower, upper = last["ensemble~lo80"].to_numpy(), last["ensemble~hi80"].to_numpy()
    spread = M.missed_spread(fits, "ensemble")
    low, high = M.floor_band(point, lower, upper, spread, 0.8)
    assert np.all(high - point >= 1.2815 * spread - 1e-9) and np.all(point - low >= 1.2815 * spread - 1e-9)
    assert np.all(low <= lower) and np.all(high >= upper)
    assert np.array_equal(M.floor_band(point, lower, upper, None, 0.8)[1], upper)
