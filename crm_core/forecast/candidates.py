"""The candidate forecasters: naive rules, a direct ridge regression on the calendar, and the
standard statistical models (ETS, Theta, MSTL from ``statsforecast``) plus their mean.

Every candidate maps a history (closed periods already filled) to the next ``horizon`` values;
the backtest decides which one an analyst gets, per series.
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.exceptions import NotFittedError

from crm_core.errors import CrmError
from crm_core.forecast.calendar import Holidays, closures_ahead, holiday_adjusted
from crm_core.forecast.series import (
    FREQS,
    closed_periods,
    fill_closed,
    future_index,
    period_offset,
)
from crm_core.i18n import Sentence

LAST, SEASONAL, REGRESSION = "last_value", "seasonal_naive", "regression"
ETS, THETA, MSTL, ENSEMBLE = "ets", "theta", "mstl", "ensemble"
SHARE = "share_of_total"
DAYS = "daily_summed"
"""Weekly forecast of a log kept by the day: the daily models' mean, summed into the weeks."""
OWN = "~"
BOUNDS = ("lo80", "hi80", "lo95", "hi95")
"""A model's own interval bounds ride along as ``ets~lo80`` …: the floor under its conformal
band, so a band never claims less uncertainty than the model itself states."""
NAIVE = (LAST, SEASONAL)
STATISTICAL = (ETS, THETA, MSTL)
FULL = (*NAIVE, REGRESSION, *STATISTICAL, ENSEMBLE)
"""Every candidate, in the order the ranking lists ties; ``ENSEMBLE`` is the mean of the three
statistical models. ``SHARE`` (the total's forecast × the series' recent share) is added for
the parts of a ``--by`` split."""

WINDOWS: dict[str, tuple[int, int]] = {"D": (7, 28), "W": (4, 13), "M": (3, 12), "Q": (2, 4), "Y": (2, 4)}
FOURIER: dict[str, int] = {"D": 4, "W": 10, "M": 0, "Q": 0, "Y": 0}
"""Yearly Fourier pairs: weekly retail needs sharp holiday peaks (10 pairs won the backtests on
the sample and on store × department weekly sales); months use month dummies instead."""
ALPHAS = np.logspace(-3, 3, 13)
YEAR: dict[str, int] = {"D": 365, "W": 52, "M": 12, "Q": 4, "Y": 1}
"""Periods in a year: the regression's yearly terms need one whole year behind them (Fourier
terms fitted on part of a year extrapolate: 300 days of a news page's views forecast 388
million a day, 14,000× its busiest day)."""
FIT_HISTORY: dict[str, int] = {"D": 4 * 365, "W": 10 * 52, "M": 20 * 12, "Q": 20 * 4, "Y": 30}
"""The most recent periods a candidate is fitted on: four years of days, ten of weeks, twenty
of months, thirty of years, as forecasters do. The models' cost grows with the length (66 years of S&P 500
weeks ran over 5 minutes, 3,400 weeks × 9 fits), and a level from decades ago says little
about the next weeks."""
HOLIDAY_FREE = (*STATISTICAL, ENSEMBLE)
"""The candidates fitted on the history with its moving-holiday periods filled and forecast
with each holiday's own past effect on its new date (``calendar.holiday_adjusted``): their
yearly season would carry last year's Easter onto this year's date. The regression takes the
holidays as a feature instead; fitted holiday-free too, it lost on the bakery's validation
windows (weekly 3.66 → 3.72% mean MAPE, docs/forecast.md)."""


def season_lengths(freq: str, n: int) -> list[int]:
    """Seasons the statistical models use: weekly + yearly for days (with two years of history),
    yearly for weeks and months (with two years), else none."""
    if freq == "D":
        return [7, 365] if n >= 2 * 365 + 7 else [7]
    season = FREQS[freq][2]
    return [season] if n >= 2 * season else [1]


def own_bound(method: str, bound: str) -> str:
    """The key of one bound (``lo80`` …) of ``method``'s own interval."""
    return f"{method}{OWN}{bound}"


def combined(found, parts: Sequence[str], name: str) -> dict[str, np.ndarray]:
    """``name``: the mean of the ``parts`` forecasts (a part that could not fit left out), with
    the mean of their own bounds when every part states them. ``found`` maps names to values
    (a dict of forecasts or a backtest frame)."""
    keys = ["", *(OWN + b for b in BOUNDS if all(own_bound(p, b) in found for p in parts))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a period every part failed stays NaN
        return {name + key: np.nanmean(np.vstack([np.asarray(found[p + key], float) for p in parts]), axis=0)
                for key in keys}


class RMSTL:
    """MSTL as R's ``forecast::mstl`` computes it: each season's STL smoothers evaluated every
    tenth of their window and interpolated between (``stats::stl``'s default jumps), where
    statsforecast's MSTL evaluates them at every day. On four years of days its yearly STL
    (trend window 609 days) was 0.64 s of a 0.72 s fit, a third of a daily backtest's fits;
    with R's jumps the decomposition takes 0.02 s. The trend (trend + remainder) is forecast by
    an AutoETS without season, each season by repeating its last cycle, as statsforecast does."""

    def __init__(self, season_length: Sequence[int]) -> None:
        self.season_length = sorted(season_length)

    def decompose(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each season's component (one row per season) and the deseasonalised series, by
        R's default of two passes over the seasons (one with a single season)."""
        from statsmodels.tsa.seasonal import STL

        seasonal, deseasoned = np.zeros((len(self.season_length), len(y))), np.asarray(y, float).copy()
        for _ in range(2 if len(self.season_length) > 1 else 1):
            for i, period in enumerate(self.season_length):
                deseasoned = deseasoned + seasonal[i]
                windows = STL(deseasoned, period=period, seasonal=7 + 4 * (i + 1), seasonal_deg=0).config
                jumps = {f"{k}_jump": math.ceil(windows[k] / 10) for k in ("seasonal", "trend", "low_pass")}
                seasonal[i] = STL(deseasoned, **windows | jumps).fit().seasonal
                deseasoned = deseasoned - seasonal[i]
        return seasonal, deseasoned

    def forecast(self, y: np.ndarray, h: int, level: Sequence[int]) -> dict[str, np.ndarray]:
        """The mean and ``level`` bounds ``h`` periods ahead, in statsforecast's keys."""
        from statsforecast.models import AutoETS

        seasonal, deseasoned = self.decompose(y)
        ahead = sum(np.resize(s[-period:], h) for s, period in zip(seasonal, self.season_length, strict=True))
        trend = AutoETS(model="ZZN").forecast(y=deseasoned, h=h, level=list(level))
        return {key: np.asarray(value, float) + ahead for key, value in trend.items()}


def fit_window(y: pd.Series, freq: str, history: int | None = None) -> pd.Series:
    """The last ``history`` periods of ``y`` the models fit (by default ``FIT_HISTORY``)."""
    return y.iloc[-(history or FIT_HISTORY[freq]):]


def selected_forms(y: pd.Series, freq: str, history: int | None = None) -> dict[str, dict[str, object]]:
    """The ETS form (error, trend, season, damping) and the Theta variant that AutoETS and AutoTheta
    select on ``y``'s fit window (``fit_window``), to fix at the later origins of a backtest: the
    selection fits every form (15 ETS ones, 4 Theta ones) where a fixed form fits one, re-estimated
    at each origin; 0.76 → 0.07 s for ETS on four years of days. A model that cannot fit is left
    to select at every origin."""
    from statsforecast.models import AutoETS, AutoTheta

    values = fit_window(y, freq, history).to_numpy(float)
    short = season_lengths(freq, len(values))[0]
    forms: dict[str, dict[str, object]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(Exception):
            ets = AutoETS(season_length=short).fit(values).model_["components"]
            forms[ETS] = {"model": ets[:3], "damped": ets[3] != "N"}
        with contextlib.suppress(Exception):
            forms[THETA] = {"model": AutoTheta(season_length=short).fit(values).model_["modeltype"]}
    return forms


def _first_that_fits(models: Sequence, values: np.ndarray, horizon: int) -> dict:
    """The forecast (mean and 80/95% bounds) of the first of ``models`` that fits ``values``."""
    for model in models:
        try:
            return model.forecast(y=values, h=horizon, level=[80, 95])
        except Exception:  # a fixed form this history cannot take: the next (selecting) model
            continue
    return {}


def statistical_forecasts(values: np.ndarray, freq: str, horizon: int, names: Sequence[str] = STATISTICAL,
                          forms: Mapping[str, Mapping[str, object]] | None = None,
                          mstl: Callable[[list[int]], object] = RMSTL) -> dict[str, np.ndarray]:
    """AutoETS, AutoTheta and MSTL (seasonal-trend decomposition with an ETS trend) forecasts,
    each with its own 80% and 95% bounds (only the ``names`` asked for). ``forms``: ETS's and
    Theta's ``selected_forms`` to fit instead of selecting (selecting when one does not fit);
    ``mstl``: the MSTL class (statsforecast's for a notebook's reference)."""
    from statsforecast.models import AutoETS, AutoTheta

    seasons = season_lengths(freq, len(values))
    short, forms = seasons[0], forms or {}
    models = {}
    for name, kind in ((ETS, AutoETS), (THETA, AutoTheta)):  # before MSTL, which may copy ETS
        fixed = [kind(season_length=short, **forms[name])] if name in forms else []
        models[name] = [*fixed, kind(season_length=short)]
    models[MSTL] = [mstl(seasons)]
    wanted = {*names, *([ETS] if MSTL in names and seasons == [1] else [])}  # MSTL without a season: ETS
    models = {name: model for name, model in models.items() if name in wanted}
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, tried in models.items():
            if name == MSTL and seasons == [1]:  # no season to decompose: MSTL would be ETS
                out |= {key.replace(ETS, MSTL, 1): f for key, f in out.items()}
                continue
            fitted = _first_that_fits(tried, values, horizon)  # a model that cannot fit drops out
            out[name] = np.asarray(fitted.get("mean", np.full(horizon, np.nan)), float)
            out |= {own_bound(name, b): np.asarray(fitted[f"{b[:2]}-{b[2:]}"], float)
                    for b in BOUNDS if fitted}
    return out


def naive_forecast(values: np.ndarray, freq: str, horizon: int, method: str) -> np.ndarray | None:
    """Last value repeated, or the same period one season earlier (None without a season, and
    for years, whose "season" of one period is the last value again)."""
    if method == LAST:
        return np.repeat(values[-1], horizon)
    season = FREQS[freq][2]
    if season < 2:
        return None
    steps = np.arange(1, horizon + 1)
    back = len(values) - 1 + steps - season * np.ceil(steps / season).astype(int)
    return values[back] if (back >= 0).all() else None


def calendar_features(periods: pd.DatetimeIndex, freq: str, yearly: bool,
                      holidays: Sequence[pd.Timestamp] = ()) -> pd.DataFrame:
    """Weekday, month and Fourier yearly terms, plus marked holidays falling in each period."""
    out = pd.DataFrame(index=periods)
    if freq == "D":
        for day in range(1, 7):
            out[f"weekday_{day}"] = (periods.day_of_week == day).astype(float)
    if yearly:
        for month in range(2, 13):
            out[f"month_{month}"] = (periods.month == month).astype(float)
        angle = 2 * np.pi * periods.day_of_year.to_numpy() / 365.25
        for k in range(1, FOURIER[freq] + 1):
            out[f"sin_{k}"], out[f"cos_{k}"] = np.sin(k * angle), np.cos(k * angle)
    if len(holidays):
        ends = periods + period_offset(freq)
        marked = pd.DatetimeIndex(holidays)
        out["holiday"] = [float(((marked >= s) & (marked < e)).sum())
                          for s, e in zip(periods, ends, strict=True)]
    return out


def ridge_loo(x: np.ndarray, y: np.ndarray, alphas: Sequence[float]) -> tuple[np.ndarray, float, np.ndarray]:
    """Ridge on standardised features, the penalty chosen by exact leave-one-out error.

    The same choice as scikit-learn's ``RidgeCV``, from one SVD for every penalty: RidgeCV's
    own path took 0.5 s per fit on three years of days, 28 fits per forecast.
    Returns coefficients and intercept on the original feature scale, and the leave-one-out
    residuals of the chosen penalty (honest errors, unlike the in-sample ones).
    """
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    xs, centred = (x - mean) / scale, y - y.mean()
    u, s, vt = np.linalg.svd(xs, full_matrices=False)
    uty, u2 = u.T @ centred, u ** 2
    best, chosen, held_out = np.inf, alphas[0], centred
    for alpha in alphas:
        shrink = s ** 2 / (s ** 2 + alpha)
        leverage = u2 @ shrink + 1 / len(y)
        residuals = (centred - u @ (shrink * uty)) / (1 - leverage)
        loo = np.mean(residuals ** 2)
        if loo < best:
            best, chosen, held_out = loo, alpha, residuals
    coef = vt.T @ (s / (s ** 2 + chosen) * uty) / scale
    return coef, float(y.mean() - mean @ coef), held_out


class Forecaster:
    """Direct multi-horizon ridge regression on calendar features and recent history.

    One model per step ahead h: the row for origin t uses only values up to t (last value,
    rolling means, the same period one season before the target when that is not after t)
    and the calendar of the target period t + h. Values are modelled on a log scale when
    none is negative; back on the original scale the forecast is multiplied by the mean of
    the exponentiated residuals (Duan's smearing), since exp(mean of logs) is below the mean.
    """

    def __init__(self, freq: str = "W", horizon: int = 8, holidays: Holidays = (),
                 alphas: Sequence[float] = tuple(ALPHAS)) -> None:
        self.freq = freq
        self.horizon = horizon
        self.holidays = holidays
        self.alphas = alphas

    def _history(self, z: np.ndarray, origins: np.ndarray, h: int) -> np.ndarray:
        """Last value, rolling means and the seasonal lag as of each origin (none later)."""
        season = FREQS[self.freq][2]
        cumsum = np.concatenate([[0.0], np.cumsum(z)])
        cols = [z[origins]]
        for w in WINDOWS[self.freq]:
            lo = np.maximum(origins + 1 - w, 0)
            cols.append((cumsum[origins + 1] - cumsum[lo]) / (origins + 1 - lo))
        back = origins + h - season * math.ceil(h / season)
        cols.append(np.where(back >= 0, z[np.clip(back, 0, None)], cols[-1]))
        return np.column_stack(cols)

    def _design(self, z: np.ndarray, origins: np.ndarray, h: int) -> np.ndarray:
        targets = origins + h
        trend = (targets / max(len(z), 1))[:, None]
        cal = self.calendar_.to_numpy()[targets]
        return np.hstack([trend, cal, self._history(z, origins, h)])

    def fit(self, y: pd.Series) -> Forecaster:
        """Fit one ridge per step ahead on every origin with a full window behind it."""
        values = y.to_numpy(float)
        self.log_ = bool((values >= 0).all())
        z = np.log1p(values) if self.log_ else values
        self.z_ = z
        everything = y.index.append(future_index(y.index, self.freq, self.horizon))
        holidays = [pd.Timestamp(d) for d in self.holidays]
        yearly = YEAR[self.freq] > 1 and len(y) >= YEAR[self.freq]  # a year holds no season of its own
        self.calendar_ = calendar_features(everything, self.freq, yearly, holidays)
        first = min(WINDOWS[self.freq][0] - 1, max(len(z) - self.horizon - 4, 0))
        self.models_, self.smear_, self.residuals_ = [], [], []
        for h in range(1, self.horizon + 1):
            origins = np.arange(first, len(z) - h)
            if len(origins) < 4:
                raise CrmError(Sentence("forecast.error.short_fit", horizon=self.horizon, n=len(z)))
            x = self._design(z, origins, h)
            coef, intercept, held_out = ridge_loo(x, z[origins + h], self.alphas)
            self.models_.append((coef, intercept))
            residuals = z[origins + h] - (x @ coef + intercept)
            self.residuals_.append(held_out)
            self.smear_.append(float(np.mean(np.exp(residuals))) if self.log_ else 1.0)
        return self

    def _predict_z(self) -> np.ndarray:
        if not hasattr(self, "models_"):
            raise NotFittedError("Call fit() before predict().")
        origin = np.array([len(self.z_) - 1])
        return np.array([float(self._design(self.z_, origin, h)[0] @ coef + intercept)
                         for h, (coef, intercept) in enumerate(self.models_, start=1)])

    def predict(self) -> np.ndarray:
        """The next ``horizon`` values after the fitted history."""
        z = self._predict_z()
        if not self.log_:
            return z
        return np.exp(z) * np.array(self.smear_) - 1

    def own_bounds(self) -> dict[str, np.ndarray]:
        """The regression's own 80% and 95% bounds: quantiles of its leave-one-out residuals at
        each step ahead over the whole history (the backtest band stays the main one, this is
        its floor). Rows of one history overlap, so they still run a little narrow."""
        z = self._predict_z()
        out = {}
        for bound in BOUNDS:
            tail = (1 - int(bound[2:]) / 100) / 2
            q = tail if bound.startswith("lo") else 1 - tail
            bounded = z + np.array([np.quantile(r, q) for r in self.residuals_])
            out[bound] = np.expm1(bounded) if self.log_ else bounded
        return out


DAILY_PARTS = (MSTL, REGRESSION)
"""The daily models summed into weeks: the two that carry the yearly season next to the weekday
(ETS and Theta see only the week, and eight weeks ahead the year turns: on five years of store
sales their weekly sums were off 4-14 %, MSTL's and the regression's mean 0.4-0.9 %)."""


def summed_days(days: pd.Series, weeks: pd.DatetimeIndex, holidays: Holidays = ()) -> np.ndarray:
    """The next ``weeks`` as the sum of their days' forecasts (temporal aggregation: the daily
    models see seven times the points, with the weekday pattern and the closures a weekly
    total blurs). The days are those up to the end of the last history week; closed days are
    filled for fitting like any series', and a day closed every time seen (a date, a weekday, a
    moving holiday: ``calendar.closures_ahead``) counts 0."""
    days = days[days.index < weeks[0]]
    closed = closed_periods(days, "D")
    ahead = 7 * len(weeks)
    found = candidate_forecasts(fill_closed(days, closed, "D"), "D", ahead, holidays, DAILY_PARTS)
    daily = combined(found, DAILY_PARTS, DAYS)[DAYS]
    shut = closures_ahead(days, closed, "D", future_index(days.index, "D", ahead), holidays)
    return np.where(shut, 0.0, daily).reshape(len(weeks), 7).sum(axis=1)


def candidate_forecasts(y: pd.Series, freq: str, horizon: int, holidays: Holidays = (),
                        methods: Sequence[str] = FULL, days: pd.Series | None = None,
                        history: int | None = None,
                        forms: Mapping[str, Mapping[str, object]] | None = None) -> dict[str, np.ndarray]:
    """Each requested candidate's forecast from the history ``y`` (a naive rule without a full
    season of history is left out), fitted on the last ``history`` periods (``fit_window``).
    ``days``: the same log summed per day, for the weekly ``DAYS`` candidate; ``forms``: ETS's
    and Theta's forms to fit instead of selecting (``selected_forms``)."""
    if DAYS in methods and days is not None:
        summed = {DAYS: summed_days(days, future_index(y.index, freq, horizon), holidays)}
    else:
        summed = {}
    y = fit_window(y, freq, history)
    values = y.to_numpy(float)
    out: dict[str, np.ndarray] = {}
    for method in NAIVE:
        if method in methods:
            forecast = naive_forecast(values, freq, horizon, method)
            if forecast is not None:
                out[method] = forecast
    if REGRESSION in methods:
        regression = Forecaster(freq, horizon, holidays).fit(y)
        out[REGRESSION] = regression.predict()
        out |= {own_bound(REGRESSION, b): f for b, f in regression.own_bounds().items()}
    if any(m in methods for m in HOLIDAY_FREE):
        free, factor = holiday_adjusted(y, freq, future_index(y.index, freq, horizon), holidays)
        asked = STATISTICAL if ENSEMBLE in methods else tuple(m for m in STATISTICAL if m in methods)
        stats = statistical_forecasts(free.to_numpy(float), freq, horizon, asked, forms)
        stats = {m: f * factor for m, f in stats.items()}
        out |= {m: f for m, f in stats.items() if m.split(OWN)[0] in methods}
        if ENSEMBLE in methods:
            out |= combined(stats, STATISTICAL, ENSEMBLE)
    out |= summed
    if (values >= 0).all():  # a sales series does not go negative; models on a raw scale can
        out = {m: np.clip(f, 0, None) for m, f in out.items()}
    return out
