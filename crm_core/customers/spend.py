"""Customer spend over the next N days, so marketing can rank customers by value.

Gradient-boosted regression (Poisson loss: spend is skewed and often zero) on RFM-style
behaviour features, trained with the churn model's cutoff scheme: features before the cutoff,
target = spend in the N days after. It is checked against what really happened after the
cutoff, beside the naive rule "they will spend what they spent in the last N days", and a
decile table shows how much of the real spend the top-ranked customers brought.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from crm_core.customers.history import (
    BEHAVIOUR_FEATURES,
    attach_segments,
    snapshot,
    visit_history,
    windows,
)
from crm_core.errors import CrmError
from crm_core.workspace.transactions import transaction_view

FEATURES = (*BEHAVIOUR_FEATURES, "spend_last_window")
RANDOM_STATE = 0


@dataclass
class SpendResult:
    """Expected spend per customer, validation metrics and the decile table."""

    scores: pd.DataFrame
    metrics: dict
    deciles: pd.DataFrame


def _model() -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(loss="poisson", max_iter=150, learning_rate=0.05,
                                         max_leaf_nodes=15, min_samples_leaf=20, random_state=RANDOM_STATE)


def decile_table(actual: np.ndarray, predicted: np.ndarray) -> pd.DataFrame:
    """Customers ranked by prediction in ten equal groups (1 = highest): real spend per group,
    its share of all real spend and the lift over the average customer."""
    frame = pd.DataFrame({"actual": actual, "predicted": predicted})
    order = frame["predicted"].rank(method="first", ascending=False)
    frame["decile"] = np.ceil(order * 10 / len(frame)).clip(1, 10).astype(int)
    table = frame.groupby("decile").agg(customers=("actual", "size"), predicted_mean=("predicted", "mean"),
                                        actual_mean=("actual", "mean"), actual_total=("actual", "sum"))
    total = frame["actual"].sum()
    table["share_of_actual"] = table["actual_total"] / total if total else np.nan
    table["cumulative_share"] = table["share_of_actual"].cumsum()
    mean = frame["actual"].mean()
    table["lift"] = table["actual_mean"] / mean if mean else np.nan
    return table.reset_index()


def _top_share(actual: np.ndarray, score: np.ndarray) -> float:
    n = max(len(actual) // 10, 1)
    total = actual.sum()
    return float(actual[np.argsort(-score, kind="stable")[:n]].sum() / total) if total else float("nan")


def regression_metrics(actual: np.ndarray, predicted: np.ndarray, naive: np.ndarray) -> dict[str, float]:
    """The model's errors and ranking beside the last-window rule on the same customers."""
    def rank_corr(score):
        return float(spearmanr(actual, score).statistic) if np.ptp(score) > 0 else 0.0
    return {"mae": float(np.mean(np.abs(predicted - actual))),
            "naive_mae": float(np.mean(np.abs(naive - actual))),
            "spearman": rank_corr(predicted), "naive_spearman": rank_corr(naive),
            "top_decile_share": _top_share(actual, predicted),
            "naive_top_decile_share": _top_share(actual, naive),
            "predicted_total": float(predicted.sum()), "actual_total": float(actual.sum())}


def train_spend(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                days: int = 90) -> SpendResult:
    """Train on the last full window, check out of time when the history allows, score today."""
    with threadpool_limits(limits=1):
        return _train_spend(con, table, roles, int(days))


def _train_spend(con, table: str, roles: dict[str, str], days: int) -> SpendResult:
    view = transaction_view(con, table, roles)
    if not view.has_amount:
        raise CrmError(f"Table '{table}' has no amount (or quantity and unit price) to forecast "
                       "spend from.")
    hist = visit_history(con, view)
    w = windows(con, hist, days)
    current = snapshot(con, hist, w.cutoff, days)
    if len(current) < 20:
        raise CrmError(f"Only {len(current)} customers bought before {w.cutoff}; too few to learn "
                       "spend from.")
    earlier = snapshot(con, hist, w.previous, days) if w.previous else None
    features = list(FEATURES)
    if earlier is not None and len(earlier) >= 20:
        train, valid = earlier, current
        validation = f"out_of_time: fit as of {w.previous}, checked as of {w.cutoff}"
        labelled = pd.concat([earlier, current], ignore_index=True)
    else:
        train, valid = train_test_split(current, test_size=0.25, random_state=RANDOM_STATE)
        validation, labelled = "holdout_25pct", current
    target = "future_spend"
    model = _model().fit(train[features], train[target].clip(lower=0))
    predicted = model.predict(valid[features])
    actual = valid[target].to_numpy(float)
    metrics = {"days": days, "end": str(w.end), "cutoff": str(w.cutoff), "validation": validation,
               "rows_train": len(train), "rows_valid": len(valid),
               **regression_metrics(actual, predicted, valid["spend_last_window"].to_numpy(float))}
    final = _model().fit(labelled[features], labelled[target].clip(lower=0))
    now = snapshot(con, hist, w.end, days)
    scores = pd.DataFrame({"customer_id": now["customer_id"],
                           "expected_spend": final.predict(now[features]),
                           "spend_last_window": now["spend_last_window"],
                           "recency_days": now["recency_days"]})
    scores = scores.sort_values("expected_spend", ascending=False, ignore_index=True)
    scores.insert(2, "value_rank", np.arange(1, len(scores) + 1))
    metrics["scored"] = len(scores)
    metrics["expected_total"] = float(scores["expected_spend"].sum())
    return SpendResult(attach_segments(con, scores), metrics, decile_table(actual, predicted))


def summary(result: SpendResult) -> dict:
    """The CLI's last line."""
    keys = ("mae", "naive_mae", "spearman", "naive_spearman", "top_decile_share",
            "naive_top_decile_share", "scored", "expected_total", "validation")
    return {k: result.metrics[k] for k in keys}
