"""Sales and demand forecasts: a period series from DuckDB, a direct multi-horizon regression,
a rolling-origin backtest against naive baselines, and intervals from backtest residuals.

Every forecast is shown with its honest accuracy: the backtest refits each method on the
history before an origin only, scores it on the periods after, and the forecast the analyst
gets comes from the backtest winner — a model that does not beat a naive rule says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from crm_core.errors import CrmError
from crm_core.workspace import store
from crm_core.workspace.transactions import transaction_view

FREQS: dict[str, tuple[str, str, int]] = {"D": ("day", "1 DAY", 7), "W": ("week", "1 WEEK", 52),
                                         "M": ("month", "1 MONTH", 12)}
"""freq → (DuckDB date_trunc unit, grid step, season length for the seasonal-naive baseline)."""

WINDOWS: dict[str, tuple[int, int]] = {"D": (7, 28), "W": (4, 13), "M": (3, 12)}
FOURIER: dict[str, int] = {"D": 4, "W": 10, "M": 0}
"""Yearly Fourier pairs: weekly retail needs sharp holiday peaks (10 pairs won the backtests on
the sample and on store × department weekly sales); months use month dummies instead."""
TOTAL = "(total)"
MODEL, LAST, SEASONAL = "model", "last_value", "seasonal_naive"
ALPHAS = np.logspace(-3, 3, 13)


# --------------------------------------------------------------------------- the series

@dataclass(frozen=True)
class SeriesSet:
    """Regular period series (missing periods are zeros), the total first, then each group."""

    freq: str
    target: str
    series: dict[str, pd.Series]
    notes: tuple[str, ...] = ()


def _measure(view, value_col: str | None) -> tuple[str, str]:
    """The aggregate and its name: revenue, else units, else orders."""
    if value_col or view.has_amount:
        return "sum(amount)", value_col or ("revenue" if view.amount_source else "value")
    if view.has_quantity:
        return "sum(quantity)", "units"
    if view.has_order_id:
        return "count(DISTINCT order_id)", "orders"
    return "count(*)", "rows"


def _period_sql(view_sql: str, unit: str, step: str, measure: str, grouped: bool) -> str:
    """Sum per period (and group) in DuckDB, with a zero for every period nobody bought in."""
    grp = "grp" if grouped else "CAST(NULL AS VARCHAR)"
    return f"""
        WITH r AS (SELECT CAST(date_trunc('{unit}', ts) AS DATE) AS period, {grp} AS grp,
                          {measure} AS value
                   FROM ({view_sql}) WHERE ts IS NOT NULL GROUP BY ALL),
        span AS (SELECT min(period) AS lo, max(period) AS hi FROM r),
        grid AS (SELECT CAST(p.period AS DATE) AS period, g.grp
                 FROM span, generate_series(span.lo, span.hi, INTERVAL {step}) AS p(period),
                      (SELECT DISTINCT grp FROM r) AS g)
        SELECT grid.period, grid.grp, coalesce(r.value, 0) AS value
        FROM grid LEFT JOIN r ON r.period = grid.period AND r.grp IS NOT DISTINCT FROM grid.grp
        ORDER BY grid.grp, grid.period"""


def _date_span(con, view_sql: str) -> tuple[pd.Timestamp, pd.Timestamp, float]:
    """First and last day and the usual gap (days) between distinct dates in the data."""
    row = con.execute(
        f"""WITH d AS (SELECT DISTINCT CAST(ts AS DATE) AS d FROM ({view_sql}) WHERE ts IS NOT NULL)
            SELECT min(d), max(d), median(gap) FROM
            (SELECT d, d - lag(d) OVER (ORDER BY d) AS gap FROM d)"""
    ).fetchone()
    if row[0] is None:
        return None, None, 1.0
    return pd.Timestamp(row[0]), pd.Timestamp(row[1]), float(row[2] or 1)


def _period_offset(freq: str):
    return {"D": pd.offsets.Day(1), "W": pd.offsets.Week(1), "M": pd.offsets.MonthBegin(1)}[freq]


def _trim_partial(y: pd.Series, freq: str, first: pd.Timestamp, last: pd.Timestamp,
                  gap: float) -> tuple[pd.Series, list[str]]:
    """Drop a first or last period the data covers only in part (it would look like a slump).

    A period counts as partial when at least one of the data's usual date steps is missing
    at its edge, so weekly data dated on Fridays keeps its last week.
    """
    notes = []
    if len(y) > 3 and (last + pd.Timedelta(days=1) - (y.index[-1] + _period_offset(freq))).days <= -gap:
        notes.append(f"left out the last period {y.index[-1].date()} (data end on {last.date()})")
        y = y.iloc[:-1]
    if len(y) > 3 and (first - y.index[0]).days >= gap:
        notes.append(f"left out the first period {y.index[0].date()} (data start on {first.date()})")
        y = y.iloc[1:]
    return y, notes


def load_series(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], freq: str = "W",
                value_col: str | None = None, by: str | None = None,
                max_groups: int = 12) -> SeriesSet:
    """The total series (and one per value of ``by``, largest first) summed per period."""
    if freq not in FREQS:
        raise CrmError(f"Unknown frequency '{freq}': use D (day), W (week) or M (month).")
    columns = [c for c, _ in store.columns_of(con, table)]
    for name, column in (("--value-col", value_col), ("--by", by)):
        if column and column not in columns:
            raise CrmError(f"Table '{table}' has no column '{column}' ({name}); columns are: "
                           + ", ".join(columns[:40]))
    roles = {**roles, "amount": value_col} if value_col else roles
    view = transaction_view(con, table, roles, need_customer=False, group_col=by)
    measure, target = _measure(view, value_col)
    first, last, gap = _date_span(con, view.sql)
    if first is None:
        raise CrmError(f"Table '{table}' has no readable dates in column '{roles.get('date')}'.")
    unit, step, _ = FREQS[freq]
    notes: list[str] = []
    series = {TOTAL: _fetch(con, _period_sql(view.sql, unit, step, measure, False))}
    if by:
        frame = con.execute(_period_sql(view.sql, unit, step, measure, True)).df()
        frame["grp"] = frame["grp"].fillna("(blank)")
        sizes = frame.groupby("grp")["value"].apply(lambda v: v.abs().sum()).sort_values(ascending=False)
        if len(sizes) > max_groups:
            notes.append(f"{len(sizes) - max_groups} smaller values of '{by}' are only in the total")
        for name in sizes.index[:max_groups]:
            part = frame[frame["grp"] == name]
            series[str(name)] = pd.Series(part["value"].to_numpy(float), pd.DatetimeIndex(part["period"]))
    trimmed = {}
    for name, y in series.items():
        y = y.asfreq(_period_offset(freq) if freq != "M" else "MS", fill_value=0.0)
        y, dropped = _trim_partial(y, freq, first, last, gap)
        trimmed[name] = y
        if name == TOTAL:
            notes += dropped
    if freq == "D" and gap >= 6:
        notes.append(f"the data has one date every {gap:.0f} days; a weekly or monthly forecast fits better")
    return SeriesSet(freq, target, trimmed, tuple(notes))


def _fetch(con, sql: str) -> pd.Series:
    frame = con.execute(sql).df()
    return pd.Series(frame["value"].to_numpy(float), pd.DatetimeIndex(frame["period"]), name="value")


# --------------------------------------------------------------------------- the model

def _future_index(index: pd.DatetimeIndex, freq: str, steps: int) -> pd.DatetimeIndex:
    return pd.date_range(index[-1], periods=steps + 1, freq="MS" if freq == "M" else _period_offset(freq))[1:]


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
        ends = periods + (_period_offset(freq) if freq != "M" else pd.offsets.MonthBegin(1))
        marked = pd.DatetimeIndex(holidays)
        out["holiday"] = [float(((marked >= s) & (marked < e)).sum()) for s, e in zip(periods, ends,
                                                                                      strict=True)]
    return out


class Forecaster:
    """Direct multi-horizon ridge regression on calendar features and recent history.

    One model per step ahead h: the row for origin t uses only values up to t (last value,
    rolling means, the same period one season before the target when that is not after t)
    and the calendar of the target period t + h. Nothing after the origin is read, so the
    backtest is honest. Values are modelled on a log scale when none is negative.
    """

    def __init__(self, freq: str = "W", horizon: int = 8, holidays: Sequence[str] = (),
                 alphas: Sequence[float] = tuple(ALPHAS)) -> None:
        self.freq = freq
        self.horizon = horizon
        self.holidays = holidays
        self.alphas = alphas

    def _scale(self, y: np.ndarray) -> np.ndarray:
        return np.log1p(y) if self.log_ else y

    def _unscale(self, z: np.ndarray) -> np.ndarray:
        return np.expm1(z) if self.log_ else z

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
        z = self._scale(values)
        self.index_, self.z_ = y.index, z
        season = FREQS[self.freq][2]
        future = _future_index(y.index, self.freq, self.horizon)
        everything = y.index.append(future)
        holidays = [pd.Timestamp(d) for d in self.holidays]
        self.calendar_ = calendar_features(everything, self.freq, len(y) >= season, holidays)
        first = min(WINDOWS[self.freq][0] - 1, max(len(z) - self.horizon - 4, 0))
        self.models_ = []
        for h in range(1, self.horizon + 1):
            origins = np.arange(first, len(z) - h)
            if len(origins) < 4:
                raise CrmError(f"Too little history to forecast {self.horizon} periods ahead: "
                               f"{len(z)} periods; shorten the horizon or use a finer frequency.")
            x = self._design(z, origins, h)
            self.models_.append(_ridge(self.alphas).fit(x, z[origins + h]))
        return self

    def predict(self) -> np.ndarray:
        """The next ``horizon`` values after the fitted history."""
        if not hasattr(self, "models_"):
            raise NotFittedError("Call fit() before predict().")
        origin = np.array([len(self.z_) - 1])
        z = [float(m.predict(self._design(self.z_, origin, h))[0])
             for h, m in enumerate(self.models_, start=1)]
        return self._unscale(np.array(z))


def _ridge(alphas):
    return make_pipeline(StandardScaler(), RidgeCV(alphas=alphas))


def baseline(y: pd.Series, freq: str, horizon: int, method: str) -> np.ndarray | None:
    """Last value repeated, or the same period one season earlier (None without a season)."""
    values = y.to_numpy(float)
    if method == LAST:
        return np.repeat(values[-1], horizon)
    season = FREQS[freq][2]
    steps = np.arange(1, horizon + 1)
    back = len(values) - 1 + steps - season * np.ceil(steps / season).astype(int)
    return values[back] if (back >= 0).all() else None


# --------------------------------------------------------------------------- the backtest

def error_metrics(actual: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """MAE, MAPE (over non-zero actuals), sMAPE and bias (mean forecast − actual), in %."""
    err = predicted - actual
    nonzero = actual != 0
    denom = np.abs(actual) + np.abs(predicted)
    smape = np.where(denom > 0, 2 * np.abs(err) / np.where(denom > 0, denom, 1), 0.0)
    mape = float(np.mean(np.abs(err[nonzero]) / np.abs(actual[nonzero])) * 100) if nonzero.any() else None
    return {"mae": float(np.mean(np.abs(err))), "mape": mape, "smape": float(np.mean(smape) * 100),
            "bias": float(np.mean(err)), "n": int(len(actual))}


def _min_train(freq: str, horizon: int) -> int:
    return max(2 * WINDOWS[freq][0] + horizon + 4, 12)


def backtest_origins(n: int, freq: str, horizon: int, folds: int) -> list[int]:
    """Origins (training lengths) of the last ``folds`` non-overlapping horizons that leave enough
    history to train on; the most recent last."""
    origins = [n - k * horizon for k in range(folds, 0, -1)]
    usable = [o for o in origins if o >= _min_train(freq, horizon)]
    if not usable:
        raise CrmError(f"Too little history for a backtest: {n} periods, and a {horizon}-period "
                       f"horizon needs at least {_min_train(freq, horizon) + horizon}; "
                       "shorten the horizon or use a finer frequency.")
    return usable


def run_backtest(y: pd.Series, freq: str, horizon: int, folds: int = 4,
                 holidays: Sequence[str] = ()) -> pd.DataFrame:
    """One row per (origin, step): the actual and each method's forecast from that origin.

    Each method sees ``y[:origin]`` only; a baseline without a full season of history at
    the first origin is left out of every fold, so all methods are scored on the same rows.
    """
    origins = backtest_origins(len(y), freq, horizon, folds)
    seasonal_ok = baseline(y.iloc[:origins[0]], freq, horizon, SEASONAL) is not None
    rows = []
    for origin in origins:
        train, test = y.iloc[:origin], y.iloc[origin:origin + horizon]
        fold = pd.DataFrame({"origin": train.index[-1], "period": test.index,
                             "step": np.arange(1, len(test) + 1), "actual": test.to_numpy(float)})
        fold[MODEL] = Forecaster(freq, horizon, holidays).fit(train).predict()[:len(test)]
        fold[LAST] = baseline(train, freq, horizon, LAST)[:len(test)]
        if seasonal_ok:
            fold[SEASONAL] = baseline(train, freq, horizon, SEASONAL)[:len(test)]
        rows.append(fold)
    return pd.concat(rows, ignore_index=True)


def methods_of(fits: pd.DataFrame) -> list[str]:
    return [m for m in (MODEL, LAST, SEASONAL) if m in fits.columns]


def score_backtest(fits: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Error metrics for every method on the same backtest rows."""
    actual = fits["actual"].to_numpy(float)
    return {m: error_metrics(actual, fits[m].to_numpy(float)) for m in methods_of(fits)}


GRADES = ((0.25, "strong"), (0.05, "better"), (-0.05, "on_par"))


def grade(metrics: dict[str, dict[str, float]]) -> tuple[str, str, float]:
    """(winner, grade, skill): skill = 1 − model MAE / best baseline MAE."""
    winner = min(metrics, key=lambda m: metrics[m]["mae"])
    best_base = min((metrics[m]["mae"] for m in metrics if m != MODEL), default=float("nan"))
    skill = 1 - metrics[MODEL]["mae"] / best_base if best_base > 0 else 0.0
    label = next((name for cut, name in GRADES if skill >= cut), "worse")
    return winner, label, float(skill)


def residual_band(fits: pd.DataFrame, method: str, coverage: float, log: bool) -> tuple[float, float]:
    """Lower and upper residual quantiles of a method in the backtest (log scale when positive)."""
    f = np.clip(fits[method].to_numpy(float), 0, None) if log else fits[method].to_numpy(float)
    a = fits["actual"].to_numpy(float)
    resid = np.log1p(a) - np.log1p(f) if log else a - f
    tail = (1 - coverage) / 2
    return float(np.quantile(resid, tail)), float(np.quantile(resid, 1 - tail))


def apply_band(forecast: np.ndarray, band: tuple[float, float], log: bool) -> tuple[np.ndarray, np.ndarray]:
    if log:
        base = np.log1p(np.clip(forecast, 0, None))
        return np.expm1(base + band[0]), np.expm1(base + band[1])
    return forecast + band[0], forecast + band[1]


# --------------------------------------------------------------------------- one run

@dataclass
class SeriesForecast:
    """Everything the analyst sees for one series: history, backtest and forecast."""

    group: str
    history: pd.Series
    fits: pd.DataFrame
    metrics: dict[str, dict[str, float]]
    winner: str
    grade: str
    skill: float
    forecast: pd.DataFrame


@dataclass
class ForecastRun:
    freq: str
    horizon: int
    coverage: float
    target: str
    results: list[SeriesForecast]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def total(self) -> SeriesForecast:
        return self.results[0]


def forecast_series(y: pd.Series, freq: str, horizon: int, coverage: float = 0.8, folds: int = 4,
                    holidays: Sequence[str] = (), group: str = TOTAL) -> SeriesForecast:
    """Backtest every method, then forecast with the winner and its residual interval."""
    if len(y) and not np.isfinite(y.to_numpy(float)).all():
        raise CrmError("The series has values that are not numbers.")
    with threadpool_limits(limits=1):  # tiny matrices: threads only add contention
        return _forecast_series(y, freq, horizon, coverage, folds, holidays, group)


def _forecast_series(y, freq, horizon, coverage, folds, holidays, group) -> SeriesForecast:
    fits = run_backtest(y, freq, horizon, folds, holidays)
    metrics = score_backtest(fits)
    winner, label, skill = grade(metrics)
    if winner == MODEL:
        point = Forecaster(freq, horizon, holidays).fit(y).predict()
    else:
        point = baseline(y, freq, horizon, winner)
    log = bool((y.to_numpy(float) >= 0).all())
    lower, upper = apply_band(point, residual_band(fits, winner, coverage, log), log)
    frame = pd.DataFrame({"period": _future_index(y.index, freq, horizon), "forecast": point,
                          "lower": np.minimum(lower, point), "upper": np.maximum(upper, point),
                          "method": winner})
    return SeriesForecast(group, y, fits, metrics, winner, label, skill, frame)


def run_forecast(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], freq: str = "W",
                 horizon: int = 8, value_col: str | None = None, by: str | None = None,
                 coverage: float = 0.8, folds: int = 4, holidays: Sequence[str] = ()) -> ForecastRun:
    """Aggregate ``table`` per period in DuckDB and forecast the total (and each ``by`` group)."""
    if horizon < 1:
        raise CrmError("The horizon must be at least 1 period.")
    if not 0.5 <= coverage < 1:
        raise CrmError("The interval coverage must be between 0.5 and 0.99.")
    series = load_series(con, table, roles, freq, value_col, by)
    results = []
    notes = list(series.notes)
    for name, y in series.series.items():
        try:
            results.append(forecast_series(y, freq, horizon, coverage, folds, holidays, name))
        except CrmError as exc:
            if name == TOTAL:
                raise CrmError(f"Table '{table}': {exc}") from exc
            notes.append(f"'{name}' not forecast: {exc}")
    return ForecastRun(freq, horizon, coverage, series.target, results, tuple(notes))


# --------------------------------------------------------------------------- outputs

def forecast_table(run: ForecastRun, by: str | None = None) -> pd.DataFrame:
    """``forecast.csv``: period, forecast, lower, upper (and the group column when split)."""
    parts = []
    for result in run.results:
        part = result.forecast.drop(columns="method").copy()
        part["period"] = part["period"].dt.date
        if by:
            part.insert(0, by, result.group)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def backtest_table(result: SeriesForecast) -> pd.DataFrame:
    """One row per method with its errors, best first, marking the winner."""
    rows = [{"method": m, **v, "winner": m == result.winner} for m, v in result.metrics.items()]
    return pd.DataFrame(rows).sort_values("mae", ignore_index=True)


def backtest_payload(run: ForecastRun) -> dict:
    """``backtest.json``: settings, per-series metrics, winner, grade and every backtest row."""
    return {
        "freq": run.freq, "horizon": run.horizon, "coverage": run.coverage, "target": run.target,
        "notes": list(run.notes),
        "series": [{
            "group": r.group, "periods": len(r.history), "metrics": r.metrics, "winner": r.winner,
            "grade": r.grade, "skill_vs_best_baseline": r.skill,
            "origins": sorted({str(o.date()) for o in r.fits["origin"]}),
            "fits": r.fits.assign(origin=r.fits["origin"].dt.date.astype(str),
                                  period=r.fits["period"].dt.date.astype(str)).to_dict("records"),
        } for r in run.results],
    }


def summary(run: ForecastRun) -> dict:
    """The CLI's last line: the total series' backtest errors for the model and the baselines."""
    total = run.total
    m = total.metrics
    out = {"mape": m[MODEL]["mape"], "mae": m[MODEL]["mae"], "smape": m[MODEL]["smape"],
           "naive_mape": m[LAST]["mape"], "naive_mae": m[LAST]["mae"]}
    if SEASONAL in m:
        out |= {"seasonal_naive_mape": m[SEASONAL]["mape"], "seasonal_naive_mae": m[SEASONAL]["mae"]}
    return out | {"winner": total.winner, "grade": total.grade, "skill": round(total.skill, 4),
                  "target": run.target, "freq": run.freq, "horizon": run.horizon,
                  "periods": len(total.history), "series": len(run.results)}
