"""Precision and recall carry a standard error over the customers judged, computed as the hit
rate's is (a mean over customers, its spread over their number), and coverage its count."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend import baselines
from crm_core.recommend.evaluate import Judge
from crm_core.recommend.model import Recommender
from crm_core.report.margin import Z95, share_margin

DAY = pd.Timestamp("2024-03-01")
# best-sellers a (6 buyers), b (5), z (4: the judged customers' own), c (2)
HISTORY = [*[(f"o{i}", "a") for i in range(6)], *[(f"o{i}", "b") for i in range(5)],
           *[(f"o{i}", "c") for i in range(2)], *[(f"c{i}", "z") for i in range(1, 5)]]
# held out: c1 buys both of its top 2 (a, b), c2 one of two, c3 none, c4 one of three (q is new)
WINDOW = [("c1", "a"), ("c1", "b"), ("c2", "a"), ("c2", "c"), ("c3", "c"), ("c4", "b"), ("c4", "c"),
          ("c4", "q")]


def _judge() -> Judge:
    purchases = pd.DataFrame([(c, p, 1, DAY) for c, p in HISTORY],
                             columns=["customer_id", "product_id", "orders", "last_ts"])
    model = Recommender(half_life_days=None, popular_days=None, weights={"popular": 1.0}).fit(purchases)
    return Judge.of(model, pd.DataFrame(WINDOW, columns=["customer_id", "product_id"]))


def test_precision_and_recall_carry_their_standard_error_over_the_judged_customers():
    judge = _judge()
    score = baselines.score(judge, judge.model.window_popularity(None), 2)
    hits, sizes = np.array([2, 1, 0, 1]), np.array([2, 2, 1, 3])
    assert score["precision"] == pytest.approx((hits / 2).mean(), abs=1e-4)
    assert score["precision_se"] == pytest.approx(np.std(hits / 2) / np.sqrt(4), abs=1e-4)
    assert score["recall_se"] == pytest.approx(np.std(hits / sizes) / np.sqrt(4), abs=1e-4)
    assert score["hit_rate_se"] == pytest.approx(share_margin(score["hit_rate"], 4) / Z95, abs=1e-4), \
        "a share's error is the hit rate's, so precision's is computed the same way"


def test_coverage_keeps_its_count_of_the_products_bought():
    judge = _judge()
    score = baselines.score(judge, judge.model.window_popularity(None), 2)
    assert (score["products_covered"], score["products_bought"]) == (2, 4)  # a, b of a, b, c, q
    assert score["coverage"] == pytest.approx(2 / 4)
