"""fc31: a band no narrower than how far the backtest's origins moved the forecast's level."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast import level_spread as L

DATA = Path(__file__).resolve().parents[1] / "data"


def _w120() -> pd.DataFrame:
    return pd.read_csv(DATA / "m4_w120_backtest.csv", parse_dates=["origin", "period"])


def test_the_spread_is_the_rms_of_the_level_change_between_consecutive_origins():
    fits = _w120()
    levels = fits[~fits["closed"]].groupby("origin")["ensemble"].mean().to_numpy()
    expected = float(np.sqrt(np.mean(np.diff(levels) ** 2)))
    assert L.level_spread(fits, "ensemble") == pytest.approx(expected)
    assert 80 < expected < 90  # M4 W120's ensemble moved about 85 a week per horizon


def test_too_few_origins_give_no_spread():
    fits = _w120()
    two = fits[fits["origin"].isin(fits["origin"].unique()[-2:])]
    assert L.level_spread(two, "ensemble") is None


def test_w120s_80_band_is_floored_at_the_spread_and_never_narrowed():
    fits = _w120()
    last = fits[fits["origin"] == fits["origin"].max()]
    point = last["ensemble"].to_numpy()
    lower, upper = last["ensemble~lo80"].to_numpy(), last["ensemble~hi80"].to_numpy()
    spread = L.level_spread(fits, "ensemble")
    low, high = L.floor_band(point, lower, upper, spread, 0.8)
    assert np.all(high - point >= 1.2815 * spread - 1e-9) and np.all(point - low >= 1.2815 * spread - 1e-9)
    assert np.all(low <= lower) and np.all(high >= upper)
    assert (high - point)[0] > (upper - point)[0] * 1.5  # its first week's 61 rises to ~109
    assert np.array_equal(L.floor_band(point, lower, upper, None, 0.8)[1], upper)
