"""Candidates: structure a model should recover, holidays, and the log-scale bias corrected."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast import candidates as C
from tests.forecast.test_backtest import weekly


def test_planted_weekday_pattern_is_recovered_by_every_seasonal_candidate():
    rng = np.random.default_rng(1)
    index = pd.date_range("2023-01-02", periods=300, freq="D")
    weekday = np.array([1.0, 0.8, 0.9, 1.0, 1.2, 1.6, 1.4])[index.day_of_week]
    y = pd.Series(500 * weekday * np.exp(rng.normal(0, 0.05, len(index))), index)
    forecasts = C.candidate_forecasts(y, "D", 7)
    future = C.future_index(y.index, "D", 7)
    saturday, tuesday = future.day_of_week == 5, future.day_of_week == 1
    for method in (C.REGRESSION, C.ETS, C.THETA, C.MSTL, C.ENSEMBLE, C.SEASONAL):
        f = forecasts[method]
        assert f[saturday].mean() / f[tuesday].mean() == pytest.approx(2.0, rel=0.15), method


def test_regression_on_logs_forecasts_the_mean_not_the_median():
    forecasts, means, medians = [], [], []
    for seed in range(4):
        rng = np.random.default_rng(seed)
        index = pd.date_range("2023-01-02", periods=400, freq="D")
        y = pd.Series(100 * np.exp(rng.normal(0, 0.5, len(index))), index)  # mean 113, median 100
        forecasts.append(C.Forecaster("D", 7).fit(y).predict().mean())
        means.append(y.mean())
        medians.append(y.median())
    assert np.mean(forecasts) == pytest.approx(np.mean(means), rel=0.06)
    assert np.mean(forecasts) > 1.05 * np.mean(medians)


def test_less_than_a_year_of_days_fits_no_yearly_terms():
    """A news page's fading views with one burst, 300 days: yearly terms fitted on part of a
    year bent the forecast a third above what followed (on real page views, to 388 million)."""
    ratios = []
    for seed in range(4):
        rng = np.random.default_rng(seed)
        index = pd.date_range("2015-07-01", periods=328, freq="D")
        level = 2000 * np.exp(-np.arange(328) / 120) + 400
        y = pd.Series(level * np.exp(rng.normal(0, 0.2, 328)), index)
        y.iloc[168:171] *= [40, 25, 8]
        ratios.append(C.Forecaster("D", 28).fit(y.iloc[:300]).predict().mean() / y.iloc[300:].mean())
    assert np.mean(ratios) == pytest.approx(1.0, abs=0.15)


def test_marked_holidays_are_learned_and_forecast():
    index = pd.date_range("2023-01-02", periods=280, freq="D")
    holidays = list(index[::23]) + [index[-1] + pd.Timedelta(days=3)]
    rng = np.random.default_rng(2)
    values = 100 * np.exp(rng.normal(0, 0.03, len(index)))
    values[index.isin(holidays)] *= 3  # pandas, not numpy: np.isin misses Timestamps on pandas 2
    y = pd.Series(values, index)
    marked = [d.date().isoformat() for d in holidays]
    f = C.Forecaster("D", 7, marked).fit(y).predict()
    assert f[2] > 2 * np.median(np.delete(f, 2))
    plain = C.Forecaster("D", 7).fit(y).predict()
    assert plain[2] < 1.5 * np.median(plain)


def test_seasonal_naive_repeats_last_season_and_needs_one():
    values = np.arange(20, dtype=float)
    np.testing.assert_array_equal(C.naive_forecast(values, "D", 9, C.SEASONAL),
                                  [13, 14, 15, 16, 17, 18, 19, 13, 14])
    assert C.naive_forecast(values[:5], "D", 3, C.SEASONAL) is None
    assert C.season_lengths("D", 800) == [7, 365] and C.season_lengths("W", 60) == [1]


def test_the_ensemble_states_the_mean_of_its_models_own_bands():
    rng = np.random.default_rng(4)
    index = pd.date_range("2023-01-02", periods=200, freq="D")
    y = pd.Series(300 * np.array([1.0, 0.8, 0.9, 1.0, 1.2, 1.6, 1.4])[index.day_of_week]
                  * np.exp(rng.normal(0, 0.1, len(index))), index)
    f = C.candidate_forecasts(y, "D", 14, methods=(C.ETS, C.THETA, C.MSTL, C.ENSEMBLE))
    for bound in C.BOUNDS:
        np.testing.assert_allclose(f[C.own_bound(C.ENSEMBLE, bound)],
                                   np.mean([f[C.own_bound(m, bound)] for m in C.STATISTICAL], axis=0))
    lo95, lo80, hi80, hi95 = (f[C.own_bound(C.ENSEMBLE, b)] for b in ("lo95", "lo80", "hi80", "hi95"))
    assert (lo95 < lo80).all() and (lo80 < f[C.ENSEMBLE]).all()
    assert (f[C.ENSEMBLE] < hi80).all() and (hi80 < hi95).all()


def test_the_regressions_own_band_covers_about_its_level_on_held_out_days():
    inside80, inside95 = [], []
    for seed in range(6):  # two years of days: the yearly terms are learned, not guessed
        rng = np.random.default_rng(seed)
        index = pd.date_range("2022-01-03", periods=814, freq="D")
        y = pd.Series(200 * np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])[index.day_of_week]
                      * np.exp(rng.normal(0, 0.15, len(index))), index)
        fitted = C.Forecaster("D", 14).fit(y.iloc[:800])
        bounds, truth = fitted.own_bounds(), y.iloc[800:].to_numpy()
        inside80 += list((truth >= bounds["lo80"]) & (truth <= bounds["hi80"]))
        inside95 += list((truth >= bounds["lo95"]) & (truth <= bounds["hi95"]))
        assert (bounds["lo95"] < bounds["lo80"]).all() and (bounds["hi80"] < bounds["hi95"]).all()
    assert 0.7 <= np.mean(inside80) <= 0.95 and np.mean(inside95) >= 0.88


def test_a_long_history_is_fitted_on_its_last_ten_years_of_weeks():
    """66 years of S&P 500 weeks (QA2) ran over 5 minutes: the models' cost grows with the length."""
    y = weekly(3000, noise=0.1, growth=0.03)
    methods = (C.LAST, C.REGRESSION, C.ETS)
    whole = C.candidate_forecasts(y, "W", 8, methods=methods)
    recent = C.candidate_forecasts(y.iloc[-C.FIT_HISTORY["W"]:], "W", 8, methods=methods)
    assert C.FIT_HISTORY["W"] == 520 and set(whole) == set(recent)
    for name in whole:
        np.testing.assert_allclose(whole[name], recent[name])


def _days_with_christmas(end: str = "2023-12-17", seed: int = 0) -> pd.Series:
    """Three years of a shop's days: a weekday pattern, a yearly cycle, closed every 25 Dec."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2021-01-04", end, freq="D")
    weekday = np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])[days.day_of_week]
    yearly = 1 + 0.2 * np.sin(2 * np.pi * days.day_of_year / 365.25)
    values = 100 * weekday * yearly * np.exp(rng.normal(0, 0.03, len(days)))
    return pd.Series(np.where((days.month == 12) & (days.day == 25), 0.0, values), days)


def test_summed_days_fill_whole_weeks_with_a_yearly_closed_day_at_zero_and_no_later_day():
    days = _days_with_christmas()
    weeks = pd.date_range("2023-12-18", periods=3, freq="7D")  # 25 Dec 2023 is the second week's Monday
    summed = C.summed_days(days, weeks)
    later = pd.concat([days, pd.Series(5000.0, pd.date_range("2023-12-18", periods=10, freq="D"))])
    np.testing.assert_allclose(C.summed_days(later, weeks), summed)  # days after the history: unseen
    week = 100 * np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])
    assert summed[0] == pytest.approx(week.sum(), rel=0.08)
    assert summed[1] == pytest.approx(summed[0] - week[0], rel=0.05)  # the Monday closed: 6 days sold


def test_mstl_with_r_smoother_jumps_forecasts_as_statsforecasts_mstl():
    """The yearly STL of four years of days ran its 609-day trend smoother at every day (0.64 s of
    a 0.72 s fit); evaluated every tenth of a window, as R's stl does, the forecast stays put."""
    from statsforecast.models import MSTL, AutoETS

    y = _days_with_christmas("2024-06-30", seed=3)
    values = C.fill_closed(y, C.closed_periods(y, "D"), "D").to_numpy(float)
    seasonal, deseasoned = C.RMSTL([365, 7]).decompose(values)
    np.testing.assert_allclose(seasonal.sum(axis=0) + deseasoned, values)
    ours = C.RMSTL([7, 365]).forecast(values, 28, [80, 95])
    theirs = MSTL(season_length=[7, 365], trend_forecaster=AutoETS(model="ZZN")).forecast(
        y=values, h=28, level=[80, 95])
    assert set(ours) == set(theirs)
    for key in theirs:
        assert np.mean(np.abs(ours[key] / theirs[key] - 1)) < 0.01
    assert C.statistical_forecasts(values, "D", 28, (C.MSTL,))[C.MSTL] == pytest.approx(ours["mean"])


def test_a_fixed_ets_form_the_history_cannot_take_falls_back_to_selecting():
    """A form selected at an early backtest origin (multiplicative errors) meets a later history
    with a zero: that origin selects again instead of dropping ETS from the backtest."""
    y = _days_with_christmas()
    values = np.where(np.arange(len(y)) == len(y) - 10, 0.0, y.to_numpy(float))
    early = {C.ETS: {"model": "MNM", "damped": False}}
    fixed = C.statistical_forecasts(values, "D", 14, (C.ETS,), forms=early)
    selecting = C.statistical_forecasts(values, "D", 14, (C.ETS,))
    assert np.isfinite(fixed[C.ETS]).all()
    np.testing.assert_allclose(fixed[C.ETS], selecting[C.ETS])
