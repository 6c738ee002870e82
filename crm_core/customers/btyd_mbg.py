"""MBG/NBD (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008's erratum): BG/NBD with
a chance to drop out right after the first purchase too, not only after repeats.

BG/NBD says every one-order customer is certainly alive (P(alive) = 1 at any age), so a customer
who bought once a year ago is expected to buy as often as one who bought last week, given the
same rate. MBG/NBD lets them go: P(alive) falls with the time since their only order. It is a
spend candidate beside BG/NBD and Pareto/NBD, chosen only when the out-of-time backtest says so.
Formulas as in Batislam et al.'s appendix and ``lifetimes``' ``ModifiedBetaGeoFitter``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import betaln, digamma, gammaln, hyp2f1

from crm_core.customers.btyd import BetaGeo, Summary, _fit, _pooled, _sample


def _objective(log_params, x, t_x, T, n):
    """Mean negative log-likelihood and its gradient in the log-parameters. The likelihood is
    BG/NBD's with the dropout term open to x = 0 and Beta(a, b + x + 1) for the x + 1 survived
    chances to drop out."""
    params = np.exp(log_params)
    r, alpha, a, b = params
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.log(a) - np.log(b + x) - (r + x) * np.log(alpha + t_x)
    total = np.logaddexp(a3, a4)
    ll = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + betaln(a, b + x + 1) - betaln(a, b) + total
    w3, w4 = np.exp(a3 - total), np.exp(a4 - total)
    grad = np.array([
        digamma(r + x) - digamma(r) + np.log(alpha) - w3 * np.log(alpha + T) - w4 * np.log(alpha + t_x),
        r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + t_x)),
        digamma(a + b) - digamma(a + b + x + 1) + w4 / a,
        digamma(b + x + 1) - digamma(b) + digamma(a + b) - digamma(a + b + x + 1) - w4 / (b + x),
    ])
    weight = n / n.sum()
    return -float(weight @ ll), -(grad @ weight) * params


@dataclass(frozen=True)
class ModifiedBetaGeo(BetaGeo):
    """A fitted MBG/NBD: rates Gamma(r, alpha), dropout Beta(a, b) at the first purchase and
    after each repeat. ``p_none`` is BG/NBD's formula with this model's P(alive)."""

    @classmethod
    def fit(cls, s: Summary) -> ModifiedBetaGeo:
        x, t_x, T, n = _pooled(*_sample(s.x, s.t_x, s.T))

        def negll(log_params):
            return _objective(log_params, x, t_x, T, n)

        start = np.array([0.5, max(float(np.mean(s.T)), 1.0), 1.0, 2.0])
        return cls(*map(float, _fit(negll, start, jac=True)))

    def p_alive(self, s: Summary) -> np.ndarray:
        """P(still active at the cutoff), below 1 for one-order customers too."""
        log_odds = (np.log(self.a) - np.log(self.b + s.x)
                    + (self.r + s.x) * (np.log(self.alpha + s.T) - np.log(self.alpha + s.t_x)))
        return 1.0 / (1.0 + np.exp(np.clip(log_odds, -700, 700)))

    def expected(self, s: Summary, t: float) -> np.ndarray:
        """Expected purchases in the next ``t`` weeks (Wagner & Hoppe 2008), the 2F1 by Euler's
        transformation as in :meth:`BetaGeo.expected`, the paper's form where that overflows."""
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = t / (alpha + s.T + t)
        c = a + b + s.x
        with np.errstate(invalid="ignore", over="ignore"):
            euler = (1 - z) ** (a - 1) * hyp2f1(a + b - r, a - 1, c, z)
            paper = (1 - z) ** (r + s.x) * hyp2f1(r + s.x, b + s.x + 1, c, z)
        body = 1 - np.where(np.isfinite(euler), euler, paper)
        return np.clip(c / (a - 1) * body * self.p_alive(s), 0, None)
