"""Judge a churn blend out of time before it enters the run (clv30): (1 − w) × logistic regression
+ w × BG/NBD's P(no purchase in the window), w learned on customers it is not judged on.

As ``bench/churn_inputs.py`` measures an input: logistic regression fitted on the labelled snapshot
one window before the cutoff's backtest window, checked on the one up to the cutoff (the days after
the cutoff are never read). The checked customers are split in two stratified halves; w is chosen on
one half (ROC AUC, the smaller w on a tie) and applied to the other, both ways; the pooled blend is
compared with the regression by the paired bootstrap. ``1 − P(alive)`` is printed beside it as
information only.

Run: ``python bench/churn_blend.py --log CDNOW_master.txt --amount-col dollar_value --cutoff 1997-09-30``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.churn_inputs import BASE, backtest_snapshots, paired_gain  # noqa: E402
from bench.customers_real import log_arguments  # noqa: E402
from crm_core.customers.churn_model import candidates  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

WEIGHTS = np.round(np.arange(0, 1.0001, 0.05), 2)


def best_weight(y: np.ndarray, model: np.ndarray, rule: np.ndarray) -> float:
    """The blend weight with the highest ROC AUC on these customers (the smaller on a tie)."""
    aucs = [round(roc_auc_score(y, (1 - w) * model + w * rule), 9) for w in WEIGHTS]
    return float(WEIGHTS[int(np.argmax(aucs))])


def cross_fitted(y: np.ndarray, model: np.ndarray, rule: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """The blend on each half with the weight learned on the other half, and the two weights."""
    out, chosen = np.empty_like(model), []
    halves = StratifiedKFold(2, shuffle=True, random_state=0).split(model.reshape(-1, 1), y)
    for learn, judge in halves:
        w = best_weight(y[learn], model[learn], rule[learn])
        out[judge] = (1 - w) * model[judge] + w * rule[judge]
        chosen.append(w)
    return out, chosen


def main() -> None:
    a = log_arguments(__doc__.splitlines()[0], 90).parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        _hist, w, earlier, current, _score = backtest_snapshots(con, a)
        y = current["churned"].to_numpy(int)
        model = candidates(BASE, [], "behaviour")["logistic_regression"]
        p = model.fit(earlier[BASE], earlier["churned"]).predict_proba(current[BASE])[:, 1]
        print(f"{a.cutoff} logistic regression validation {roc_auc_score(y, p):.4f} ({len(y):,} checked, "
              f"fit as of {w.previous}, checked as of {w.cutoff})")
        for name, rule in (("p_none", current["p_none"]), ("1 - p_alive", 1 - current["p_alive"])):
            rule = rule.to_numpy(float)
            blend, chosen = cross_fitted(y, p, rule)
            gain, se = paired_gain(y, p, blend)
            w_all = best_weight(y, p, rule)
            print(f"{a.cutoff} blend with {name:12s} alone {roc_auc_score(y, rule):.4f}; cross-fitted "
                  f"{roc_auc_score(y, blend):.4f} gain {gain:+.4f} ± {se:.4f}; w per half {chosen}; "
                  f"chosen on all checked (optimistic) w {w_all}, "
                  f"{roc_auc_score(y, (1 - w_all) * p + w_all * rule):.4f}", flush=True)


if __name__ == "__main__":
    main()
