"""The 95% margins the pages print under a ROC AUC and a hit rate, against resampling."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

from crm_core.report.margin import Z95, auc_margin, mean_range, mean_standard_error, share_margin, share_range


def test_auc_margin_matches_the_spread_of_a_bootstrap():
    """Hanley–McNeil's closed form against 400 bootstrap resamples of 1,500 scored customers."""
    rng = np.random.default_rng(7)
    y = (rng.random(1500) < 0.3).astype(int)
    score = y * 0.8 + rng.normal(size=1500)
    auc = roc_auc_score(y, score)
    draws = []
    for _ in range(400):
        i = rng.integers(0, 1500, 1500)
        draws.append(roc_auc_score(y[i], score[i]))
    spread = (np.quantile(draws, 0.975) - np.quantile(draws, 0.025)) / 2
    assert abs(auc_margin(auc, int(y.sum()), int(len(y) - y.sum())) - spread) < 0.25 * spread


def test_share_margin_of_a_hit_rate_on_two_thousand_customers():
    """docs/presentation.md: 1,976 held-out customers, a 41.6% hit rate: about ±2.2 points."""
    assert 0.021 < share_margin(0.416, 1976) < 0.023
    assert share_margin(0.4, 0) != share_margin(0.4, 0)  # nothing measured: no margin


def test_share_range_is_wilsons_and_stays_within_zero_and_one():
    """Newcombe (1998), table I: 81 of 263 gives 0.2553–0.3662; 0 of 20 gives 0–0.1611. A share of
    all or none keeps a range of its own (the normal approximation says 100%–100%)."""
    assert np.allclose(share_range(81, 263), (0.2553, 0.3662), atol=5e-4)
    assert np.allclose(share_range(0, 20), (0.0, 0.1611), atol=5e-4)
    low, high = share_range(10, 10)
    assert 0.6 < low < 1.0 and high == 1.0
    assert all(b != b for b in share_range(0, 0))


def test_mean_range_of_customers_all_scoring_the_same_keeps_a_width():
    """left61: recall@10 of 1.0 for each of 5 judged customers read "100%–100%" (a standard error of 0);
    the range is as wide as a hit rate's of 5 of 5 would be (Agresti–Coull's about 51%–100%)."""
    low, high = mean_range(np.ones(5))
    assert 0.45 < low < 0.6 and high == 1.0
    low, high = mean_range(np.full(5, 0.2))  # precision@10 of 2 hits each
    assert low < 0.1 and 0.5 < high < 0.7
    assert all(b != b for b in mean_range(np.array([])))


def test_mean_range_covers_the_truth_on_few_customers_and_keeps_the_standard_error_on_many():
    """Recall-like per-customer scores (0, a half or 1, true mean 0.85): on 5 customers the range holds
    the true mean in about 95% of draws, where mean ± 1.96 SE held it in under 80%; on 858 it is the
    standard error's range within a few tenths of a point."""
    rng = np.random.default_rng(61)
    values, chances = np.array([0.0, 0.5, 1.0]), np.array([0.05, 0.2, 0.75])
    truth = float(values @ chances)
    held = normal = 0
    for _ in range(2000):
        draw = rng.choice(values, 5, p=chances)
        low, high = mean_range(draw)
        held += low <= truth <= high
        margin_ = Z95 * mean_standard_error(draw)
        normal += draw.mean() - margin_ <= truth <= draw.mean() + margin_
    assert held / 2000 > 0.93 and normal / 2000 < 0.8, (held, normal)
    many = rng.choice(values, 858, p=chances)
    low, high = mean_range(many)
    margin_ = Z95 * mean_standard_error(many)
    assert np.allclose((low, high), (many.mean() - margin_, many.mean() + margin_), atol=3e-3)
