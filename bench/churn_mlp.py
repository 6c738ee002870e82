"""Judge the small neural network as a churn candidate on a purchase log before it enters the run (clv31).

As ``bench/churn_inputs.py`` measures an input: each model fitted on the labelled snapshot one window
before the cutoff's backtest window, checked on the one up to the cutoff (the days after the cutoff
are never read). The network (the labelled tables' ``LossStoppedMLP`` on the same scaled inputs) is
compared with logistic regression, the candidate every backtest picks, by the paired bootstrap, for
the run's seed and two more; boosting is printed beside them.

Run: ``python bench/churn_mlp.py --log CDNOW_master.txt --amount-col dollar_value --cutoff 1997-09-30``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.churn_inputs import BASE, backtest_snapshots, paired_gain  # noqa: E402
from bench.customers_real import log_arguments  # noqa: E402
from crm_core.customers.churn_model import candidates  # noqa: E402
from crm_core.customers.history import preprocessor  # noqa: E402
from crm_core.customers.network import LossStoppedMLP  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

SEEDS = (0, 1, 2)


def network(seed: int) -> Pipeline:
    """The labelled tables' network candidate on the behaviour inputs, with this seed."""
    return Pipeline([("prep", preprocessor(BASE, [])), ("model", LossStoppedMLP(random_state=seed))])


def main() -> None:
    a = log_arguments(__doc__.splitlines()[0], 90).parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        _hist, w, earlier, current, _score = backtest_snapshots(con, a)
        y_fit, y = earlier["churned"].astype(int), current["churned"].to_numpy(int)
        models = candidates(BASE, [], "behaviour")
        base = models["logistic_regression"].fit(earlier[BASE], y_fit).predict_proba(current[BASE])[:, 1]
        boost = models["gradient_boosting"].fit(earlier[BASE], y_fit).predict_proba(current[BASE])[:, 1]
        print(f"{a.cutoff} logistic regression validation {roc_auc_score(y, base):.4f}; boosting "
              f"{roc_auc_score(y, boost):.4f} ({len(y):,} checked, fit as of {w.previous}, checked as of "
              f"{w.cutoff})", flush=True)
        gains = []
        for seed in SEEDS:
            start = time.process_time()
            p = network(seed).fit(earlier[BASE], y_fit).predict_proba(current[BASE])[:, 1]
            gain, se = paired_gain(y, base, p)
            gains.append(gain)
            print(f"{a.cutoff} network seed {seed} validation {roc_auc_score(y, p):.4f} gain {gain:+.4f} ± "
                  f"{se:.4f} ({time.process_time() - start:.1f} s CPU)", flush=True)
        print(f"{a.cutoff} network mean gain over seeds {SEEDS}: {np.mean(gains):+.4f}")


if __name__ == "__main__":
    main()
