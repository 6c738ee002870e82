"""The last value as the default model when the history is a random walk.

The choice (``backtest.choose``) serves its default, the mean of ETS, Theta and MSTL, unless a
challenger's lead exceeds its noise across origins. For a random walk the last value is the best
forecast there is (fpp3 §5.2), and the mean's smoothing and Theta's drift only add error, yet a
lead of 0.8 standard errors (judge26's WooCommerce weeks: last value MASE 0.703 against the mean's
0.753) never passes the rule. So when the history's changes show no pattern and the backtest agrees,
the last value becomes the default the others must beat."""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.diagnostic import acorr_ljungbox

from crm_core.forecast.backtest import MIN_ORIGINS
from crm_core.forecast.candidates import ENSEMBLE, LAST

WALK_LAGS = 10
"""Ljung–Box lags for a series without a season tested (fpp3 §5.4: 10), fewer than n ÷ 5."""
WALK_P = 0.05
"""Below this p-value the changes are autocorrelated: the history is not a random walk."""


def is_random_walk(values: np.ndarray) -> bool:
    """Whether the period-to-period changes look like white noise (Ljung–Box, p ≥ ``WALK_P``)."""
    changes = np.diff(values)
    lags = min(WALK_LAGS, len(values) // 5)
    if lags < 1 or not np.ptp(changes):
        return False
    return float(acorr_ljungbox(changes, lags=[lags])["lb_pvalue"].iloc[0]) >= WALK_P


def default_model(default: str | None, values: np.ndarray, fits: pd.DataFrame,
                  metrics: dict[str, dict[str, float]]) -> str | None:
    """The default the choice starts from: the last value instead of the mean when the history is a
    random walk and the backtest (``MIN_ORIGINS`` or more origins) agrees, the last value erring no
    more than the mean over all origins; otherwise ``default`` (a part's share stays its share)."""
    origins = fits.loc[~fits["closed"].to_numpy(bool), "origin"].nunique()
    if default != ENSEMBLE or LAST not in metrics or origins < MIN_ORIGINS:
        return default
    if metrics[LAST]["mase"] > metrics[ENSEMBLE]["mase"]:
        return default
    return LAST if is_random_walk(values) else default
