"""The served model asked about the same days a year earlier, for the bands of daily series.

The backtest's origins sit in the weeks before the forecast: a horizon into a harder time of year
(December after origins in autumn) is banded by errors of calmer weeks. Fitting the served model
once more, 364 days before the forecast's origin (the same weekdays), shows how far its own band
missed over that same season; the band takes that factor when it is the larger
(docs/forecast.md, fc22). Unlike a month's naive error, it asks the model: a regression that
forecasts Christmas from the holidays needs no widening there."""

from __future__ import annotations

import pandas as pd

from crm_core.forecast import BLEND
from crm_core.forecast.backtest import LEVELS, min_train, own_band, own_factor, own_scores
from crm_core.forecast.calendar import Holidays
from crm_core.forecast.candidates import SHARE, candidate_forecasts, combined
from crm_core.forecast.series import closed_periods, fill_closed

SAME_SEASON = 364
"""Days back to the same-season origin: 52 weeks, so each day ahead meets its own weekday."""


def same_season_fits(y: pd.Series, freq: str, horizon: int, holidays: Holidays, served: str,
                     history: int | None = None) -> pd.DataFrame | None:
    """The ``served`` model's forecast and own bounds from the origin ``SAME_SEASON`` days before
    the end of ``y``, beside what followed, as a one-origin backtest frame; None for other than
    daily series, a share of the total (its total was not forecast there), a history too short to
    fit there, or a model without its own band."""
    origin, parts = len(y) - SAME_SEASON, served.split(BLEND)
    if freq != "D" or SHARE in parts or origin < min_train(freq, horizon):
        return None
    train = y.iloc[:origin]
    found = candidate_forecasts(fill_closed(train, closed_periods(train, freq), freq), freq, horizon,
                                holidays, parts, history=history)
    if not all(p in found for p in parts):
        return None
    found |= combined(found, parts, served)
    if own_band(found, served, LEVELS[0]) is None:
        return None
    return pd.DataFrame({"actual": y.to_numpy(float)[origin:origin + horizon],
                         "closed": closed_periods(y, freq)[origin:origin + horizon],
                         "origin": origin, **found})


def same_season_factors(fits: pd.DataFrame | None, served: str) -> dict[float, float]:
    """The factor on the served model's own band that held 80% of the same-season horizon's open
    days (never under 1, as the backtest's), for every level: the 95% quantile of 28 days is their
    worst day, so one odd day a year back (a fair, a stock-out) set the 95% band; the model's own
    band keeps its 95 ÷ 80 shape instead (docs/forecast.md, fc23). Empty without one."""
    found = None if fits is None else own_scores(fits, served, LEVELS[0])
    if found is None or not len(found[0]):
        return {}
    return dict.fromkeys(LEVELS, own_factor(*found, LEVELS[0]))
