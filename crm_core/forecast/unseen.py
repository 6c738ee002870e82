"""Bands on parts of the year the backtest never saw.

The backtest's error quantile speaks for the calendar months its origins' horizons covered. A
forecast step in another month (December after origins from spring to November) has no measured
error: the history is asked instead how much harder that month is to forecast than the covered
ones, and the step's band is widened by that ratio, never narrowed (46 validation windows: none
under 70% of the next horizon instead of one; docs/forecast.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

SHORT_SEASON = {"D": 7, "W": 1}
"""The naive rule that measures a month's difficulty: the same weekday of the latest week for
days, the latest week for weeks. Not last year's value: a month seen once still has its errors."""
MONTH_PERIODS = {"D": 28, "W": 4}
"""Periods of a month the history must hold to measure it. A month with fewer takes the hardest
measured month's ratio: nothing says it is easier (a year of weeks has never seen December)."""


def months(index, freq: str) -> np.ndarray:
    """Calendar month (1–12) of each period; a week counts in the month of its Thursday (ISO).
    In numpy: pandas' ``.month`` on 500 parts' backtests was most of this module's cost."""
    days = np.asarray(index, dtype="datetime64[D]") + np.timedelta64(3 if freq == "W" else 0, "D")
    return days.astype("datetime64[M]").astype(np.int64) % 12 + 1


def naive_errors(values: np.ndarray, closed: np.ndarray, freq: str, horizon: int, log: bool) -> np.ndarray:
    """Each period's mean absolute error of the short naive rule (``SHORT_SEASON``) made 1 …
    ``horizon`` steps before it, as from a backtest origin (log scale for sales); closed periods
    left out; NaN where no pair reaches."""
    level = np.log1p(np.clip(values, 0, None)) if log else values
    season, n = SHORT_SEASON[freq], len(values)
    sums, counts = np.zeros(n), np.zeros(n)
    for step in range(1, horizon + 1):
        lag = season * -(-step // season)  # the latest same weekday at least ``step`` back
        if lag >= n:
            break
        pair = ~closed[lag:] & ~closed[:-lag]
        sums[lag:] += np.where(pair, np.abs(level[lag:] - level[:-lag]), 0.0)
        counts[lag:] += pair
    return np.divide(sums, counts, out=np.full(n, np.nan), where=counts > 0)


def month_difficulty(errors: np.ndarray, past: np.ndarray, freq: str) -> dict[int, float]:
    """Mean naive error of each month the history holds at least ``MONTH_PERIODS`` of."""
    known = np.isfinite(errors)
    sums = np.bincount(past[known], errors[known], minlength=13)
    counts = np.bincount(past[known], minlength=13)
    return {m: float(sums[m] / counts[m]) for m in range(1, 13) if counts[m] >= MONTH_PERIODS[freq]}


def unseen_factors(y: pd.Series, closed: np.ndarray, backtest: pd.DatetimeIndex,
                   periods: pd.DatetimeIndex, freq: str, log: bool) -> np.ndarray:
    """The factor on each forecast step's band: 1 in a month some backtest horizon covered, else
    the history's naive error in that month ÷ its error in the covered months, at least 1 (the
    hardest measured month's ratio when the history holds less than a month of it)."""
    factors = np.ones(len(periods))
    if freq not in SHORT_SEASON:
        return factors
    seen, ahead = np.unique(months(backtest, freq)), months(periods, freq)
    new = ~np.isin(ahead, seen)
    if not new.any():
        return factors
    errors = naive_errors(y.to_numpy(float), closed, freq, len(periods), log)
    past = months(y.index, freq)
    base = errors[np.isfinite(errors) & np.isin(past, seen)]
    if len(base) < MONTH_PERIODS[freq] or base.mean() <= 0:
        return factors
    ratio = {m: size / base.mean() for m, size in month_difficulty(errors, past, freq).items()}
    hardest = max([1.0, *ratio.values()])
    factors[new] = [max(ratio.get(int(m), hardest), 1.0) for m in ahead[new]]
    return factors


def widen(columns: dict[str, np.ndarray], factors: np.ndarray, sales: bool) -> dict[str, np.ndarray]:
    """Every band (``lower…`` / ``upper…``) around ``columns["forecast"]`` with each side's
    distance times its step's factor, not below 0 for sales; one factor for every level keeps
    the 95% band around the 80% one."""
    point, out = columns["forecast"], dict(columns)
    for key in (k for k in columns if k.startswith("lower")):
        low = point - factors * (point - columns[key])
        out[key] = np.maximum(low, 0.0) if sales else low
        out["upper" + key[5:]] = point + factors * (columns["upper" + key[5:]] - point)
    return out
