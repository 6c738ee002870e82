"""The backtest is honest: no peeking, exact metrics, intervals whose coverage is measured."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.forecast import backtest as B
from crm_core.forecast import candidates as C
from crm_core.forecast.candidates import FULL, NAIVE, REGRESSION

DATA = Path(__file__).resolve().parents[1] / "data"


def weekly(n: int, seed: int = 0, noise: float = 0.05, growth: float = 0.15) -> pd.Series:
    """Weekly revenue with a yearly cycle, a yearly growth rate and multiplicative noise."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    t = np.arange(n)
    season = 1 + 0.3 * np.sin(2 * np.pi * index.day_of_year / 365.25)
    values = 1000 * (1 + growth) ** (t / 52) * season * np.exp(rng.normal(0, noise, n))
    return pd.Series(values, index)


def test_backtest_never_sees_the_future():
    y = weekly(130)
    closed = np.zeros(len(y), bool)
    fits = B.run_backtest(y, closed, "W", 8, 3, (), FULL)
    first_origin = fits["origin"].min()
    changed = y.copy()
    changed[changed.index > first_origin] *= 10  # everything after the first origin is different
    refits = B.run_backtest(changed, closed, "W", 8, 3, (), FULL)
    before, after = fits[fits["origin"] == first_origin], refits[refits["origin"] == first_origin]
    assert set(B.methods_of(fits)) == set(FULL) - {"seasonal_naive"} | ({"seasonal_naive"} & set(fits))
    for method in B.methods_of(fits):
        np.testing.assert_allclose(before[method].to_numpy(), after[method].to_numpy())
    assert not np.allclose(before["actual"], after["actual"])


def test_error_metrics_are_computed_exactly():
    m = B.error_metrics(np.array([10.0, 0.0, 20.0]), np.array([12.0, 1.0, 15.0]), scale=2.0)
    assert m["mae"] == pytest.approx((2 + 1 + 5) / 3)
    assert m["mase"] == pytest.approx((2 + 1 + 5) / 3 / 2)
    assert m["mape"] == pytest.approx((0.2 + 0.25) / 2 * 100)
    assert m["bias"] == pytest.approx((2 + 1 - 5) / 3)
    assert m["smape"] == pytest.approx((4 / 22 + 2 / 1 + 10 / 35) / 3 * 100)
    daily = np.tile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 3) + np.repeat([0.0, 1.0, 2.0], 7)
    assert B.mase_scale(daily, "D") == pytest.approx(1.0)  # each weekday one higher than a week before


def test_closed_rows_are_not_scored():
    fits = pd.DataFrame({"origin": pd.Timestamp("2024-01-01"),
                         "period": pd.date_range("2024-01-02", periods=3),
                         "step": [1, 2, 3], "actual": [10.0, 0.0, 10.0], "closed": [False, True, False],
                         "a": [10.0, 9.0, 10.0], "b": [11.0, 0.0, 11.0]})
    scores = B.score_backtest(fits, 1.0)
    assert list(scores) == ["a", "b"] and scores["a"]["mae"] == 0 and scores["a"]["n"] == 2


def test_measured_coverage_uses_bands_calibrated_on_earlier_origins_only():
    rng = np.random.default_rng(0)
    origins = np.repeat(pd.date_range("2024-01-01", periods=4, freq="W-MON"), 50)
    actual = 100 + rng.normal(0, 10, 200)
    fits = pd.DataFrame({"origin": origins, "step": np.tile(np.arange(1, 51), 4), "actual": actual,
                         "closed": False, "m": 100.0})
    assert B.measured_coverage(fits, "m", 0.8, log=False) == pytest.approx(0.8, abs=0.07)
    assert B.measured_coverage(fits, "m", 0.95, log=False) == pytest.approx(0.95, abs=0.05)
    drift = fits.assign(actual=actual + np.repeat([0.0, 0.0, 0.0, 40.0], 50))  # the last origin breaks
    assert B.measured_coverage(drift, "m", 0.8, log=False) < 0.7
    # the earlier origins' bands never saw the broken one: their hits and misses are unchanged
    steady, broken = (B.held_out_inside(f, "m", 0.8, log=False) for f in (fits, drift))
    np.testing.assert_array_equal(steady[50:150], broken[50:150])
    assert np.isnan(steady[:50]).all()  # nothing before the first origin to calibrate on


def _noise_fits(rng: np.random.Generator, spreads: list[float], steps: int = 8) -> pd.DataFrame:
    """Backtest rows of a model forecasting 100 whose errors at each origin (oldest first) have
    the given spread."""
    origins = pd.date_range("2024-01-01", periods=len(spreads), freq=f"{7 * steps}D")
    return pd.DataFrame({"origin": np.repeat(origins, steps),
                         "step": np.tile(np.arange(1, steps + 1), len(spreads)),
                         "actual": 100 + rng.normal(0, np.repeat(spreads, steps)),
                         "closed": False, "m": 100.0})


def test_a_band_calibrated_out_of_time_holds_on_later_windows_when_the_noise_has_grown():
    """The noise doubled halfway through the backtest (a store that grew busier) and stays so.
    Bands measured on the other origins, later ones included, held 80% of the backtest and were
    kept at 80%, pooled over quiet and busy origins: about 69% of the later windows. Measured on
    earlier origins only, the misses after the change show and the band is widened."""
    held = []
    for seed in range(40):
        rng = np.random.default_rng(seed)
        fits = _noise_fits(rng, [1.0] * 4 + [2.0] * 4)
        nominal, _ = B.calibrated_level(fits, "m", 0.8, log=False)
        lower, upper = B.band(fits["actual"].to_numpy(), fits["m"].to_numpy(), fits["step"].to_numpy(),
                              nominal, log=False, horizon=8)
        later = 100 + rng.normal(0, 2.0, (4, 8))
        held.append(np.mean((later >= 100 + lower) & (later <= 100 + upper)))
    assert np.mean(held) == pytest.approx(0.8, abs=0.05)


def _oracle_interval_score(sigma: float, level: float = 0.8) -> float:
    """The interval (Winkler) score of the best band for a normal error of spread ``sigma``: its
    width plus 2 / (1 - level) × the expected miss on each side."""
    from statistics import NormalDist

    z = NormalDist().inv_cdf((1 + level) / 2)
    miss = sigma * (NormalDist().pdf(z) - z * (1 - level) / 2)
    return 2 * z * sigma + 2 / (1 - level) * 2 * miss


def test_a_residual_band_scores_near_the_best_band_when_errors_move_together_within_an_origin():
    """Backtest errors share their origin's offset (a level each horizon drifts to), so six origins
    give six independent draws, not 48. A quantile per side put each 10% tail on one or two of
    them and left the band short on whichever side the few origins had missed least: held out,
    its interval score was 33% over the best band's (which knows the noise), against 18% with
    the size of the errors, both sides pooled."""
    scores, held = [], []
    for seed in range(100):
        rng = np.random.default_rng(seed)
        origins = pd.date_range("2024-01-01", periods=6, freq="56D")
        errors = np.repeat(rng.normal(0, 1.0, 6), 8) + rng.normal(0, 0.5, 48)
        fits = pd.DataFrame({"origin": np.repeat(origins, 8), "step": np.tile(np.arange(1, 9), 6),
                             "actual": 100 + errors, "closed": False, "m": 100.0})
        nominal, _ = B.calibrated_level(fits, "m", 0.8, log=False)
        lower, upper = B.band(fits["actual"].to_numpy(), fits["m"].to_numpy(), fits["step"].to_numpy(),
                              nominal, log=False, horizon=8)
        later = rng.normal(0, 1.0) + rng.normal(0, 0.5, 8)  # the next horizon, from the same process
        miss = np.clip(lower - later, 0, None) + np.clip(later - upper, 0, None)
        scores.append(np.mean(upper - lower + miss / 0.1))
        held.append(np.mean((later >= lower) & (later <= upper)))
    assert np.mean(scores) < 1.25 * _oracle_interval_score(np.hypot(1.0, 0.5))
    assert np.mean(held) >= 0.78


def test_intervals_cover_about_their_stated_share_on_held_out_data():
    from crm_core.forecast.run import forecast_series

    inside80, inside95, measured = [], [], []
    for seed in range(6):
        y = weekly(140, seed=seed, noise=0.08)
        result = forecast_series(y.iloc[:134], "W", 6, folds=6, methods=(*NAIVE, REGRESSION))
        truth = y.iloc[134:].to_numpy()
        f = result.forecast
        inside80 += list((truth >= f["lower"]) & (truth <= f["upper"]))
        inside95 += list((truth >= f["lower_95"]) & (truth <= f["upper_95"]))
        measured.append(result.coverage[0.8])
    assert 0.65 <= np.mean(inside80) <= 0.95 and np.mean(inside95) >= 0.85
    assert 0.65 <= np.mean(measured) <= 0.95


def test_too_short_history_is_a_clear_error():
    with pytest.raises(CrmError, match="Too little history"):
        B.backtest_origins(20, "W", 8, 3)


def test_a_band_the_backtest_shows_too_narrow_is_widened_until_it_would_have_held():
    rng = np.random.default_rng(1)
    origins = np.repeat(pd.date_range("2024-01-01", periods=4, freq="W-MON"), 30)
    shift = np.repeat([0.0, 0.0, 0.0, 20.0], 30)  # the level moved at the last origin
    fits = pd.DataFrame({"origin": origins, "step": np.tile(np.arange(1, 31), 4),
                         "actual": 100 + rng.normal(0, 5, 120) + shift, "closed": False, "m": 100.0})
    before = B.measured_coverage(fits, "m", 0.8, log=False)
    nominal, measured = B.calibrated_level(fits, "m", 0.8, log=False)
    assert before < 0.8 and nominal > 0.8 and measured > before
    steady = fits.assign(actual=100 + rng.normal(0, 5, 120))
    assert B.calibrated_level(steady, "m", 0.8, log=False)[0] <= 0.85


def _origin_fits(errors: dict[str, list[float]]) -> pd.DataFrame:
    """Backtest rows where each method is off by the given amount at each origin (oldest first)."""
    origins = pd.date_range("2024-01-01", periods=len(next(iter(errors.values()))), freq="28D")
    frame = pd.DataFrame({"origin": np.repeat(origins, 4), "actual": 100.0, "closed": False})
    for method, off in errors.items():
        frame[method] = 100.0 + np.repeat(off, 4)
    return frame


def test_the_combination_is_kept_against_a_candidate_that_won_only_a_few_holiday_origins():
    fits = _origin_fits({"ensemble": [10.0] * 8,
                         "regression": [1.0, 1.0, 12, 12, 12, 12, 1.0, 12]})  # three holiday wins
    scores = B.score_backtest(fits, 1.0)
    assert scores["regression"]["mase"] < 0.9 * scores["ensemble"]["mase"]  # lower on average ...
    assert B.choose(fits, 1.0, "ensemble") == "ensemble"  # ... but not consistently


def test_a_candidate_that_beats_the_combination_clearly_and_consistently_is_chosen():
    fits = _origin_fits({"ensemble": [10.0] * 8, "ets": [8.0, 9, 8, 11, 8, 8, 9, 8],
                         "theta": [9.0, 11, 9.5, 10.5, 9.2, 10.6, 9.4, 10.4]})  # ahead, within its noise
    assert B.choose(fits, 1.0, "ensemble") == "ets"
    assert B.choose(fits.drop(columns="ets"), 1.0, "ensemble") == "ensemble"
    assert B.choose(fits, 1.0, None) == "ets"  # no default: the lowest recent MASE
    assert B.choose(fits[fits["origin"] >= fits["origin"].unique()[-2]], 1.0, "ensemble") == "ensemble"


# Per-origin MASE of M4 weekly series W120's backtest at the validation window 24 weeks before its end
# (8 origins, oldest first): Theta led the mean at the latest origins, by about one standard error.
W120_ENSEMBLE = [0.396, 0.074, 0.264, 0.563, 0.481, 0.369, 0.231, 0.102]
W120_THETA = [0.473, 0.090, 0.219, 0.485, 0.339, 0.363, 0.209, 0.095]
# SID weekly (two stores), the window 16 weeks before its end: the daily models summed into weeks.
SID_ENSEMBLE = [0.151, 0.267, 0.130, 0.241, 0.728, 0.211, 0.233, 0.172]
SID_DAILY = [0.140, 0.087, 0.093, 0.060, 0.505, 0.091, 0.134, 0.103]


def test_a_lead_within_its_own_noise_across_origins_keeps_the_mean_of_the_models():
    fits = _origin_fits({"ensemble": W120_ENSEMBLE, "theta": W120_THETA})
    recent = B.recent_mase(B.origin_mase(fits, 1.0))
    assert recent["theta"] < 0.95 * recent["ensemble"]  # 5% lower, won 6 of 8 origins (the old rule took it)
    assert B.paired_lead(B.origin_mase(fits, 1.0), "ensemble")["theta"] < B.LEAD_NOISE
    assert B.choose(fits, 1.0, "ensemble") == "ensemble"  # the held-out weeks: Theta 10.4% MAPE, mean 7.4%
    clear = _origin_fits({"ensemble": SID_ENSEMBLE, "daily_summed": SID_DAILY})
    assert B.paired_lead(B.origin_mase(clear, 1.0), "ensemble")["daily_summed"] > 4
    assert B.choose(clear, 1.0, "ensemble") == "daily_summed"  # ahead at every origin, far beyond its noise


def test_recent_origins_weigh_more_in_the_ranking():
    fits = _origin_fits({"old_good": [1.0, 1, 1, 1, 9, 9, 9, 9], "new_good": [9.0, 9, 9, 9, 1, 1, 1, 1]})
    scores = B.score_backtest(fits, 1.0)
    assert scores["old_good"]["mase"] == pytest.approx(scores["new_good"]["mase"])
    assert list(scores) == ["new_good", "old_good"]
    assert scores["new_good"]["recent_mase"] < 0.7 * scores["old_good"]["recent_mase"]


def test_origins_too_short_for_the_yearly_season_the_final_fit_uses_are_dropped():
    assert B.backtest_origins(143, "W", 8, 8) == [111, 119, 127, 135]  # 104 weeks for two years
    assert B.backtest_origins(115, "W", 8, 8) == [107]
    assert B.backtest_origins(110, "W", 8, 8)[0] < 104  # none has two years: every usable origin
    assert len(B.backtest_origins(260, "W", 8, 8)) == 8


def test_the_models_own_band_is_the_floor_under_the_conformal_band():
    rng = np.random.default_rng(2)
    origins = np.repeat(pd.date_range("2024-01-01", periods=4, freq="W-MON"), 40)
    spread = np.repeat([2.0, 2.0, 2.0, 10.0], 40)  # calm origins, then a volatile one
    fits = pd.DataFrame({"origin": origins, "step": np.tile(np.arange(1, 41), 4),
                         "actual": 100 + rng.normal(0, 1, 160) * spread, "closed": False, "m": 100.0})
    own = fits.assign(**{"m~lo80": 100 - 1.28 * spread, "m~hi80": 100 + 1.28 * spread})
    conformal_only = B.measured_coverage(fits, "m", 0.8, log=False)
    floored = B.measured_coverage(own, "m", 0.8, log=False)
    assert floored > conformal_only + 0.1 and floored >= 0.75
    lower, upper = B.apply_band(np.array([100.0, 100.0]), (np.array([-5.0, -6]), np.array([5.0, 6])),
                                np.array([1, 1]), False, (np.array([98.0, 80.0]), np.array([101.0, 130.0])))
    np.testing.assert_allclose(lower, [95.0, 80.0])
    np.testing.assert_allclose(upper, [105.0, 130.0])


def test_bands_widen_with_the_step_ahead_where_the_backtest_errors_do():
    rng = np.random.default_rng(5)
    steps = np.tile(np.arange(1, 9), 40)
    actual = 100 + rng.normal(0, 1, len(steps)) * steps  # errors grow with the step ahead
    lower, upper = B.band(actual, np.full(len(steps), 100.0), steps, 0.8, log=False, horizon=8)
    assert upper[7] > 4 * upper[0] and lower[7] < 4 * lower[0]
    inside = [(np.abs(actual - 100)[steps == h] <= upper[h - 1]).mean() for h in (1, 8)]
    assert min(inside) > 0.65  # each step near its 80%, not the near steps over and the far ones under
    flat = B.band(actual, np.full(len(steps), 100.0), np.ones(len(steps), int), 0.8, log=False, horizon=8)
    assert np.ptp(flat[1]) < 1e-9  # one step seen: the same band for every step
    one_origin = B.band(actual[:8], np.full(8, 100.0), steps[:8], 0.8, log=False, horizon=8)
    assert np.isfinite(one_origin).all() and np.ptp(one_origin[1]) < 1e-9  # no shape from one residual a step


def _own_band_fits(rng: np.random.Generator, origins: int, stated: float,
                   spread: float = 10.0) -> pd.DataFrame:
    """Backtest rows of a model forecasting 100 whose own 80% band states a spread of ``stated``
    while its errors have ``spread``."""
    fits = _noise_fits(rng, [spread] * origins)
    half = 1.2816 * stated
    return fits.assign(**{"m~lo80": 100 - half, "m~hi80": 100 + half})


def _later_coverage(factor: float, stated: float, rng: np.random.Generator, spread: float = 10.0) -> float:
    later = 100 + rng.normal(0, spread, 400)
    return float(np.mean(np.abs(later - 100) <= factor * 1.2816 * stated))


def test_a_models_own_band_is_scaled_to_hold_80_percent_of_later_windows():
    """A model whose own band states half its real noise: its band alone held under half of what
    followed; scaled by the factor that held 80% of the backtest, about 80%. One that states
    three times its noise keeps its band over two origins (too few to narrow on: the chosen
    model's backtest errors are optimistic, and narrowing lost the 70% floor on real test windows)."""
    rng = np.random.default_rng(3)
    factors = [B.own_calibration(_own_band_fits(rng, 8, 5.0), "m", 0.8)[0] for _ in range(20)]
    assert np.median(factors) == pytest.approx(2.0, rel=0.2)
    assert np.mean([_later_coverage(f, 5.0, rng) for f in factors]) == pytest.approx(0.8, abs=0.05)
    assert _later_coverage(1.0, 5.0, rng) < 0.55
    assert B.own_calibration(_own_band_fits(rng, 2, 30.0), "m", 0.8)[0] == 1.0
    assert B.own_calibration(_noise_fits(rng, [10.0] * 8), "m", 0.8) is None  # no own band: conformal


def _origin_factors(fits: pd.DataFrame) -> list[float]:
    scores, origin = B.own_scores(fits, "m", 0.8)
    return [B.score_quantile(scores[origin == o], 0.8) for o in np.unique(origin)]


def test_an_own_band_too_wide_at_every_origin_is_narrowed_by_less_than_the_origins_ask():
    """A model whose own band states three times its noise: each of 8 origins alone would have
    held 80% with a third of it. Narrowed toward the widest of those origins' factors, shrunk
    toward 1 by the number of origins (3 origins narrow less than 8), it still holds more than
    80% of what follows; one origin that needed the whole band keeps it whole."""
    rng = np.random.default_rng(6)
    wide = _own_band_fits(rng, 8, 30.0)
    factor, measured = B.own_calibration(wide, "m", 0.8)
    assert max(_origin_factors(wide)) < factor < 1.0
    assert _later_coverage(factor, 30.0, rng) > 0.9 and measured > 0.9
    three = B.own_calibration(wide[wide["origin"] >= wide["origin"].unique()[-3]], "m", 0.8)[0]
    assert factor < three < 1.0
    rough = wide.assign(actual=lambda f: np.where(f["origin"] == f["origin"].unique()[4],
                                                  100 + (f["actual"] - 100) * 5, f["actual"]))
    assert max(_origin_factors(rough)) >= 1.0
    assert B.own_calibration(rough, "m", 0.8)[0] == 1.0


def test_m4_w120s_95_band_is_narrowed_as_every_origin_asks_and_its_80_band_kept():
    """M4 W120's ensemble (the product's own backtest a horizon before the series ends): its 95%
    band was wider than each of the 8 origins needed (their factors 0.39–0.83), so it is
    narrowed, to 1 − (1 − 0.83) × 8 / 11; one origin needed all of its 80% band, which is kept."""
    fits = pd.read_csv(DATA / "m4_w120_backtest.csv", parse_dates=["origin", "period"])
    scores, origin = B.own_scores(fits, "ensemble", 0.95)
    widest = max(B.score_quantile(scores[origin == o], 0.95) for o in np.unique(origin))
    factor, measured = B.own_calibration(fits, "ensemble", 0.95)
    assert widest < 1.0 and factor == pytest.approx(1 - (1 - widest) * 8 / 11)
    assert measured == 1.0  # every held-out week still inside, checked out of time
    assert B.own_calibration(fits, "ensemble", 0.8)[0] == 1.0


def test_the_own_band_factor_is_measured_on_earlier_origins_only():
    rng = np.random.default_rng(4)
    fits = _own_band_fits(rng, 4, 10.0)
    _, measured = B.own_calibration(fits, "m", 0.8)
    wild = fits.assign(actual=np.where(fits["origin"] == fits["origin"].max(), 1000.0, fits["actual"]))
    first_three = fits[fits["origin"] < fits["origin"].max()]
    # the last origin's misses count against it, but never widen the earlier origins' bands
    _, early = B.own_calibration(first_three, "m", 0.8)
    _, with_wild = B.own_calibration(wild, "m", 0.8)
    assert with_wild == pytest.approx(early * 2 / 3)  # 2 scored origins held ``early``; the third held none
    assert measured is not None


def test_recent_origins_weigh_more_in_the_own_band_factor():
    """The noise doubled over the last four of eight origins (the bakery's spring, a store that
    grew busier) while the model's band still states the quiet spread. Weighed equally, the
    quiet origins held the factor down and the band held about 67% of the windows that followed;
    weighing recent origins more (half every ``HALF_LIFE`` origins back) about 73%."""
    held = []
    for seed in range(40):
        rng = np.random.default_rng(seed)
        factor, _ = B.own_calibration(_own_band_fits(rng, 8, 5.0, spread=5.0).assign(
            actual=lambda f: 100 + (f["actual"] - 100) * np.repeat([1.0] * 4 + [2.0] * 4, 8)), "m", 0.8)
        held.append(_later_coverage(factor, 5.0, rng, spread=10.0))
    assert np.mean(held) == pytest.approx(0.725, abs=0.025)


def test_the_recency_weighted_quantile_weighs_the_period_ahead_like_the_latest_origin():
    scores = np.arange(1.0, 9.0)  # one score per origin, oldest first
    origin = np.arange(8)
    equal = B.recent_quantile(scores, np.zeros(8), 0.5)  # one origin: equal weights, rank k / (n + 1)
    assert equal == 5.0
    assert B.recent_quantile(scores, origin, 0.5) > equal  # the recent, larger scores weigh more
    assert B.recent_quantile(scores, origin, 0.99) > scores.max()  # beyond reach: the normal tail


def _counting(real, auto, selecting: list[bool]):
    """``real`` (a statsforecast model's fit or forecast), noting whether each call selects."""
    def spy(self, *args, **kwargs):
        selecting.append(self.model == auto)
        return real(self, *args, **kwargs)
    return spy


def test_ets_and_theta_select_their_form_once_per_backtest_and_refit_it_at_each_origin(monkeypatch):
    """Selecting fitted every ETS form (15 on days) and every Theta variant at every origin, most
    of a daily backtest's cost; the form chosen at the first origin is re-estimated at the later
    ones, and that first origin's forecast is the selecting fit's."""
    from statsforecast import models

    selecting: list[bool] = []
    for kind, auto in ((models.AutoETS, "ZZZ"), (models.AutoTheta, None)):
        for name in ("fit", "forecast"):
            monkeypatch.setattr(kind, name, _counting(getattr(kind, name), auto, selecting))
    index = pd.date_range("2023-01-02", periods=400, freq="D")
    weekdays = np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])[index.day_of_week]
    y = pd.Series(weekly(400, seed=2).to_numpy() * weekdays, index)
    fits = B.run_backtest(y, np.zeros(len(y), bool), "D", 14, 4, (), (C.ETS, C.THETA))
    assert fits["origin"].nunique() == 4
    assert sum(selecting) == 2 and len(selecting) == 2 + 2 * 4  # ETS and Theta: 1 selection + 4 fits each
    first = fits[fits["origin"] == fits["origin"].min()]
    alone = C.statistical_forecasts(y.iloc[:len(y) - 4 * 14].to_numpy(float), "D", 14, (C.ETS, C.THETA))
    np.testing.assert_allclose(first[C.ETS], alone[C.ETS])
    np.testing.assert_allclose(first[C.THETA], alone[C.THETA])


@pytest.mark.parametrize("lang, said", [("en", "a narrower band alone would have held 80%"),
                                        ("zh", "每一个单独看都用不了这么宽")])
def test_a_narrowed_band_says_so_with_its_factor_and_origins(lang, said):
    """The note beside a band narrowed by :func:`backtest.agreed_factor` names the factor and how many
    origins asked for less, not "never under 1" (fc29)."""
    from dataclasses import replace

    from crm_core.forecast import report
    from crm_core.forecast.run import forecast_series

    result = forecast_series(weekly(130), "W", 8, folds=4)
    narrowed = replace(result, factor={**result.factor, 0.8: 0.87}, same_season={})
    note = report.band_note(narrowed, lang)
    assert said in note and "× 0.87" in note and str(result.fits["origin"].nunique()) in note
    assert said not in report.band_note(replace(narrowed, factor={**result.factor, 0.8: 1.0}), lang)
