"""The margin of a gap between two ROC AUCs measured on the same customers (walk30)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

from crm_core.customers.metrics import paired_auc_margin


def test_the_paired_margin_matches_a_bootstrap_of_the_gap_and_is_narrower_than_each_aucs_own():
    """DeLong's closed form against 500 resamples of 93 customers; two scores that rank alike move
    together, so their gap's margin is well under the sum of their own."""
    rng = np.random.default_rng(30)
    y = (rng.random(93) < 0.7).astype(int)
    a = y * 0.3 + rng.random(93)
    b = 0.5 * a + y * 0.2 + 0.8 * rng.random(93)
    draws = [rng.integers(0, 93, 93) for _ in range(500)]
    gaps = [roc_auc_score(y[i], a[i]) - roc_auc_score(y[i], b[i]) for i in draws]
    margin = paired_auc_margin(y, a, b)
    assert abs(margin - 1.96 * np.std(gaps)) < 0.15 * margin, (margin, 1.96 * np.std(gaps))
    own = [1.96 * np.std([roc_auc_score(y[i], s[i]) for i in draws]) for s in (a, b)]
    assert margin < sum(own)
    assert paired_auc_margin(y, a, a) == 0.0
    assert np.isnan(paired_auc_margin(np.ones(5), a[:5], b[:5]))
