"""A band no narrower than the level changes the served model missed, while it keeps missing one way.

The own-band factor and the conformal residuals measure how the actuals fell around each origin's
forecast; a trend reversal the model lags (M4 W120) shifts its mean error from one origin to the next,
and each origin's score, taken at its own level, cannot see that shift (fc32). Noise around 0 shifts the
mean error too, so the floor is drawn only when the latest origins all missed on one side (fc33): were
the errors noise, the last ``DRIFT_RUN`` would share a sign at 2 × 0.5³ = 25%, not always."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from crm_core.forecast.backtest import MIN_ORIGINS

DRIFT_RUN = 3


def missed_spread(fits: pd.DataFrame, method: str) -> float | None:
    """Root mean square change of ``method``'s mean error (actual − forecast, open periods) between
    consecutive origins; None with fewer than ``MIN_ORIGINS`` origins (too few moves to measure) or
    when the last ``DRIFT_RUN`` errors do not share one sign (no drift to guard against)."""
    open_rows = fits[~fits["closed"].to_numpy(bool)]
    errors = (open_rows["actual"] - open_rows[method]).groupby(open_rows["origin"]).mean().dropna()
    errors = errors.to_numpy(float)
    if len(errors) < max(MIN_ORIGINS, DRIFT_RUN) or len(set(np.sign(errors[-DRIFT_RUN:]))) != 1:
        return None
    return float(np.sqrt(np.mean(np.diff(errors) ** 2)))


def floor_band(point: np.ndarray, lower: np.ndarray, upper: np.ndarray, spread: float | None,
               level: float) -> tuple[np.ndarray, np.ndarray]:
    """Each side at least the normal ``level`` quantile times ``spread`` from the forecast;
    never narrowed."""
    if spread is None or not np.isfinite(spread):
        return lower, upper
    reach = NormalDist().inv_cdf(0.5 + level / 2) * spread
    return np.fmin(lower, point - reach), np.fmax(upper, point + reach)
