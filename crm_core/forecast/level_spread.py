"""A band no narrower than how far the backtest's origins moved the forecast's level (fc31).

The own-band factor and the conformal residuals measure how the actuals fell around each origin's
forecast; a level that moved a lot from one origin to the next (M4 W120: 85 a week per horizon)
can move as much again, up as well as down, and no origin's score sees it."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from crm_core.forecast.backtest import MIN_ORIGINS


def level_spread(fits: pd.DataFrame, method: str) -> float | None:
    """Root mean square change of ``method``'s mean forecast (open periods) between consecutive
    origins; None with fewer than ``MIN_ORIGINS`` origins (too few moves to measure)."""
    open_rows = fits[~fits["closed"].to_numpy(bool)]
    levels = open_rows.groupby("origin")[method].mean().dropna().to_numpy(float)
    if len(levels) < MIN_ORIGINS:
        return None
    return float(np.sqrt(np.mean(np.diff(levels) ** 2)))


def floor_band(point: np.ndarray, lower: np.ndarray, upper: np.ndarray, spread: float | None,
               level: float) -> tuple[np.ndarray, np.ndarray]:
    """Each side at least the normal ``level`` quantile times ``spread`` from the forecast;
    never narrowed."""
    if spread is None or not np.isfinite(spread):
        return lower, upper
    reach = NormalDist().inv_cdf(0.5 + level / 2) * spread
    return np.fmin(lower, point - reach), np.fmax(upper, point + reach)
