"""Churn risk models: who is likely to leave, how sure we are, and why.

Two ways to get a label. A column the analyst names on a customer table (see
:mod:`crm_core.customers.labels`) — or behaviour: "no purchase in the N days after the cutoff",
with features as of N days before the cutoff and the label from the window up to it; customers
are then scored with features as of the cutoff, so nothing after it is ever read. Candidates
are validated out of time when the history allows (fit one window earlier, check on the next),
else on a stratified hold-out, and the best ROC AUC wins: logistic regression, gradient
boosting, the BG/NBD probability of no purchase (behaviour) or a small neural network (labels).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

import duckdb
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from crm_core.customers import lists
from crm_core.customers.btyd import WEEK, BetaGeo, Summary
from crm_core.customers.configs import DEFAULT_INACTIVE_DAYS
from crm_core.customers.history import (
    BEHAVIOUR_FEATURES,
    driver_effects,
    drivers_text,
    in_value_order,
    preprocessor,
    reference_row,
    snapshot,
    visit_history,
    windows,
)
from crm_core.customers.labels import (
    Value,
    blank_on_leavers,
    customer_frame,
    filled_on_leavers,
    label_data,
    label_leaks,
    value_column,
    zeroed_on_leavers,
)
from crm_core.customers.leaving import no_purchases
from crm_core.customers.metrics import (
    auc_standard_error,
    calibration_table,
    classification_metrics,
    f1_threshold,
    paired_auc_margin,
    resampled_margins,
    threshold_table,
)
from crm_core.customers.network import LossStoppedMLP
from crm_core.customers.shorter_window import shorter_window
from crm_core.errors import CrmError
from crm_core.i18n import Day, Sentence
from crm_core.report.margin import auc_margin
from crm_core.workspace import runs, store
from crm_core.workspace.missing import undated_order_lines
from crm_core.workspace.shared import shared_said
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.summary import customer_list_why
from crm_core.workspace.transactions import transaction_view

RANDOM_STATE = 0
CV_FOLDS = 5
BTYD_FEATURES = ("p_alive", "p_none", "expected_purchases")


class NoPurchaseRule(ClassifierMixin, BaseEstimator):
    """BG/NBD's P(no purchase in the window) as a classifier: nothing to fit (the BTYD fit
    already happened as of each snapshot's date), so it slots in beside the learned models."""

    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        p = np.clip(np.asarray(X["p_none"], float), 0, 1)
        return np.column_stack([1 - p, p])


def candidates(numeric: list[str], categorical: list[str], mode: str = "label") -> dict:
    """The models compared on a run: two always, the BTYD rule on behaviour, the MLP on labels."""
    models = {
        "logistic_regression": Pipeline([("prep", preprocessor(numeric, categorical)),
                                         ("model", LogisticRegression(max_iter=3000))]),
        "gradient_boosting": Pipeline([("prep", preprocessor(numeric, categorical, scale=False)),
                                       ("model", HistGradientBoostingClassifier(
                                           max_iter=150, learning_rate=0.05, max_leaf_nodes=15,
                                           min_samples_leaf=20, random_state=RANDOM_STATE))]),
    }
    if mode == "behaviour":
        models["bgnbd"] = NoPurchaseRule()
    else:
        models["neural_network"] = Pipeline([
            ("prep", preprocessor(numeric, categorical)),
            ("model", LossStoppedMLP(random_state=RANDOM_STATE))])
    return models


@dataclass
class ChurnResult:
    """Scores, validation metrics and everything the page draws."""

    scores: pd.DataFrame
    metrics: dict
    thresholds: pd.DataFrame
    drivers: pd.DataFrame
    calibration: pd.DataFrame
    y_valid: np.ndarray
    p_valid: np.ndarray
    spec: dict = field(default_factory=dict)


def at_threshold(result: ChurnResult, threshold: float) -> dict[str, float]:
    """Precision and recall on the validation customers, with the counts they are shares of (a share
    of 71 customers reads differently from one of 7,000), and the count flagged among the scored."""
    flag = result.p_valid >= threshold
    tp, churners = int((flag & (result.y_valid == 1)).sum()), int((result.y_valid == 1).sum())
    return {"precision": tp / flag.sum() if flag.sum() else float("nan"),
            "recall": tp / max(churners, 1), "caught": tp, "flagged_valid": int(flag.sum()),
            "churners": churners, "flagged": int((result.scores["churn_probability"] >= threshold).sum())}


def _check_classes(y: np.ndarray, what: Sentence, shorter: Callable[[], int | None] | None = None) -> None:
    """Refuse labels with fewer than five of a kind; too few churned names ``shorter()``'s window if any."""
    positives = int(y.sum())
    if len(y) < 20 or positives < 5 or len(y) - positives < 5:
        window = shorter() if shorter and positives < 5 <= len(y) - positives else None
        key = "customers.error.few_churned_shorter" if window else "customers.error.few_classes"
        raise CrmError(Sentence(key, what=what, n=f"{len(y):,}", churned=f"{positives:,}", days=window))


@dataclass
class _Training:
    """The rows to fit, check and score, as either label source prepares them."""

    to_score: pd.DataFrame
    labelled: pd.DataFrame
    y_all: np.ndarray
    train: pd.DataFrame
    y_train: np.ndarray
    valid: pd.DataFrame
    y_valid: np.ndarray
    numeric: list[str]
    categorical: list[str]
    info: dict
    spec: dict
    recency: np.ndarray | None = None


def _fit_and_validate(data: _Training, mode: str):
    """Fit every candidate on the training rows, score it on the validation rows; the winner
    and every candidate's (model, probabilities, metrics, probabilities the choice saw).

    Out of time (behaviour) the later window is the validation. On a labelled table the choice
    and the risk threshold are made on 5-fold cross-validation inside the training rows, so the
    25 % hold-out is scored once, after the choice, and its AUC is not the best of three."""
    features = data.numeric + data.categorical
    results = {}
    folds = StratifiedKFold(CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)
    for name, model in candidates(data.numeric, data.categorical, mode).items():
        seen = None
        if mode == "label":
            seen = cross_val_predict(clone(model), data.train[features], data.y_train, cv=folds,
                                     method="predict_proba")[:, 1]
        model.fit(data.train[features], data.y_train)
        p = model.predict_proba(data.valid[features])[:, 1]
        metrics = classification_metrics(data.y_valid, p)
        if seen is not None:
            metrics["cv_roc_auc"] = float(roc_auc_score(data.y_train, seen))
        results[name] = (model, p, metrics, seen)
    return _best(results), results


SIMPLEST_FIRST = ("bgnbd", "logistic_regression", "gradient_boosting", "neural_network")
"""The candidates from the fewest things fitted to the labels to the most: BG/NBD's rule fits
none, a regression one weight per feature, boosting and the network many."""


def _best(results: dict) -> str:
    """The candidate with the best ROC AUC; on a tie the simplest (:data:`SIMPLEST_FIRST`). A few
    validation customers often rank two candidates alike (8 of 30 bike shops: BG/NBD and the
    regression both 0.917), and a tie is no evidence for the one that learned more: the regression
    chosen by dict order scored every shop 0.78-1.0, the busiest highest."""
    def key(name: str) -> tuple[float, int]:
        auc = results[name][2].get("cv_roc_auc", results[name][2]["roc_auc"])
        return round(auc, 9), -SIMPLEST_FIRST.index(name)
    return max(results, key=key)


def _drivers(model, valid: pd.DataFrame, y_valid: np.ndarray, features: list[str]) -> pd.DataFrame:
    """Permutation importance (drop in ROC AUC when a column is shuffled) on validation rows."""
    sample = valid.sample(min(len(valid), 2000), random_state=RANDOM_STATE)
    ys = y_valid[valid.index.get_indexer(sample.index)]
    if len(set(ys)) < 2:
        sample, ys = valid, y_valid
    imp = permutation_importance(model, sample[features], ys, scoring="roc_auc", n_repeats=3,
                                 random_state=RANDOM_STATE)
    return (pd.DataFrame({"feature": features, "importance": imp.importances_mean})
            .sort_values("importance", ascending=False, ignore_index=True))


def _score_frame(model, frame: pd.DataFrame, features: list[str], reference: dict) -> pd.DataFrame:
    """Scores ranked by churn probability, with the features that push each one up."""
    p = model.predict_proba(frame[features])[:, 1]
    order = np.argsort(-p, kind="stable")
    ranked = frame.iloc[order].reset_index(drop=True)
    out = pd.DataFrame({"customer_id": ranked["customer_id"].astype(str).to_numpy(),
                        "churn_probability": p[order]})
    found = driver_effects(lambda f: model.predict_proba(f[features])[:, 1], ranked, features, reference)
    out["drivers"] = [drivers_text(row) for row in found]
    out["__found"] = pd.Series(found, dtype=object)  # (feature, value, effect): the reasons in words
    if "__value" in ranked:
        out["value"] = ranked["__value"].to_numpy()
    keep = [c for c in ("label", "recency_days", "mean_gap_days", "frequency", "monetary", "tenure_days",
                        "p_alive", "expected_purchases") if c in ranked]
    return pd.concat([out, ranked[keep]], axis=1)


def _with_value(frame: pd.DataFrame, value: Value | None) -> pd.DataFrame:
    """``__value``: the money column (or a bill's parts, summed) times its months (a year of a
    monthly charge)."""
    if value is None:
        return frame
    return frame.assign(__value=frame[list(value.columns)].sum(axis=1, min_count=1) * value.months)


def _label_mode(con, table, roles, label_col, value_col: str | None = None) -> _Training:
    frame, columns, id_col, unnamed, repeated = label_data(con, table, roles, label_col)
    value = value_column(columns, roles, value_col)
    frame = _with_value(frame, value)
    numeric = [c.name for c in columns if c.kind != "category"]
    categorical = [c.name for c in columns if c.kind == "category"]
    labelled = frame[frame["__y"].notna()].reset_index(drop=True)
    y = labelled["__y"].to_numpy(int)
    _check_classes(y, Sentence("customers.error.who_table", table=table))
    leaks = label_leaks(labelled, numeric, y)
    if leaks and (categorical or len(leaks) < len(numeric)):  # a model of the others is still possible
        numeric = [c for c in numeric if c not in leaks]
    else:
        leaks = {}
    outcome = filled_on_leavers(labelled, numeric + categorical, y)
    zeroed = zeroed_on_leavers(labelled, [c for c in numeric if c not in outcome], y)
    blanked = blank_on_leavers(labelled, [c for c in numeric + categorical if c not in outcome], y)
    gone = outcome.keys() | zeroed.keys() | blanked.keys()
    if len(gone) < len(numeric) + len(categorical):
        numeric = [c for c in numeric if c not in gone]
        categorical = [c for c in categorical if c not in gone]
    else:
        outcome, zeroed, blanked = {}, {}, {}
    train, valid = train_test_split(labelled, test_size=0.25, stratify=y, random_state=RANDOM_STATE)
    y_train, y_valid = train["__y"].to_numpy(int), valid["__y"].to_numpy(int)
    valid = valid.reset_index(drop=True)
    info = {"mode": "label_column", "label_column": label_col, "validation": "cv_then_holdout_25pct",
            "rows_train": len(train), "rows_valid": len(valid), "churn_rate": float(y.mean()),
            "churn_rate_of": len(y),
            "label_says_no_leaving": unnamed, "left_out_leaks": leaks, "left_out_outcome": outcome,
            "left_out_zeroed": zeroed, "left_out_blanked": blanked,
            "repeated_ids": {"customers": repeated, "by_date": [c.name for c in columns if c.kind == "days"]}}
    if value is not None:
        info["value"] = {"column": value.column, "kind": value.kind, "months": value.months}
    spec = {"mode": "label", "columns": columns, "id_col": id_col, "label_col": label_col, "value": value}
    to_score = frame.assign(label=frame["__y"].map({1: "churned", 0: "stayed"}))
    return _Training(to_score, labelled, y, train, y_train, valid, y_valid, numeric, categorical, info, spec)


def with_btyd(frame: pd.DataFrame, days: int) -> pd.DataFrame:
    """Add BG/NBD P(alive), P(no purchase in ``days``) and expected purchases, fitted on this
    snapshot alone (so the features never know more than the snapshot's date)."""
    summary = Summary.from_frame(frame)
    model = BetaGeo.fit(summary)
    weeks = days / WEEK
    return frame.assign(p_alive=model.p_alive(summary), p_none=model.p_none(summary, weeks),
                        expected_purchases=model.expected(summary, weeks))


def _one_row_each(con, table: str, roles: dict[str, str]) -> bool:
    """True when the customer id differs on every row that has one: one row per customer. A kept
    run's result (a segmentation) is left to the purchase-log refusal, which names its log."""
    if runs.run_of_table(con, table):
        return False
    col = qi(roles["customer_id"])
    distinct, rows = con.execute(f"SELECT count(DISTINCT {col}), count({col}) FROM {qi(table)}").fetchone()
    return distinct == rows


def behaviour_snapshots(con, table: str, roles: dict[str, str], days: int, cutoff: date | None):
    """(history, windows, the previous / current labelled snapshots, the one to score) as of the
    cutoff; the history names the shared accounts it left out. A table with neither a customer id
    nor a date is people, one a row (as segment reads it): its way on is a label column; so is
    one whose id differs on every row and that has no date (judge11: a bank's card holders were
    told "no date column; mark one", though no date could make them a purchase log)."""
    if not roles.get("date") and (not roles.get("customer_id") or _one_row_each(con, table, roles)):
        lines = None if roles.get("customer_id") else undated_order_lines(con, table)
        raise CrmError(lines or no_purchases(con, table, roles))
    view = transaction_view(con, table, roles)
    distinct = con.execute(f"SELECT count(DISTINCT customer_id), count(*) FROM ({view.sql})").fetchone()
    if distinct[0] == distinct[1] and (not (view.has_amount or view.has_quantity)
                                       or customer_list_why(con, table, roles)):  # Substack's totals (walk38)
        raise CrmError(no_purchases(con, table, roles))
    hist = visit_history(con, view)
    w = windows(con, hist, days, cutoff)
    current = with_btyd(_ordered(con, hist, w.cutoff, days), days)
    earlier = _ordered(con, hist, w.previous, days) if w.previous else None
    if earlier is not None and len(earlier) >= 20:
        earlier = with_btyd(earlier, days)
    return hist, w, earlier, current, with_btyd(_ordered(con, hist, w.end, days), days)


def _ordered(con, hist, as_of: date, days: int) -> pd.DataFrame:
    """The snapshot in :func:`in_value_order`: the models' sums and the hold-out read rows in
    order, and id order gave the same customers other probabilities in the last bits (det28)."""
    return in_value_order(snapshot(con, hist, as_of, days))


def _churned_with(con, table, roles, cutoff, window: int) -> np.ndarray:
    """Who churned as of the cutoff had the window been ``window`` days (a refusal's shorter window)."""
    return behaviour_snapshots(con, table, roles, window, cutoff)[3]["churned"].to_numpy(int)


def _behaviour_mode(con, table, roles, days, cutoff) -> _Training:
    hist, w, earlier, current, score = behaviour_snapshots(con, table, roles, days, cutoff)
    y_current = current["churned"].to_numpy(int)
    shorter = partial(shorter_window, partial(_churned_with, con, table, roles, cutoff), days)
    _check_classes(y_current, Sentence("customers.error.who_active", cutoff=Day(w.cutoff)), shorter)
    if earlier is not None and len(earlier) >= 20 and 5 <= earlier["churned"].sum() <= len(earlier) - 5:
        train, valid = earlier, current
        validation = "out_of_time"
        checked = {"fit_as_of": str(w.previous), "checked_as_of": str(w.cutoff)}
        labelled = pd.concat([earlier, current], ignore_index=True)
    else:
        train, valid = train_test_split(current, test_size=0.25, stratify=y_current,
                                        random_state=RANDOM_STATE)
        valid = valid.reset_index(drop=True)
        validation, labelled, checked = "stratified_holdout_25pct", current, {}
    info = {"mode": "inactive_days", "inactive_days": days, "scored_as_of": str(w.end),
            "cutoff": str(w.end - timedelta(days=1)), "validation": validation, **checked,
            "rows_train": len(train), "rows_valid": len(valid), "churn_rate": float(y_current.mean()),
            "churn_rate_of": len(y_current),
            "shared_accounts": shared_said(hist.shared), "activity": hist.activity}
    spec = {"mode": "behaviour", "days": days}
    return _Training(score, labelled, labelled["churned"].to_numpy(int), train,
                     train["churned"].to_numpy(int), valid, valid["churned"].to_numpy(int),
                     [*BEHAVIOUR_FEATURES, *BTYD_FEATURES], [], info, spec,
                     valid["recency_days"].to_numpy(float))


def train_churn(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], *,
                inactive_days: int | None = None, cutoff: date | None = None,
                score_table: str | None = None, score_roles: dict[str, str] | None = None,
                value_col: str | None = None) -> ChurnResult:
    """Train, validate and score. Without a window: the table's label role, else behaviour
    with a 90-day window. ``value_col`` names the money column of a labelled table."""
    store.require_table(con, table)
    with threadpool_limits(limits=1):  # OpenMP threads spin badly on busy shared machines
        label_col = None if inactive_days else roles.get("label")
        if label_col and cutoff:
            raise CrmError(Sentence("customers.error.cutoff_with_label", table=table, column=label_col))
        if label_col:
            data = _label_mode(con, table, roles, label_col, value_col)
        else:
            data = _behaviour_mode(con, table, roles, int(inactive_days or DEFAULT_INACTIVE_DAYS), cutoff)
        return _train(con, data, score_table, score_roles)


def _train(con, data: _Training, score_table: str | None, score_roles: dict | None) -> ChurnResult:
    mode = data.spec["mode"]
    features = data.numeric + data.categorical
    best, results = _fit_and_validate(data, mode)
    y_valid, p_valid = data.y_valid, results[best][1]
    drivers = _drivers(results[best][0], data.valid, y_valid, features)
    final = candidates(data.numeric, data.categorical, mode)[best].fit(data.labelled[features], data.y_all)
    reference = reference_row(data.labelled, data.numeric, data.categorical)
    info, spec, to_score = dict(data.info), dict(data.spec), data.to_score
    if score_table:
        to_score = _score_input(con, score_table, score_roles or {}, spec)
        info["scored_table"] = score_table
    scores = _score_frame(final, to_score, features, reference)
    metrics = {**info, "model": best, **results[best][2],
               "models": {name: r[2] for name, r in results.items()}, "scored": len(scores)}
    positives = int(np.sum(y_valid))
    metrics |= {"validation_customers": len(y_valid), "roc_auc_margin": auc_margin(
        metrics["roc_auc"], positives, len(y_valid) - positives)}
    if data.recency is not None:
        rule = classification_metrics(y_valid, data.recency / max(data.recency.max(), 1))
        metrics["recency_rule"] = {k: rule[k] for k in ("roc_auc", "pr_auc", "top_decile_lift")}
        metrics["lift_over_recency_auc"] = metrics["roc_auc"] - rule["roc_auc"]
        metrics["lift_over_recency_margin"] = paired_auc_margin(y_valid, p_valid, data.recency)
    thresholds = threshold_table(y_valid, p_valid, scores["churn_probability"].to_numpy())
    metrics["roc_auc_se"] = auc_standard_error(y_valid, metrics["roc_auc"])
    metrics |= resampled_margins(y_valid, p_valid)
    seen = results[best][3]  # the cut is chosen where the model was chosen
    chosen_on = (data.y_train, seen) if seen is not None else (y_valid, p_valid)
    metrics["at_risk_cut"] = lists.at_risk_cut(f1_threshold(*chosen_on), len(chosen_on[0]),
                                               metrics["churn_rate"], log=mode == "behaviour")
    metrics["threshold"] = metrics["at_risk_cut"]["threshold"]
    if mode == "behaviour":  # where most customers churn, the best F1 flags near-certain stayers
        metrics["f1_threshold"] = metrics["at_risk_cut"]["f1_threshold"]
    metrics["drivers"] = drivers.head(10).to_dict("records")
    metrics["flagged_at_0_5"] = int((scores["churn_probability"] >= 0.5).sum())
    if mode == "behaviour":  # who came back in the backtest's window says who is gone
        learned = lists.gone_cut(y_valid, p_valid)
        if learned:
            metrics["gone_rule"] = learned
    spec |= {"numeric": data.numeric, "categorical": data.categorical,
             "typical": {c: reference[c][0][0] for c in data.numeric if len(reference[c]) == 1},
             "flags": [c for c in data.numeric if len(reference[c]) > 1]}
    return ChurnResult(scores, metrics, thresholds, drivers, calibration_table(y_valid, p_valid),
                       y_valid, p_valid, spec)


def _score_input(con, table: str, roles: dict[str, str], spec: dict) -> pd.DataFrame:
    """Customers of another table, shaped like the training input."""
    store.require_table(con, table)
    if spec["mode"] == "label":
        id_col = roles.get("customer_id") or spec["id_col"]
        return _with_value(customer_frame(con, table, id_col, spec["columns"]), spec["value"])
    view = transaction_view(con, table, roles)
    hist = visit_history(con, view)
    w = windows(con, hist, spec["days"])
    return with_btyd(_ordered(con, hist, w.end, spec["days"]), spec["days"])
