"""Rolling-origin backtest: every candidate refit on the history before each origin and scored
on the horizon after it, on MASE (so series of any size compare), with intervals calibrated on
the backtest's own errors (the model's own band scaled, or conformal bands of the residuals) whose
coverage is itself measured out of time (each origin's band calibrated on the origins before it).

The choice is conservative, as the forecast-combination literature (M3, M4) advises: the mean
of the statistical models is kept unless another candidate's lead over it, paired origin by
origin, exceeds ``LEAD_NOISE`` times its own noise (standard error across origins), so a
candidate that won a few holiday origins by a wide margin does not take over."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.forecast.calendar import Holidays
from crm_core.forecast.candidates import (
    ENSEMBLE,
    LAST,
    OWN,
    SEASONAL,
    STATISTICAL,
    WINDOWS,
    candidate_forecasts,
    own_bound,
    season_lengths,
    selected_forms,
)
from crm_core.forecast.series import FREQS
from crm_core.i18n import Sentence

LEVELS = (0.8, 0.95)
HALF_LIFE = 4
"""An origin this many horizons older than the latest counts half as much in the ranking."""
LEAD_NOISE = 1.5
"""A challenger's mean per-origin MASE lead over the default must exceed this many standard
errors of that lead (a one-sided paired t at about 90% with 8 origins). Chosen on 46 validation
windows among 1, 1.5, 2 and 3 (docs/forecast.md); it replaced a 5% margin + won at 2/3 of the
origins, which took leads of one or two lucky origins on long weekly series (M4, bike weeks)."""
MIN_ORIGINS = 3
"""Below this many origins a lead's noise cannot be measured: the default is kept."""


def min_train(freq: str, horizon: int) -> int:
    return max(2 * WINDOWS[freq][0] + horizon + 4, 12)


def backtest_origins(n: int, freq: str, horizon: int, folds: int) -> list[int]:
    """Origins (training lengths) of the last ``folds`` non-overlapping horizons that leave enough
    history to train on; the most recent last.

    Origins whose history is too short for what the final fit uses (a yearly season needs two
    years, the seasonal naive rule one) are dropped when any origin has it: they would judge
    other models than the ones the analyst gets (with fewer than ``MIN_ORIGINS`` left, the
    default is kept).
    """
    origins = [n - k * horizon for k in range(folds, 0, -1)]
    usable = [o for o in origins if o >= min_train(freq, horizon)]
    if not usable:
        raise CrmError(short_history(n, freq, horizon))
    season = FREQS[freq][2]
    for alike in ([o for o in usable if season_lengths(freq, o) == season_lengths(freq, n)],
                  [o for o in usable if o >= season]):
        if alike:
            return alike
    return usable


def longest_checked(n: int, freq: str) -> int:
    """The longest horizon ``n`` periods can be backtested at (0: not even one period ahead)."""
    return max((h for h in range(1, n) if n - h >= min_train(freq, h)), default=0)


def periods(count: int, freq: str) -> Sentence:
    """``count`` periods in the frequency's own unit: "5 years", not "5 periods"."""
    return Sentence(f"forecast.span.{freq}", count=count)


def short_history(n: int, freq: str, horizon: int) -> Sentence:
    """The refusal of a history too short to check ``horizon`` periods ahead, naming what would
    work: the longest horizon it can check, or the history one period ahead needs. "Shorten the
    horizon or use a finer period" told five yearly dates to do what could not help."""
    most = longest_checked(n, freq)
    if most:
        return Sentence("forecast.error.short_backtest", n=periods(n, freq), horizon=periods(horizon, freq),
                        need=periods(min_train(freq, horizon) + horizon, freq), most=periods(most, freq),
                        count=most)
    return Sentence("forecast.error.short_backtest_one", n=periods(n, freq), one=periods(1, freq),
                    need=periods(min_train(freq, 1) + 1, freq))


def scale_rule(n: int, freq: str) -> str:
    """The naive rule MASE is measured against on ``n`` periods of history: the same period last
    season with more than two seasons, else the last value (51 weeks hold no season to repeat;
    years have none)."""
    season = FREQS[freq][2]
    return SEASONAL if season > 1 and n > 2 * season else LAST


def mase_scale(values: np.ndarray, freq: str) -> float:
    """Mean absolute change from one season to the next in the history (one period without a
    full season, see ``scale_rule``): the in-sample error of that naive rule, MASE's denominator."""
    lag = FREQS[freq][2] if scale_rule(len(values), freq) == SEASONAL else 1
    diffs = np.abs(values[lag:] - values[:-lag])
    scale = float(np.mean(diffs)) if len(diffs) else 0.0
    return scale if scale > 0 else float(np.mean(np.abs(values)) or 1.0)


def run_backtest(y: pd.Series, closed: np.ndarray, freq: str, horizon: int, folds: int,
                 holidays: Holidays, methods: Sequence[str],
                 days: pd.Series | None = None, history: int | None = None) -> pd.DataFrame:
    """One row per (origin, step): the actual, whether it was closed, each candidate's forecast.

    Each candidate sees ``y[:origin]`` only (``days``, the daily log, up to the same date; the
    models fit its last ``history`` periods, ``candidate_forecasts``). On days, ETS and Theta
    select their form at the first origin and re-estimate that form at the later ones
    (``selected_forms``; the final forecast selects afresh): a tenth of ETS's cost and a third of
    Theta's on four years of days, the same choices on SID's validation windows. Weeks select at
    every origin: their fits are cheap, and fixed forms changed a Walmart validation window's
    choice (Theta 7.26% → the mean 7.45%). One
    that cannot forecast from the first origin (a seasonal rule without a season) is left out
    everywhere, so all are scored on the same rows.
    """
    origins = backtest_origins(len(y), freq, horizon, folds)
    values = y.to_numpy(float)
    rows = [np.arange(o, min(o + horizon, len(y))) for o in origins]
    once = freq == "D" and {*STATISTICAL, ENSEMBLE} & {*methods}
    forms = selected_forms(y.iloc[:origins[0]], freq, history) if once else {}
    found = [candidate_forecasts(y.iloc[:o], freq, horizon, holidays, methods, days, history, forms)
             for o in origins]
    shared = [m for m in found[0] if all(m in f and np.isfinite(f[m]).all() for f in found)]
    at = np.concatenate(rows)
    fits = pd.DataFrame({"origin": np.repeat(y.index[np.array(origins) - 1], [len(r) for r in rows]),
                         "period": y.index[at], "step": np.concatenate([r - r[0] + 1 for r in rows]),
                         "actual": values[at], "closed": closed[at]})
    for method in shared:
        fits[method] = np.concatenate([f[method][:len(r)] for f, r in zip(found, rows, strict=True)])
    return fits


def methods_of(fits: pd.DataFrame) -> list[str]:
    fixed = ("origin", "period", "step", "actual", "closed")
    return [c for c in fits.columns if c not in fixed and OWN not in c]  # own bounds ride along


def error_metrics(actual: np.ndarray, predicted: np.ndarray, scale: float = 1.0) -> dict[str, float]:
    """MAE, MASE (MAE / ``scale``), MAPE (over non-zero actuals), sMAPE and bias, in %."""
    err = predicted - actual
    nonzero = actual != 0
    denom = np.abs(actual) + np.abs(predicted)
    smape = np.where(denom > 0, 2 * np.abs(err) / np.where(denom > 0, denom, 1), 0.0)
    mape = float(np.mean(np.abs(err[nonzero]) / np.abs(actual[nonzero])) * 100) if nonzero.any() else None
    mae = float(np.mean(np.abs(err)))
    return {"mase": mae / scale, "mae": mae, "mape": mape, "smape": float(np.mean(smape) * 100),
            "bias": float(np.mean(err)), "n": int(len(actual))}


def origin_mase(fits: pd.DataFrame, scale: float) -> pd.DataFrame:
    """MASE of every candidate at every origin (open periods only), oldest origin first. Summed
    in numpy: a pandas group-by per series was a tenth of a 500-part split's bookkeeping."""
    keep, methods = ~fits["closed"].to_numpy(bool), methods_of(fits)
    errors = np.abs(fits[methods].to_numpy(float)[keep] - fits["actual"].to_numpy(float)[keep, None])
    origins, row = np.unique(fits["origin"].to_numpy()[keep], return_inverse=True)
    seen = np.isfinite(errors)  # a missing forecast is left out, as pandas' mean does
    sums, counts = np.zeros((len(origins), len(methods))), np.zeros((len(origins), len(methods)))
    np.add.at(sums, row, np.where(seen, errors, 0.0))
    np.add.at(counts, row, seen)
    mean = np.divide(sums, counts, out=np.full_like(sums, np.nan), where=counts > 0)
    return pd.DataFrame(mean / scale, pd.Index(origins, name="origin"), methods)


def recency_weights(n: int) -> np.ndarray:
    """Weights of ``n`` origins, oldest first, halving every ``HALF_LIFE`` origins back."""
    weights = 0.5 ** (np.arange(n)[::-1] / HALF_LIFE)
    return weights / weights.sum()


def recent_mase(per_origin: pd.DataFrame) -> pd.Series:
    """Each candidate's recency-weighted mean of its per-origin MASE, lowest first."""
    weights = recency_weights(len(per_origin))
    return pd.Series(weights @ per_origin.to_numpy(float), per_origin.columns).sort_values()


def score_backtest(fits: pd.DataFrame, scale: float) -> dict[str, dict[str, float]]:
    """Error metrics for every candidate on the same open-period rows, plus ``recent_mase``,
    best recent MASE first."""
    open_rows = fits[~fits["closed"]]
    actual = open_rows["actual"].to_numpy(float)
    return {m: {**error_metrics(actual, open_rows[m].to_numpy(float), scale), "recent_mase": float(r)}
            for m, r in recent_mase(origin_mase(fits, scale)).items()}


def paired_lead(per_origin: pd.DataFrame, default: str) -> pd.Series:
    """Each candidate's mean per-origin MASE lead over ``default`` in standard errors of that
    lead (paired across origins: the origins' shared difficulty cancels); 0 with no lead."""
    lead = per_origin.rsub(per_origin[default], axis=0)  # > 0: the candidate erred less there
    mean, noise = lead.mean(), lead.std(ddof=1) / np.sqrt(len(lead))
    ratio = np.divide(mean, noise, out=np.where(mean > 0, np.inf, 0.0), where=noise.to_numpy() > 0)
    return pd.Series(np.where(mean > 0, ratio, 0.0), per_origin.columns)


def choose(fits: pd.DataFrame, scale: float, default: str | None) -> str:
    """The candidate to forecast with: ``default`` unless another one's lead over it exceeds
    ``LEAD_NOISE`` times its own noise across origins (``paired_lead``; the lowest recent MASE
    of those); without a default present, the lowest recent MASE. Picking the backtest's lowest
    error chases noise: with 8 origins a bootstrap of the origins repeated a non-default choice
    in 65% of resamples on the validation windows."""
    per_origin = origin_mase(fits, scale)
    recent = recent_mase(per_origin)
    if default not in recent.index:
        return str(recent.index[0])
    if len(per_origin) < MIN_ORIGINS:
        return default
    clear = recent[paired_lead(per_origin, default)[recent.index] > LEAD_NOISE]
    return str(clear.index[0]) if len(clear) else default


def _residuals(actual: np.ndarray, forecast: np.ndarray, log: bool) -> np.ndarray:
    if log:
        return np.log1p(np.clip(actual, 0, None)) - np.log1p(np.clip(forecast, 0, None))
    return actual - forecast


def step_scale(resid: np.ndarray, steps: np.ndarray, horizon: int) -> np.ndarray:
    """Typical residual size at each step ahead (1 … ``horizon``): a least-squares line through
    the per-step root mean squares, not falling with the step (uncertainty does not shrink
    further ahead) nor below the smallest of them, so a few origins give a steady shape. A step
    needs two residuals (origins) to count; with fewer, one size for every step."""
    ahead = np.arange(1, horizon + 1)
    count = np.bincount(steps, minlength=horizon + 1)[1:horizon + 1]  # one pass, not one per step:
    squares = np.bincount(steps, resid ** 2, minlength=horizon + 1)[1:horizon + 1]  # 500 parts × 28 days
    rms = np.where(count > 1, np.sqrt(squares / np.maximum(count, 1)), np.nan)
    seen = np.isfinite(rms)
    flat = np.full(horizon, max(np.sqrt(np.mean(resid ** 2)), 1e-12))
    if seen.sum() < 2:
        return flat
    slope, intercept = np.polyfit(ahead[seen], rms[seen], 1)
    line = flat if slope < 0 else intercept + slope * ahead
    return np.maximum(line, max(rms[seen].min(), 1e-12))


def score_quantile(scores: np.ndarray, p: float) -> float:
    """The ``p`` quantile of the scores, the k-th smallest standing at k / (n + 1) (the split-
    conformal rank, interpolated so that a higher level is always wider). Beyond the extremes
    the tail goes on as a normal with the scores' spread: a few origins hold no 95% tail, and
    capping at the largest residual gave the 80% and 95% bands one bound (pizza orders weekly)."""
    n = len(scores)
    if not n:
        return 0.0
    spread = float(np.std(scores, ddof=1)) if n > 1 else abs(float(scores[0]))
    edge = n / (n + 1)
    if p > edge:
        return float(np.max(scores)) + (NormalDist().inv_cdf(p) - NormalDist().inv_cdf(edge)) * spread
    if p < 1 - edge:
        return float(np.min(scores)) - (NormalDist().inv_cdf(1 - edge) - NormalDist().inv_cdf(p)) * spread
    return float(np.quantile(scores, p, method="weibull"))


def recent_quantile(scores: np.ndarray, origin: np.ndarray, p: float) -> float:
    """The ``p`` quantile of the scores with each weighted by its origin's recency (halving every
    ``HALF_LIFE`` origins back; the period ahead weighs as much as the latest: weighted conformal,
    Barber et al. 2023). A factor set as much by old origins as by recent ones misses after a
    recent change: on 46 validation windows, 5 bands held under 70% of the next horizon with
    equal weights, 3 with these. Beyond reach, ``score_quantile``'s tail."""
    ordered = np.unique(origin)
    per_origin = recency_weights(len(ordered))
    weights = per_origin[np.searchsorted(ordered, origin)] / per_origin[-1]  # the latest weighs 1
    order = np.argsort(scores)
    reached = np.flatnonzero(np.cumsum(weights[order]) / (weights.sum() + 1.0) >= p)
    return float(scores[order][reached[0]]) if len(reached) else score_quantile(scores, p)


def band(actual: np.ndarray, forecast: np.ndarray, steps: np.ndarray, level: float, log: bool,
         horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Normalised split-conformal bounds for each step ahead: the ``level`` quantile of the
    residuals' size divided by their step's typical size, times that size (log scale for sales,
    so bands widen with the level). Errors grow with the step ahead; pooling them all would leave
    the last steps short. Symmetric: a backtest's errors move together within an origin, so with
    3–8 origins each 10% tail of signed errors rested on one or two origins and fell on whichever
    side they happened to miss (46 validation windows: 3 bands under 70% of the next horizon with
    a quantile per side, 1 with both sides pooled, and narrower: docs/forecast.md)."""
    resid = _residuals(actual, forecast, log)
    scale = step_scale(resid, steps, horizon)
    reach = score_quantile(np.abs(resid) / scale[steps - 1], level) * scale
    return -reach, reach


def own_band(found, method: str, level: float) -> tuple[np.ndarray, np.ndarray] | None:
    """``method``'s own interval at ``level`` from a forecast dict or backtest frame, if it has one."""
    keys = [own_bound(method, f"{side}{round(level * 100)}") for side in ("lo", "hi")]
    if not all(k in found for k in keys):
        return None
    return np.asarray(found[keys[0]], float), np.asarray(found[keys[1]], float)


def apply_band(forecast: np.ndarray, bounds: tuple[np.ndarray, np.ndarray], steps: np.ndarray, log: bool,
               floor: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The conformal band (``bounds`` per step ahead) around ``forecast`` at ``steps``, at least
    as wide as the model's own (``floor``) when it states one."""
    low, high = bounds[0][steps - 1], bounds[1][steps - 1]
    if log:
        base = np.log1p(np.clip(forecast, 0, None))
        lower, upper = np.expm1(base + low), np.expm1(base + high)
    else:
        lower, upper = forecast + low, forecast + high
    if floor is not None:
        lower, upper = np.fmin(lower, floor[0]), np.fmax(upper, floor[1])
    return np.minimum(lower, forecast), np.maximum(upper, forecast)


def held_out_inside(fits: pd.DataFrame, method: str, level: float, log: bool,
                     floor_level: float | None = None) -> np.ndarray:
    """For each open backtest period: 1 if it fell inside the band calibrated on the origins
    *before* its own only, 0 if not, NaN at the first origin (nothing before it). Out of time,
    as the final band is used: an origin's band never sees the errors of later origins, so a
    noise that grows, or a recent shift, shows as a miss here instead of being averaged in
    (floored by the model's own band at ``floor_level``, by default ``level``). One earlier
    origin is enough: its residuals give one size for every step (``step_scale``) and the
    finite-sample quantile's tail (``score_quantile``)."""
    keep = ~fits["closed"].to_numpy(bool)
    origin = fits["origin"].to_numpy()[keep]
    actual, forecast = fits["actual"].to_numpy(float)[keep], fits[method].to_numpy(float)[keep]
    steps = fits["step"].to_numpy(int)[keep]
    own = own_band(fits, method, floor_level or level)
    inside = np.full(len(actual), np.nan)
    for held in np.unique(origin)[1:]:
        test, past = origin == held, origin < held
        floor = None if own is None else (own[0][keep][test], own[1][keep][test])
        bounds = band(actual[past], forecast[past], steps[past], level, log, steps.max())
        lower, upper = apply_band(forecast[test], bounds, steps[test], log, floor)
        inside[test] = (actual[test] >= lower) & (actual[test] <= upper)
    return inside


def measured_coverage(fits: pd.DataFrame, method: str, level: float, log: bool,
                      floor_level: float | None = None) -> float | None:
    """Share of open backtest periods inside a band calibrated on the origins before their own
    (``held_out_inside``); None with a single origin."""
    inside = held_out_inside(fits, method, level, log, floor_level)
    scored = inside[np.isfinite(inside)]
    return float(scored.mean()) if len(scored) else None


def held_out_periods(fits: pd.DataFrame, method: str) -> int:
    """How many open backtest periods a measured coverage is a share of (those after the first
    origin, with an actual and a forecast): "87.5%" alone hid that it was 14 of 16 weeks."""
    later = fits["origin"] > fits["origin"].min()
    known = np.isfinite(fits["actual"].to_numpy(float)) & np.isfinite(fits[method].to_numpy(float))
    return int((later & ~fits["closed"].astype(bool) & known).sum())


def widest_nominal(level: float) -> float:
    """How far a band may be widened: to a tenth of its stated miss rate (80% → 98%, 95% → 99.5%),
    so a wider level always has room above a narrower one."""
    return round(1 - (1 - level) / 10, 4)


def calibrated_level(fits: pd.DataFrame, method: str, level: float, log: bool,
                     below: float = 0.0) -> tuple[float, float | None]:
    """The nominal level to build the conformal band at, and the coverage measured with it:
    when bands calibrated on the other origins held less than ``level`` of the time, the band
    is widened (the nominal level raised in steps of 2.5 points, up to ``widest_nominal``) until
    they would have held. It starts above ``below`` (the nominal of the narrower level already
    built), so the 95% band always holds the 80% one. The model's own band at ``level`` stays
    the floor throughout."""
    top = widest_nominal(level)
    nominal = min(max(level, round(below + 0.025, 4)), top)
    measured = measured_coverage(fits, method, nominal, log, floor_level=level)
    while measured is not None and measured < level and nominal < top:
        nominal = min(round(nominal + 0.025, 4), top)
        measured = measured_coverage(fits, method, nominal, log, floor_level=level)
    return nominal, measured


def own_scores(fits: pd.DataFrame, method: str, level: float) -> tuple[np.ndarray, np.ndarray] | None:
    """How far each open backtest actual fell from ``method``'s forecast, in half-widths of its
    own band on that side (1 or less: inside), with the origin of each; None without own bounds."""
    own = own_band(fits, method, level)
    if own is None:
        return None
    keep = ~fits["closed"].to_numpy(bool)
    actual, forecast = fits["actual"].to_numpy(float)[keep], fits[method].to_numpy(float)[keep]
    half = np.where(actual >= forecast, own[1][keep] - forecast, forecast - own[0][keep])
    scores = np.abs(actual - forecast) / np.maximum(half, 1e-9 * np.maximum(np.abs(forecast), 1.0))
    ok = np.isfinite(scores)
    return scores[ok], fits["origin"].to_numpy()[keep][ok]


def own_factor(scores: np.ndarray, origin: np.ndarray, level: float) -> float:
    """The factor on the model's own band that held ``level`` of the backtest, recent origins
    weighing more (``recent_quantile``), never under 1: the backtest only widens a band. The
    chosen model's backtest errors are optimistic (it was chosen for having small ones), and the
    periods ahead hold shifts no origin saw; narrowing to the backtest held 88.7% on validation
    windows but lost the 70% floor on bakery and SID daily test windows (82 → 63%, 89 → 75%)."""
    return max(recent_quantile(scores, origin, level), 1.0)


def agreed_factor(scores: np.ndarray, origin: np.ndarray, level: float) -> float:
    """``own_factor``, except when each of ``MIN_ORIGINS`` or more origins alone would have held
    ``level`` with a narrower band: then narrowed toward the widest of those origins' factors
    (and the pooled one), by less the fewer the origins (shrunk toward 1 as if never narrowing
    were worth ``MIN_ORIGINS`` more origins). Narrowing on the pooled quantile alone lost the 70%
    floor on test windows, where a few calm origins hid one that needed the whole band; a band
    too wide at every origin is the model's overstatement, not luck (docs/forecast.md, fc29)."""
    ordered = np.unique(origin)
    each = [score_quantile(scores[origin == held], level) for held in ordered]
    widest = max(each + [recent_quantile(scores, origin, level)])
    if len(ordered) < MIN_ORIGINS or widest >= 1.0:
        return own_factor(scores, origin, level)
    return 1.0 - (1.0 - widest) * len(ordered) / (len(ordered) + MIN_ORIGINS)


def own_calibration(fits: pd.DataFrame, method: str, level: float) -> tuple[float, float | None] | None:
    """The factor on ``method``'s own band from all backtest origins, and the share of open
    periods its band held when each origin's factor came from the origins before it only."""
    found = own_scores(fits, method, level)
    if found is None or not len(found[0]):
        return None
    scores, origin = found
    ordered = np.unique(origin)
    inside = [scores[origin == held] <= agreed_factor(scores[origin < held], origin[origin < held], level)
              for held in ordered[1:]]
    measured = float(np.concatenate(inside).mean()) if inside else None
    return agreed_factor(scores, origin, level), measured
