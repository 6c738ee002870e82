"""Customers drawn from the buy-till-you-die models of :mod:`crm_core.customers.btyd` with known
parameters: the tests check that the fits recover them, and the benchmark times fits on them."""

from __future__ import annotations

import numpy as np

from crm_core.customers.btyd import Summary


def simulate_bgnbd(n: int, r: float, alpha: float, a: float, b: float, T: float | np.ndarray,
                   seed: int = 0) -> Summary:
    """Customers drawn from a BG/NBD with known parameters (for tests and the benchmark)."""
    rng = np.random.default_rng(seed)
    T = np.broadcast_to(np.asarray(T, float), (n,)).copy()
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    x, t_x = np.zeros(n), np.zeros(n)
    active = np.ones(n, bool)
    now = np.zeros(n)
    while active.any():
        idx = np.flatnonzero(active)
        now[idx] += rng.exponential(1 / lam[idx])
        bought = now[idx] < T[idx]
        done = idx[~bought]
        active[done] = False
        idx = idx[bought]
        x[idx] += 1
        t_x[idx] = now[idx]
        active[idx[rng.random(len(idx)) < p[idx]]] = False
    return Summary(x, t_x, T, np.zeros(n))


def simulate_gamma_gamma(purchases: np.ndarray, p: float, q: float, gamma: float,
                         seed: int = 0) -> np.ndarray:
    """Mean spend of each customer's ``purchases`` drawn from a Gamma-Gamma with known parameters."""
    rng = np.random.default_rng(seed)
    nu = rng.gamma(q, 1 / gamma, len(purchases))
    return rng.gamma(p * purchases, 1 / nu) / purchases


def simulate_first_and_repeats(x: np.ndarray, p: float, q: float, gamma: float, first_shape: float,
                               first_scale: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    """Spend of customers with ``x`` repeats: first order ~ Gamma(first_shape, first_scale·nu),
    repeats ~ Gamma(p, nu), nu ~ Gamma(q, gamma). Returns the mean of all orders, the first
    order and the true mean of each customer's next orders (p / nu)."""
    rng = np.random.default_rng(seed)
    nu = rng.gamma(q, 1 / gamma, len(x))
    first = rng.gamma(first_shape, 1 / (first_scale * nu))
    rest = np.where(x > 0, rng.gamma(np.maximum(p * x, 1e-9), 1 / nu), 0.0)
    return (first + rest) / (x + 1), first, p / nu
