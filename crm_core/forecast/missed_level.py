"""A band no narrower than the level changes the served model missed between backtest origins (fc32).

The own-band factor and the conformal residuals measure how the actuals fell around each origin's
forecast; a trend reversal the model lags (M4 W120) shifts its mean error from one origin to the next,
and each origin's score, taken at its own level, cannot see that shift. Only the change in the model's
*error* counts, not in its forecast (fc31): a season or trend forecast right moves the forecast, not
the error."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from crm_core.forecast.backtest import MIN_ORIGINS


def missed_spread(fits: pd.DataFrame, method: str) -> float | None:
    """Root mean square change of ``method``'s mean error (actual − forecast, open periods) between
    consecutive origins; None with fewer than ``MIN_ORIGINS`` origins (too few moves to measure)."""
    open_rows = fits[~fits["closed"].to_numpy(bool)]
    errors = (open_rows["actual"] - open_rows[method]).groupby(open_rows["origin"]).mean().dropna()
    if len(errors) < MIN_ORIGINS:
        return None
    return float(np.sqrt(np.mean(np.diff(errors.to_numpy(float)) ** 2)))


def floor_band(point: np.ndarray, lower: np.ndarray, upper: np.ndarray, spread: float | None,
               level: float) -> tuple[np.ndarray, np.ndarray]:
    """Each side at least the normal ``level`` quantile times ``spread`` from the forecast;
    never narrowed."""
    if spread is None or not np.isfinite(spread):
        return lower, upper
    reach = NormalDist().inv_cdf(0.5 + level / 2) * spread
    return np.fmin(lower, point - reach), np.fmax(upper, point + reach)
