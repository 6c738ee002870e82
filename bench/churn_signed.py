"""Judge logistic regression with each input's direction fixed before it enters the run (clv32).

The run's regression is fitted on a snapshot of younger customers than the one it scores; among its
correlated inputs (orders in 30 / 90 / 180 days, spend, visits) it may weigh one against another in
ways that fit the young snapshot only. Here the weights of inputs whose direction the event itself
says (more recent buying, less chance of 90 silent days) are held to that sign; the rest stay free.
Fitted and checked as ``bench/churn_inputs.py`` checks an input (the snapshot one window before the
cutoff's backtest window, checked on the one up to it); the gain over the plain regression with
``metrics.paired_auc_margin`` beside it. ``--held-out`` also reads the 90 days after the cutoff once:
both fitted as the run fits its winner (both snapshots), scored as of the cutoff.

Run: ``python bench/churn_signed.py --log CDNOW_master.txt --amount-col dollar_value --cutoff 1997-09-30``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.churn_inputs import BASE, backtest_snapshots  # noqa: E402
from bench.customers_real import log_arguments  # noqa: E402
from crm_core.customers.churn_model import candidates  # noqa: E402
from crm_core.customers.history import preprocessor  # noqa: E402
from crm_core.customers.metrics import auc_standard_error, paired_auc_margin  # noqa: E402
from crm_core.report.margin import Z95  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

SIGNS = {"recency_days": 1, "mean_gap_days": 1, "overdue_ratio": 1, "p_none": 1,
         "frequency": -1, "monetary": -1, "orders_30d": -1, "orders_90d": -1, "orders_180d": -1,
         "spend_90d": -1, "spend_365d": -1, "expected_purchases": -1}
"""Written before any number of this model was read: +1 raises churn, −1 lowers it. Free: tenure,
order value, returns, products (either way by shop) and BG/NBD's P(alive), which is 1 for every
one-order customer, those who churn most; the missing-value flags."""


class SignedLogistic(ClassifierMixin, BaseEstimator):
    """L2 logistic regression (sklearn's objective, C = 1) with each weight held to its sign."""

    def __init__(self, signs=(), C: float = 1.0):
        self.signs = signs
        self.C = C

    def fit(self, X, y):
        X, y = np.asarray(X, float), np.asarray(y, float)
        k = X.shape[1]
        signs = list(self.signs) + [0] * (k - len(self.signs))  # the imputer's flags come last
        bounds = [(0, None) if s > 0 else (None, 0) if s < 0 else (None, None) for s in signs]
        bounds.append((None, None))  # the intercept

        def loss(theta):
            z = X @ theta[:k] + theta[k]
            value = -self.C * np.sum(y * log_expit(z) + (1 - y) * log_expit(-z)) + 0.5 * theta[:k] @ theta[:k]
            r = self.C * (expit(z) - y)
            return value, np.append(X.T @ r + theta[:k], r.sum())

        done = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                        options={"maxiter": 3000})
        self.coef_, self.intercept_, self.classes_ = done.x[:k], done.x[k], np.array([0, 1])
        return self

    def predict_proba(self, X):
        p = expit(np.asarray(X, float) @ self.coef_ + self.intercept_)
        return np.column_stack([1 - p, p])


def signed(features: list[str]) -> Pipeline:
    """The run's preprocessing (impute with flags, signed log, scale), then the signed regression."""
    return Pipeline([("prep", preprocessor(features, [])),
                     ("model", SignedLogistic(tuple(SIGNS.get(f, 0) for f in features)))])


def compare(label: str, y: np.ndarray, plain: np.ndarray, held: np.ndarray) -> None:
    """Both AUCs, the gain, the paired 95 % margin and the paired standard error it implies."""
    a, b = roc_auc_score(y, plain), roc_auc_score(y, held)
    margin = paired_auc_margin(y, held, plain)
    print(f"{label}: plain {a:.4f} ± {auc_standard_error(y, a):.4f}, signed {b:.4f}, gain {b - a:+.4f}, "
          f"paired margin {margin:.4f} (SE {margin / Z95:.4f}), {len(y):,} customers", flush=True)


def main() -> None:
    parser = log_arguments(__doc__.splitlines()[0], 90)
    parser.add_argument("--held-out", action="store_true")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        _hist, w, earlier, current, score = backtest_snapshots(con, a)
        plain = candidates(BASE, [], "behaviour")["logistic_regression"]
        y_fit, y = earlier["churned"].astype(int), current["churned"].to_numpy(int)
        p = plain.fit(earlier[BASE], y_fit).predict_proba(current[BASE])[:, 1]
        model = signed(BASE).fit(earlier[BASE], y_fit)
        q = model.predict_proba(current[BASE])[:, 1]
        compare(f"{a.cutoff} validation (fit as of {w.previous}, checked as of {w.cutoff})", y, p, q)
        held = dict(zip(BASE, np.round(model[-1].coef_[:len(BASE)], 3), strict=True))
        print(f"  signed weights: {held}")
        if a.held_out:
            both = pd.concat([earlier, current], ignore_index=True)
            y_both, y_after = both["churned"].astype(int), score["churned"].to_numpy(int)
            p = plain.fit(both[BASE], y_both).predict_proba(score[BASE])[:, 1]
            q = signed(BASE).fit(both[BASE], y_both).predict_proba(score[BASE])[:, 1]
            compare(f"{a.cutoff} held out ({a.days} days after the cutoff)", y_after, p, q)


if __name__ == "__main__":
    main()
