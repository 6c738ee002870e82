"""The BTYD likelihoods recover the parameters that generated the data, and their predictions
agree with simulation: BG/NBD at the published CDNOW values (Fader, Hardie & Lee 2005),
Pareto/NBD and Gamma-Gamma at values of the same scale."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.special import hyp2f1

from crm_core.customers import btyd as B
from crm_core.customers import btyd_simulate as S

CDNOW_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def _ages(n: int, seed: int = 5) -> np.ndarray:
    """CDNOW's cohort: first purchases over 12 weeks, observed until week 39."""
    return 39 - np.random.default_rng(seed).uniform(0, 12, n)


def _bgnbd_with_future(n: int, T: np.ndarray, horizon: float, seed: int = 9):
    """CDNOW-like customers up to ``T`` and their purchases in the ``horizon`` weeks after."""
    rng = np.random.default_rng(seed)
    lam, p = rng.gamma(CDNOW_BGNBD["r"], 1 / CDNOW_BGNBD["alpha"], n), rng.beta(CDNOW_BGNBD["a"],
                                                                              CDNOW_BGNBD["b"], n)
    x, t_x, future = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(n):
        now = 0.0
        while True:
            now += rng.exponential(1 / lam[i])
            if now >= T[i] + horizon:
                break
            if now < T[i]:
                x[i], t_x[i] = x[i] + 1, now
            else:
                future[i] += 1
            if rng.random() < p[i]:
                break
    return B.Summary(x, t_x, T, np.zeros(n)), future


def _simulate_pareto(n: int, r: float, alpha: float, s: float, beta: float, T: np.ndarray,
                     seed: int = 0) -> B.Summary:
    rng = np.random.default_rng(seed)
    lam, mu = rng.gamma(r, 1 / alpha, n), rng.gamma(s, 1 / beta, n)
    end = np.minimum(rng.exponential(1 / mu), T)
    x, t_x = np.zeros(n), np.zeros(n)
    for i in range(n):
        times = np.cumsum(rng.exponential(1 / lam[i], size=200))
        times = times[times < end[i]]
        x[i], t_x[i] = len(times), times[-1] if len(times) else 0.0
    return B.Summary(x, t_x, T, np.zeros(n))


def test_bgnbd_recovers_the_published_cdnow_parameters():
    s = S.simulate_bgnbd(60_000, **CDNOW_BGNBD, T=_ages(60_000), seed=1)
    fitted = B.BetaGeo.fit(s).params()
    for name, true in CDNOW_BGNBD.items():
        assert fitted[name] == pytest.approx(true, rel=0.15), (name, fitted)


def test_bgnbd_expected_purchases_and_p_alive_match_a_simulated_future():
    model = B.BetaGeo(**CDNOW_BGNBD)
    s = S.simulate_bgnbd(20_000, **CDNOW_BGNBD, T=_ages(20_000), seed=2)
    draws = model.sample_expected(s, 39.0, 50, np.random.default_rng(0))
    assert (model.p_alive(s) * draws.mean(axis=1)).sum() == pytest.approx(model.expected(s, 39.0).sum(),
                                                                           rel=0.03)
    assert (model.p_alive(s)[s.x == 0] == 1).all()
    assert model.p_alive(s)[(s.x > 3) & (s.T - s.t_x > 25)].max() < 0.5
    past, future = _bgnbd_with_future(20_000, T=_ages(20_000), horizon=39.0)
    assert future.sum() == pytest.approx(model.expected(past, 39.0).sum(), rel=0.05)
    assert model.p_none(past, 39.0).mean() == pytest.approx((future == 0).mean(), abs=0.02)


def test_pareto_nbd_recovers_its_parameters():
    true = {"r": 0.55, "alpha": 10.6, "s": 0.61, "beta": 11.7}
    s = _simulate_pareto(20_000, **true, T=_ages(20_000), seed=3)
    fitted = B.ParetoNBD.fit(s).params()
    assert fitted["r"] == pytest.approx(true["r"], rel=0.15)
    assert fitted["alpha"] == pytest.approx(true["alpha"], rel=0.2)
    assert fitted["r"] / fitted["alpha"] == pytest.approx(true["r"] / true["alpha"], rel=0.1)
    assert fitted["s"] / fitted["beta"] == pytest.approx(true["s"] / true["beta"], rel=0.3)


def test_gamma_gamma_recovers_its_parameters_and_shrinks_toward_the_mean():
    true = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    purchases = np.random.default_rng(4).integers(1, 8, 30_000).astype(float)
    m = S.simulate_gamma_gamma(purchases, **true, seed=5)
    s = B.Summary(purchases - 1, np.zeros_like(m), np.ones_like(m), m)
    fitted = B.GammaGamma.fit(s)
    for name, value in true.items():
        assert getattr(fitted, name) == pytest.approx(value, rel=0.15), name
    population = true["p"] * true["gamma"] / (true["q"] - 1)
    one = B.Summary(np.array([0.0, 20.0]), np.zeros(2), np.ones(2), np.array([200.0, 200.0]))
    shrunk = fitted.mean_spend(one)
    assert population < shrunk[0] < shrunk[1] < 200


def test_spend_intervals_hold_the_expected_spend_and_the_total():
    model, gg = B.BetaGeo(**CDNOW_BGNBD), B.GammaGamma(6.25, 3.74, 15.44)
    s = S.simulate_bgnbd(5_000, **CDNOW_BGNBD, T=_ages(5_000), seed=6)
    s = B.Summary(s.x, s.t_x, s.T, S.simulate_gamma_gamma(s.n, 6.25, 3.74, 15.44, seed=7))
    lower, upper, total = B.spend_intervals(model, gg, s, 39.0, coverage=0.9)
    expected = model.expected(s, 39.0) * gg.mean_spend(s)
    assert (lower <= upper).all() and (lower >= 0).all()
    assert total[0] < expected.sum() < total[1]
    assert ((lower <= expected) & (expected <= upper)).mean() > 0.9
    rng = np.random.default_rng(1)  # brute force for one customer: draw every latent trait
    i = int(np.argmax(s.x))
    one = B.Summary(*(v[i:i + 1] for v in (s.x, s.t_x, s.T, s.m)))
    alive = rng.random(200_000) < model.p_alive(one)[0]
    nu = rng.gamma(gg.p * one.n[0] + gg.q, 1 / (gg.gamma + one.m[0] * one.n[0]), 200_000)
    brute = np.where(alive, model.sample_expected(one, 39.0, 200_000, rng)[0] * gg.p / nu, 0)
    # the log-normal step is an approximation: within a quarter of the brute-force quantiles
    assert np.quantile(brute, [0.05, 0.95]) == pytest.approx([lower[i], upper[i]], rel=0.25)


def _first_and_repeats(n: int, seed: int = 3, **params) -> tuple[B.Summary, np.ndarray]:
    """Customers with 0–4 repeats and their spend; the true mean of their next orders."""
    x = np.random.default_rng(seed).choice([0, 0, 0, 1, 2, 4], n).astype(float)
    m, first, future = S.simulate_first_and_repeats(x, **params, seed=seed)
    zeros = np.zeros(n)
    return B.Summary(x, zeros, zeros + 1, m, first), future


def test_the_first_purchase_gets_its_own_shape_and_scale_and_one_order_customers_are_valued_right():
    true = {"p": 4.0, "q": 4.0, "gamma": 90.0, "first_shape": 1.5, "first_scale": 1.6}
    s, future = _first_and_repeats(40_000, **true)
    fitted = B.GammaGamma.fit(s)
    for name, value in true.items():
        assert getattr(fitted, name) == pytest.approx(value, rel=0.2), name
    alike = B.GammaGamma.fit(B.Summary(s.x, s.t_x, s.T, s.m))  # first taken as any other purchase
    one = s.x == 0
    error = {name: abs(model.mean_spend(s)[one].mean() / future[one].mean() - 1)
             for name, model in (("own", fitted), ("alike", alike))}
    assert error["own"] < 0.03 < 0.1 < error["alike"]


def test_a_first_purchase_like_any_other_gives_back_the_model_without_it():
    s, _ = _first_and_repeats(40_000, p=4.0, q=4.0, gamma=90.0, first_shape=4.0, first_scale=1.0)
    fitted = B.GammaGamma.fit(s)
    assert fitted.first_shape == pytest.approx(fitted.p, rel=0.2)
    assert fitted.first_scale == pytest.approx(1.0, abs=0.15)
    alike = B.GammaGamma.fit(B.Summary(s.x, s.t_x, s.T, s.m))
    assert fitted.mean_spend(s) == pytest.approx(alike.mean_spend(s), rel=0.05)


def test_without_enough_repeaters_the_first_purchase_is_taken_as_any_other():
    s, _ = _first_and_repeats(5_000, p=4.0, q=4.0, gamma=90.0, first_shape=1.5, first_scale=1.6)
    few = np.flatnonzero(s.x > 0)[B.MIN_REPEATERS - 1:]
    x = s.x.copy()
    x[few] = 0  # every repeater past the first 49 becomes a one-order customer
    one_order = B.Summary(x, s.t_x, s.T, np.where(x > 0, s.m, s.first), s.first)
    fitted = B.GammaGamma.fit(one_order)
    assert fitted.first_shape is None and np.isfinite(fitted.mean_spend(one_order)).all()
    assert B.GammaGamma.fit(s).first_shape is not None


def test_bgnbd_expected_purchases_stay_finite_for_thousands_of_repeats():
    """Kept from the walk-in spend test (a 散客 account is now left out before any model): an
    account with 5,000 orders in 77 weeks overflowed the paper's 2F1 to 0 × inf = NaN, and BG/NBD
    dropped out of the spend candidates with ``KeyError: 'bgnbd'``."""
    s = B.Summary(x=np.array([4999.0, 3.0]), t_x=np.array([77.0, 30.0]), T=np.array([77.1, 77.1]),
                  m=np.array([20.0, 20.0]))
    expected = B.BetaGeo(**CDNOW_BGNBD).expected(s, 13.0)
    assert np.isfinite(expected).all() and expected[0] > expected[1] > 0


def test_bgnbd_expected_purchases_stay_finite_for_a_nearly_fixed_dropout():
    """MovieLens' ratings fit a dropout Beta of a ≈ 1,937, b ≈ 8,053 (a near-fixed p): Euler's
    form overflowed to 0 × inf for every customer, expected purchases were all NaN and churn
    printed 60 warnings. The value is the paper's eq. 10, computed here in its own form."""
    fit = B.BetaGeo(r=0.4346, alpha=0.8328, a=1937.4, b=8053.3)
    x = np.array([0.0, 1.0, 3.0, 8.0])
    s = B.Summary(x=x, t_x=np.array([0.0, 2.0, 4.0, 4.9]), T=np.full(4, 5.0), m=np.ones(4))
    t = 90 / 7
    expected = fit.expected(s, t)
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    paper = ((a + b + x - 1) / (a - 1)
             * (1 - ((alpha + s.T) / (alpha + s.T + t)) ** (r + x)
                * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + s.T + t))) * fit.p_alive(s))
    assert np.isfinite(expected).all() and (expected > 0).all()
    np.testing.assert_allclose(expected, paper, rtol=1e-10)


def test_bgnbd_fitted_where_nobody_came_back_expects_finite_purchases_without_a_warning():
    """A customer summary read as a log (one "order" each): the fit leaves the dropout's ``a`` at
    its start, 1, the pole of c / (a - 1); expected purchases were NaN and numpy's "divide by zero"
    reached the CLI's stderr. The value is the limit, met from both sides of the pole."""
    days = np.arange(200.0)
    s = B.Summary.from_days(np.ones(200), days % 90 + 1, days + 100, np.full(200, 30.0))
    fit = B.BetaGeo.fit(s)
    assert fit.a == 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expected = fit.expected(s, 13.0)
    near = [B.BetaGeo(fit.r, fit.alpha, fit.a + step, fit.b).expected(s, 13.0) for step in (-1e-4, 1e-4)]
    assert np.isfinite(expected).all() and (expected > 0).all()
    np.testing.assert_allclose(expected, (near[0] + near[1]) / 2, rtol=1e-3)
