"""Judge candidate churn inputs out of time, before any of them enters the run (clv22).

Validation ROC AUC as the run's backtest measures it: logistic regression fitted on the labelled
snapshot one window before the cutoff, checked on the one up to it (the 90 days after the cutoff
are never read). Each set is the run's features plus the set's; beside its AUC the gain over the
base and the paired bootstrap standard error of that gain (the checked customers resampled).

Run: ``python bench/churn_inputs.py --log CDNOW_master.txt --amount-col dollar_value --cutoff
1997-09-30`` (``--sets base,gap_cv,…,ranked``; ``--boosting`` adds the gradient boosting candidate).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import norm
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.customers.churn_model import BTYD_FEATURES, behaviour_snapshots, candidates  # noqa: E402
from crm_core.customers.history import BEHAVIOUR_FEATURES  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

# Gaps in fractional days (a grocery household's two baskets on one day are half a day apart at
# least, so a log gap stays finite).
_GAPS_SQL = """
WITH v AS (SELECT customer_id::VARCHAR AS customer_id, ts, amount FROM {visits}
           WHERE ts < $as_of AND amount >= 0),
g AS (SELECT customer_id, amount, ts,
             greatest(epoch(ts) - epoch(lag(ts) OVER (PARTITION BY customer_id ORDER BY ts)), 43200)
                 / 86400.0 AS gap,
             row_number() OVER (PARTITION BY customer_id ORDER BY ts DESC) AS back FROM v)
SELECT customer_id,
       count(gap) AS gaps,
       CASE WHEN count(gap) >= 2 THEN stddev_samp(gap) / avg(gap) END AS gap_cv,
       CASE WHEN count(gap) >= 3 THEN
            (max(gap) FILTER (WHERE back = 1) - max(gap) FILTER (WHERE back = 3))
            / avg(gap) FILTER (WHERE back <= 3) END AS gap_trend,
       avg(ln(gap)) AS mean_log_gap,
       sum(power(ln(gap), 2)) AS sum_sq_log_gap
FROM g GROUP BY customer_id
"""

SHRINK_GAPS = 2.0
BASE = [*BEHAVIOUR_FEATURES, *BTYD_FEATURES]
SETS = {
    "base": [],
    "gap_cv": ["gap_cv"],
    "gap_trend": ["gap_trend"],
    "spend_share_90d": ["spend_share_90d"],
    "gap_shape": ["gap_cv", "gap_trend", "spend_share_90d"],
    "lognormal": ["p_quiet_lognormal"],
    "ranked": [],
}
RANKED = "ranked"


def ranked(frame: pd.DataFrame, features: list[str]) -> pd.DataFrame:
    """Each input as its percentile among this snapshot's customers (ties averaged, missing kept
    missing): a snapshot of a young cohort and one of an older cohort then read on one scale."""
    out = frame.copy()
    for column in features:
        out[column] = frame[column].rank(pct=True)
    return out


def quiet_chance(mean_log: np.ndarray, spread: float, silence: np.ndarray, days: int) -> np.ndarray:
    """P(no visit in the next ``days`` | ``silence`` days since the last) for log-normal gaps:
    S(silence + days) ÷ S(silence), in log space so long silences do not underflow."""
    later = norm.logsf((np.log(silence + days) - mean_log) / spread)
    now = norm.logsf((np.log(silence) - mean_log) / spread)
    return np.exp(later - now)


def with_gap_inputs(con, hist, as_of: date, frame: pd.DataFrame, days: int) -> pd.DataFrame:
    """The frame with the gap-shape inputs and the log-normal quiet chance, from visits before
    ``as_of`` only (the population's log-gap mean and spread too)."""
    gaps = con.execute(_GAPS_SQL.format(visits=hist.visits), {"as_of": as_of}).df()
    out = frame.merge(gaps, on="customer_id", how="left")
    n = out["gaps"].fillna(0).to_numpy(float)
    own = out["mean_log_gap"].to_numpy(float)
    has = n > 0
    population = float(np.sum(own[has] * n[has]) / n[has].sum())
    within = out["sum_sq_log_gap"].to_numpy(float)[has] - n[has] * own[has] ** 2
    spread = float(np.sqrt(within.sum() / max(n[has].sum() - has.sum(), 1)))
    pooled = (np.nan_to_num(own) * n + SHRINK_GAPS * population) / (n + SHRINK_GAPS)
    shrunk = np.where(has, pooled, population)
    silence = np.maximum(out["recency_days"].to_numpy(float), 0.5)
    out["p_quiet_lognormal"] = quiet_chance(shrunk, max(spread, 0.1), silence, days)
    money = out["monetary"].to_numpy(float)
    recent = out["spend_90d"].to_numpy(float)
    out["spend_share_90d"] = np.where(money > 0, recent / np.where(money > 0, money, 1), np.nan)
    return out


def paired_gain(y: np.ndarray, base: np.ndarray, new: np.ndarray, draws: int = 200) -> tuple[float, float]:
    """AUC(new) − AUC(base) and its bootstrap standard error over the same resampled customers."""
    rng = np.random.default_rng(0)
    gain = roc_auc_score(y, new) - roc_auc_score(y, base)
    diffs = []
    for _ in range(draws):
        i = rng.integers(0, len(y), len(y))
        if 0 < y[i].sum() < len(i):
            diffs.append(roc_auc_score(y[i], new[i]) - roc_auc_score(y[i], base[i]))
    return gain, float(np.std(diffs, ddof=1))


def backtest_snapshots(con, a: argparse.Namespace):
    """The log of ``a.log`` loaded into this workspace and its churn snapshots as of ``a.cutoff``
    (history, windows, the earlier and current labelled snapshots, the one to score), as the run
    builds them: every churn bench judges on the same customers."""
    load_file(con, a.log, table="log")
    roles = get_roles(con, "log", {"amount": a.amount_col} if a.amount_col else {})
    return behaviour_snapshots(con, "log", roles, a.days, a.cutoff)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--log", required=True)
    ap.add_argument("--amount-col")
    ap.add_argument("--cutoff", type=date.fromisoformat, required=True)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--boosting", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        hist, w, earlier, current, _score = backtest_snapshots(con, a)
        earlier = with_gap_inputs(con, hist, w.previous, earlier, a.days)
        current = with_gap_inputs(con, hist, w.cutoff, current, a.days)
        y_fit, y = earlier["churned"].astype(int), current["churned"].to_numpy(int)
        names = ["logistic_regression", *(["gradient_boosting"] if a.boosting else [])]
        base = {}
        for s in a.sets.split(","):
            feats = BASE + SETS[s]
            fit, check = earlier, current
            if s == RANKED:
                fit, check = ranked(earlier, feats), ranked(current, feats)
            for name in names:
                model = candidates(feats, [], "behaviour")[name].fit(fit[feats], y_fit)
                p = model.predict_proba(check[feats])[:, 1]
                base.setdefault(name, p)
                gain, se = paired_gain(y, base[name], p)
                print(f"{a.cutoff} {s:16s} {name:20s} validation {roc_auc_score(y, p):.4f} "
                      f"gain {gain:+.4f} ± {se:.4f} ({len(y):,} checked, fit as of {w.previous})", flush=True)


if __name__ == "__main__":
    main()
