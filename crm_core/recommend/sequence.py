"""What households buy next: product B first bought within a step after buying A.

Co-occurrence (the item regression, cosine neighbours) is symmetric: milk and bread vote for each
other whichever came first. A new-to-customer list asks what a household *starts* buying, so
this signal counts, over every household and every ``STEP_DAYS`` step of the log, the products
first bought in a step after the products bought in the step before ("bought next"), decayed by
the step's age. A customer's score for B sums these transitions from what they bought in their
own last step. The purchases are one aggregate per (customer, product), so a product counts as
bought in every step between its first and last purchase, weighted by how often it was bought
over that span (a weekly staple is there every step, a product bought twice a year apart is
not).

The same first purchases give each customer an *exploration* rate: the share of their products
of their last ``EXPLORE_STEPS`` steps that were new to them then (a household trying new things
lately is worth offering new things; one buying the same basket every week is not).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

STEP_DAYS = 28.0
"""A step: the held-out windows' length, so "next" means what the evaluation asks for."""
PRIOR = 10.0
"""Households added to every source product's count: a product one household had before one
first purchase does not claim certainty (fixed, not tuned)."""
EXPLORE_STEPS = 3
"""Steps of a customer's own last purchases their exploration rate is measured over."""


def transitions(cells: tuple, first_age: np.ndarray, products: np.ndarray, n_customers: int,
                half_life_days: float | None) -> np.ndarray:
    """products × products: T[a, b] = share of the (decayed) household-steps holding ``a`` that
    were followed by a first purchase of ``b`` in the next step. ``products`` are the product
    indices both sides are taken from (the item regression's, so it is one dense block)."""
    rows, cols, strength, age = cells
    where = np.full(int(cols.max(initial=-1)) + 1, -1)
    where[products] = np.arange(len(products))
    inside = where[cols] >= 0
    rows, at = rows[inside], where[cols[inside]]
    last = (age[inside] // STEP_DAYS).astype(np.int64)
    first = (first_age[inside] // STEP_DAYS).astype(np.int64)
    density = np.minimum(1.0, np.expm1(strength[inside]) / (first - last + 1)).astype(np.float32)
    start = np.full(n_customers, -1)
    np.maximum.at(start, rows, first)
    counts = np.zeros((len(products), len(products)), dtype=np.float32)
    held = np.zeros(len(products), dtype=np.float32)
    shape = (n_customers, len(products))
    for step in range(int(first.max(initial=0))):
        new = (first == step) & (start[rows] > step)  # first bought this step, not the household's first
        if not new.any():
            continue
        had = (last <= step + 1) & (first >= step + 1)
        weight = np.float32(0.5 ** (step * STEP_DAYS / half_life_days) if half_life_days else 1.0)
        before = sparse.csr_matrix((density[had] * weight, (rows[had], at[had])), shape=shape)
        after = sparse.csr_matrix((np.ones(int(new.sum()), np.float32), (rows[new], at[new])), shape=shape)
        counts += (before.T @ after).toarray()
        held += np.asarray(before.sum(axis=0)).ravel()
    np.fill_diagonal(counts, 0.0)
    return counts / (held[:, None] + np.float32(PRIOR))


def own_step(cells: tuple, n_customers: int, steps: int = 1) -> np.ndarray:
    """Per cell: bought within the customer's own last ``steps`` steps (a household that stopped in
    spring is asked about its spring, as the evaluation does)."""
    rows, _, _, age = cells
    return age - _latest(rows, age, n_customers)[rows] < steps * STEP_DAYS


def exploration(cells: tuple, first_age: np.ndarray, n_customers: int) -> np.ndarray:
    """Per customer: share of the products of their last ``EXPLORE_STEPS`` steps first bought in
    them (NaN without any)."""
    rows, _, _, age = cells
    lately = own_step(cells, n_customers, EXPLORE_STEPS)
    fresh = lately & (first_age - _latest(rows, age, n_customers)[rows] < EXPLORE_STEPS * STEP_DAYS)
    bought = np.bincount(rows[lately], minlength=n_customers).astype(np.float32)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.bincount(rows[fresh], minlength=n_customers) / bought


def _latest(rows: np.ndarray, age: np.ndarray, n_customers: int) -> np.ndarray:
    """Age of each customer's newest purchase."""
    latest = np.full(n_customers, np.inf, dtype=np.float32)
    np.minimum.at(latest, rows, age)
    return latest
