"""The parts of a split forecast (``--by``): the share-of-total candidate, a part's recent share
of the total times the total's forecast, and the parts scaled to add up to the total."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm_core.forecast.candidates import SHARE, WINDOWS

if TYPE_CHECKING:
    from crm_core.forecast.run import SeriesForecast


def recent_share(part: np.ndarray, total: np.ndarray, periods: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """The part's recent share of the total for each future period (per weekday for days)."""
    window = 56 if freq == "D" else WINDOWS[freq][1]
    part, total = part[-window:], total[-window:]
    if freq != "D":
        return np.repeat(part.sum() / total.sum() if total.sum() else 0.0, len(periods))
    weekdays = (np.arange(len(part)) - len(part) + periods[0].day_of_week) % 7  # day of week of the past
    shares = {d: part[weekdays == d].sum() / max(total[weekdays == d].sum(), 1e-12) for d in range(7)}
    return np.array([shares[d] for d in periods.day_of_week])


def share_fits(fits: pd.DataFrame, y: np.ndarray, parent: SeriesForecast, freq: str) -> pd.DataFrame:
    """Add the share-of-total candidate: the total's chosen backtest forecast × the recent share
    (at the part's origins: the latest of the total's when the part ran fewer)."""
    totals = parent.history.to_numpy(float)
    same = parent.fits["origin"].isin(fits["origin"].unique()).to_numpy()
    total_fit = parent.fits[parent.winner].to_numpy(float)[same]  # the same origins and periods
    periods = pd.DatetimeIndex(fits["period"])
    origins = fits["origin"].to_numpy()
    out = np.empty(len(fits))
    for origin in np.unique(origins):
        rows = origins == origin
        n = int(parent.history.index.searchsorted(periods[rows][0]))
        out[rows] = total_fit[rows] * recent_share(y[:n], totals[:n], periods[rows], freq)
    return fits.assign(**{SHARE: out})


def reconcile(results: list[SeriesForecast]) -> float:
    """Scale the parts so that each period's parts add up to the total forecast (bands scaled
    alike); returns the largest relative change. The total comes from the strongest models."""
    total, parts = results[0], results[1:]
    columns = [c for c in total.forecast.columns if c.startswith(("forecast", "lower", "upper"))]
    summed = np.sum([p.forecast["forecast"].to_numpy(float) for p in parts], axis=0)
    target = total.forecast["forecast"].to_numpy(float)
    factor = np.divide(target, summed, out=np.ones_like(target), where=summed > 0)
    for part in parts:
        part.forecast[columns] = part.forecast[columns].to_numpy(float) * factor[:, None]
    return float(np.max(np.abs(factor - 1))) if len(factor) else 0.0
