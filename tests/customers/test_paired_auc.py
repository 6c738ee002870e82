"""The margin of a gap between two ROC AUCs measured on the same customers (walk30)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from crm_core.customers.churn import ChurnConfig, ChurnRun
from crm_core.customers.churn_model import ChurnResult
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


@pytest.mark.parametrize(("lang", "won"), [("en", "better"), ("zh", "优于")])
def test_a_lead_with_one_churner_to_judge_it_is_not_called_a_win(lang, won):
    """walk37, 闲鱼's 3,546 orders: 13 validation customers, one of them churned, and the page
    said "模型对流失客户的排序优于最近购买规则：ROC AUC 0.500 对 0.417" under the AUC's own
    range 0.000–1.000: with one churner the gap has no margin (nan), which the sentence read as a win."""
    rng = np.random.default_rng(37)
    y = np.zeros(13, dtype=int)
    y[4] = 1
    p, recency = np.full(13, 0.2), rng.random(13)
    model, rule = roc_auc_score(y, p), roc_auc_score(y, recency)
    metrics = {"roc_auc": model, "recency_rule": {"roc_auc": rule}, "validation_customers": len(y),
               "lift_over_recency_auc": model - rule,
               "lift_over_recency_margin": paired_auc_margin(y, p, recency)}
    result = ChurnResult(pd.DataFrame(), metrics, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), y, p)
    run = ChurnRun("xy", ChurnConfig(), lang, result, pd.DataFrame())
    assert model != rule  # a lead the sentence could call a win
    said = run.recency_text(lang)
    assert won not in said and f"{model:.3f}" in said and "13" in said, said
