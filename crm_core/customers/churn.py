"""Churn risk: who is likely to leave, how sure we are, and why.

Two ways to get a label. A column the analyst names (yes/no, 1/0, 是/否, true/false,
churned/stayed …) on a customer table with any mix of numeric and categorical columns — or
behaviour: "no purchase in the next N days", with features as of a cutoff N days before
the data's end and the label from the window after it; today's customers are then scored
with features as of the end. Logistic regression and gradient boosting are both validated
(out of time when the history allows, else a stratified hold-out) and the better one is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from crm_core.customers.history import (
    BEHAVIOUR_FEATURES,
    attach_segments,
    preprocessor,
    reasons,
    reference_row,
    snapshot,
    visit_history,
    windows,
)
from crm_core.errors import CrmError
from crm_core.workspace import store
from crm_core.workspace.roles import is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import number_expr, qi
from crm_core.workspace.transactions import number_sql, transaction_view

POSITIVE = {"1", "1.0", "yes", "y", "true", "t", "churn", "churned", "left", "exited", "lost", "leave",
            "inactive", "attrited", "attrited customer", "closed", "cancelled", "canceled",
            "是", "流失", "已流失", "是的", "离网", "已离网", "y/是"}
NEGATIVE = {"0", "0.0", "no", "n", "false", "f", "stayed", "stay", "retained", "active", "existing",
            "existing customer", "current", "open", "否", "未流失", "留存", "在网", "正常", "不是"}
MAX_CATEGORIES = 50
RANDOM_STATE = 0


# --------------------------------------------------------------------------- labels

def parse_labels(values: pd.Series) -> pd.Series:
    """Map label text to 1 (churned), 0 (stayed) or NA (blank) in any of the usual spellings.

    Two unknown numeric values count as 0 < 1 (the larger is churn); other unknown values
    are an error that names them, so the analyst can fix the column.
    """
    text = values.astype("string").str.strip().str.lower()
    text = text.mask(text == "")
    known = text.map(lambda v: 1 if v in POSITIVE else 0 if v in NEGATIVE else None if pd.isna(v) else -1)
    unknown = sorted(set(text[known == -1].dropna()))
    if unknown:
        numbers = pd.to_numeric(text, errors="coerce")
        distinct = sorted(set(numbers.dropna()))
        if numbers.notna().sum() == text.notna().sum() and len(distinct) == 2:
            return (numbers == distinct[1]).astype("Int64").mask(numbers.isna())
        raise CrmError(f"The label column has values that are not yes/no: {', '.join(unknown[:6])}. "
                       "Use values like yes/no, 1/0, true/false, churned/stayed or 是/否.")
    return known.astype("Int64")


# --------------------------------------------------------------------------- customer tables

@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # number | days | category


def _column_kinds(con, table: str, skip: set[str]) -> list[Column]:
    """Which columns are numbers (including text like ' 29.85' with blanks), dates (as days
    before the newest) or categories; id-like text and free text are left out."""
    types = store.columns_of(con, table)
    total = con.execute(f"SELECT count(*) FROM {qi(table)}").fetchone()[0]
    out = []
    for name, dtype in types:
        if name in skip:
            continue
        col = qi(name)
        if is_numeric_type(dtype):
            out.append(Column(name, "number"))
            continue
        if is_temporal_type(dtype):
            out.append(Column(name, "days"))
            continue
        text = f"NULLIF(trim(CAST({col} AS VARCHAR)), '')"
        filled, numeric, distinct = con.execute(
            f"SELECT count({text}), count({number_expr(text)}), approx_count_distinct({text}) "
            f"FROM {qi(table)}").fetchone()
        if filled == 0:
            continue
        if numeric >= 0.9 * filled:
            out.append(Column(name, "number"))
        elif distinct <= MAX_CATEGORIES or distinct <= 0.02 * total:
            out.append(Column(name, "category"))
    return out


def _column_sql(column: Column, dtype: str | None) -> str:
    if dtype is None:
        return f"NULL AS {qi(column.name)}"
    col = qi(column.name)
    if column.kind == "number":
        return f"{number_sql(col, dtype)} AS {qi(column.name)}"
    if column.kind == "days":
        return (f"CAST(date_diff('day', CAST({col} AS DATE), max(CAST({col} AS DATE)) OVER ()) AS DOUBLE) "
                f"AS {qi(column.name)}")
    return f"NULLIF(trim(CAST({col} AS VARCHAR)), '') AS {qi(column.name)}"


def customer_frame(con, table: str, id_col: str | None, columns: list[Column],
                   label_col: str | None = None) -> pd.DataFrame:
    """The customer table as model input (one row per customer; the last row wins on repeats)."""
    types = dict(store.columns_of(con, table))
    missing = [c.name for c in columns if c.name not in types]
    if columns and len(missing) > len(columns) / 2:
        raise CrmError(f"Table '{table}' lacks most of the model's columns: {', '.join(missing[:8])}.")
    ident = f"NULLIF(trim(CAST({qi(id_col)} AS VARCHAR)), '')" if id_col in types else \
        "CAST(row_number() OVER () AS VARCHAR)"
    label = f", CAST({qi(label_col)} AS VARCHAR) AS __label" if label_col and label_col in types else ""
    parts = ", ".join(_column_sql(c, types.get(c.name)) for c in columns)
    frame = con.execute(f"SELECT {ident} AS customer_id{label}, {parts} FROM {qi(table)}").df()
    frame = frame[frame["customer_id"].notna()].drop_duplicates("customer_id", keep="last")
    for c in columns:
        if c.kind in ("number", "days"):
            frame[c.name] = pd.to_numeric(frame[c.name], errors="coerce").astype(float)
        else:
            frame[c.name] = frame[c.name].astype(object).where(frame[c.name].notna(), None)
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- models

def candidates(numeric: list[str], categorical: list[str]) -> dict[str, Pipeline]:
    """The two models compared on every run."""
    return {
        "logistic_regression": Pipeline([("prep", preprocessor(numeric, categorical)),
                                         ("model", LogisticRegression(max_iter=3000))]),
        "gradient_boosting": Pipeline([("prep", preprocessor(numeric, categorical, scale=False)),
                                       ("model", HistGradientBoostingClassifier(
                                           max_iter=150, learning_rate=0.05, max_leaf_nodes=15,
                                           min_samples_leaf=20, random_state=RANDOM_STATE))]),
    }


def top_share_lift(y: np.ndarray, score: np.ndarray, share: float = 0.1) -> float:
    """Churn rate among the top ``share`` by score over the overall churn rate."""
    n = max(int(round(len(y) * share)), 1)
    top = np.argsort(-score, kind="stable")[:n]
    base = y.mean()
    return float(y[top].mean() / base) if base > 0 else float("nan")


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Mean predicted vs observed churn rate in equal-count bins of the prediction."""
    frame = pd.DataFrame({"y": y, "p": p})
    frame["bin"] = pd.qcut(frame["p"].rank(method="first"), min(bins, len(frame)), labels=False)
    return (frame.groupby("bin").agg(predicted=("p", "mean"), observed=("y", "mean"), customers=("y", "size"))
            .reset_index())


def classification_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    cal = calibration_table(y, p)
    ece = float((cal["customers"] * (cal["predicted"] - cal["observed"]).abs()).sum() / len(y))
    return {"roc_auc": float(roc_auc_score(y, p)), "pr_auc": float(average_precision_score(y, p)),
            "brier": float(brier_score_loss(y, p)), "calibration_error": ece,
            "top_decile_lift": top_share_lift(y, p)}


def threshold_table(y: np.ndarray, p: np.ndarray, scored: np.ndarray) -> pd.DataFrame:
    """Precision, recall and how many customers get flagged at each threshold."""
    rows = []
    for t in np.round(np.arange(0.05, 0.96, 0.05), 2):
        flag = p >= t
        tp = int((flag & (y == 1)).sum())
        rows.append({"threshold": float(t), "precision": tp / flag.sum() if flag.sum() else float("nan"),
                     "recall": tp / max(int((y == 1).sum()), 1), "flagged_validation": int(flag.sum()),
                     "flagged_scored": int((scored >= t).sum())})
    return pd.DataFrame(rows)


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
    """Precision and recall on the validation customers and the count flagged among the scored."""
    flag = result.p_valid >= threshold
    tp = int((flag & (result.y_valid == 1)).sum())
    return {"precision": tp / flag.sum() if flag.sum() else float("nan"),
            "recall": tp / max(int((result.y_valid == 1).sum()), 1),
            "flagged": int((result.scores["churn_probability"] >= threshold).sum())}


def _check_classes(y: np.ndarray, what: str) -> None:
    positives = int(y.sum())
    if len(y) < 20 or positives < 5 or len(y) - positives < 5:
        raise CrmError(f"{what}: {len(y)} customers with {positives} churned — too few of each kind "
                       "to learn from (need at least 5 churned and 5 staying).")


def _fit_and_validate(data: _Training, numeric: list[str], categorical: list[str]):
    """Fit both candidates on the training rows, score them on the validation rows; the
    winner (best ROC AUC) and every candidate's (pipeline, probabilities, metrics)."""
    features = numeric + categorical
    results = {}
    for name, pipe in candidates(numeric, categorical).items():
        pipe.fit(data.train[features], data.y_train)
        p = pipe.predict_proba(data.valid[features])[:, 1]
        results[name] = (pipe, p, classification_metrics(data.y_valid, p))
    best = max(results, key=lambda n: results[n][2]["roc_auc"])
    return best, results


def _drivers(pipe: Pipeline, valid: pd.DataFrame, y_valid: np.ndarray, features: list[str]) -> pd.DataFrame:
    """Permutation importance (drop in ROC AUC when a column is shuffled) on validation rows."""
    sample = valid.sample(min(len(valid), 2000), random_state=RANDOM_STATE)
    ys = y_valid[valid.index.get_indexer(sample.index)]
    if len(set(ys)) < 2:
        sample, ys = valid, y_valid
    imp = permutation_importance(pipe, sample[features], ys, scoring="roc_auc", n_repeats=3,
                                 random_state=RANDOM_STATE)
    return (pd.DataFrame({"feature": features, "importance": imp.importances_mean})
            .sort_values("importance", ascending=False, ignore_index=True))


def _score_frame(pipe: Pipeline, frame: pd.DataFrame, numeric: list[str], categorical: list[str],
                 reference: dict) -> pd.DataFrame:
    features = numeric + categorical
    p = pipe.predict_proba(frame[features])[:, 1]
    out = pd.DataFrame({"customer_id": frame["customer_id"].astype(str).to_numpy(), "churn_probability": p})
    order = np.argsort(-p, kind="stable")
    ranked = frame.iloc[order].reset_index(drop=True)
    why = reasons(lambda f: pipe.predict_proba(f[features])[:, 1], ranked, features, reference)
    out = out.iloc[order].reset_index(drop=True)
    out["reasons"] = why
    out.insert(2, "risk_rank", np.arange(1, len(out) + 1))
    return out


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


def _label_data(con, table: str, roles: dict[str, str], label_col: str):
    """Labelled customer rows from a customer table with a churn column."""
    types = dict(store.columns_of(con, table))
    if label_col not in types:
        raise CrmError(f"Table '{table}' has no column '{label_col}' for the churn label; columns are: "
                       + ", ".join(list(types)[:40]))
    id_col = roles.get("customer_id") if roles.get("customer_id") != label_col else None
    skip = {label_col, id_col} | {roles[r] for r in ("name", "email", "phone", "description") if roles.get(r)}
    columns = _column_kinds(con, table, skip)
    if not columns:
        raise CrmError(f"Table '{table}' has no usable columns to predict '{label_col}' from.")
    frame = customer_frame(con, table, id_col, columns, label_col)
    frame["__y"] = parse_labels(frame.pop("__label"))
    return frame, columns, id_col


def _label_mode(con, table, roles, label_col) -> _Training:
    frame, columns, id_col = _label_data(con, table, roles, label_col)
    numeric = [c.name for c in columns if c.kind != "category"]
    categorical = [c.name for c in columns if c.kind == "category"]
    labelled = frame[frame["__y"].notna()].reset_index(drop=True)
    y = labelled["__y"].to_numpy(int)
    _check_classes(y, f"Table '{table}'")
    train, valid = train_test_split(labelled, test_size=0.25, stratify=y, random_state=RANDOM_STATE)
    y_train, y_valid = train["__y"].to_numpy(int), valid["__y"].to_numpy(int)
    valid = valid.reset_index(drop=True)
    info = {"mode": "label_column", "label_column": label_col, "validation": "stratified_holdout_25pct",
            "rows_train": len(train), "rows_valid": len(valid), "churn_rate": float(y.mean())}
    spec = {"mode": "label", "columns": columns, "id_col": id_col, "label_col": label_col}
    return _Training(frame, labelled, y, train, y_train, valid, y_valid, numeric, categorical, info, spec)


def _behaviour_mode(con, table, roles, days) -> _Training:
    view = transaction_view(con, table, roles)
    distinct = con.execute(f"SELECT count(DISTINCT customer_id), count(*) FROM ({view.sql})").fetchone()
    if distinct[0] == distinct[1] and not (view.has_amount or view.has_quantity):
        raise CrmError(f"Table '{table}' has one row per customer and no purchases, so churn cannot be "
                       "derived from behaviour; name its churn column with --label-col, or use a "
                       "transaction table (e.g. orders) with --inactive-days.")
    hist = visit_history(con, view)
    w = windows(con, hist, days)
    current = snapshot(con, hist, w.cutoff, days)
    y_current = current["churned"].to_numpy(int)
    _check_classes(y_current, f"Customers active before {w.cutoff}")
    numeric = list(BEHAVIOUR_FEATURES)
    earlier = snapshot(con, hist, w.previous, days) if w.previous else None
    if earlier is not None and len(earlier) >= 20 and 5 <= earlier["churned"].sum() <= len(earlier) - 5:
        train, valid = earlier, current
        validation = f"out_of_time: fit as of {w.previous}, checked as of {w.cutoff}"
        labelled = pd.concat([earlier, current], ignore_index=True)
    else:
        train, valid = train_test_split(current, test_size=0.25, stratify=y_current,
                                        random_state=RANDOM_STATE)
        valid = valid.reset_index(drop=True)
        validation, labelled = "stratified_holdout_25pct", current
    info = {"mode": "inactive_days", "inactive_days": days, "end": str(w.end), "cutoff": str(w.cutoff),
            "validation": validation, "rows_train": len(train), "rows_valid": len(valid),
            "churn_rate": float(y_current.mean())}
    score = snapshot(con, hist, w.end, days)
    spec = {"mode": "behaviour", "days": days}
    return _Training(score, labelled, labelled["churned"].to_numpy(int), train,
                     train["churned"].to_numpy(int), valid, valid["churned"].to_numpy(int), numeric, [],
                     info, spec, valid["recency_days"].to_numpy(float))


def train_churn(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                label_col: str | None = None, inactive_days: int | None = None,
                score_table: str | None = None, score_roles: dict[str, str] | None = None) -> ChurnResult:
    """Train, validate and score. Without a label column or window: the table's label role,
    else behaviour with a 90-day window."""
    store.require_table(con, table)
    with threadpool_limits(limits=1):  # OpenMP threads spin badly on busy shared machines
        return _train_churn(con, table, roles, label_col, inactive_days, score_table, score_roles)


def _train_churn(con, table, roles, label_col, inactive_days, score_table, score_roles) -> ChurnResult:
    label_col = label_col or (None if inactive_days else roles.get("label"))
    if label_col:
        data = _label_mode(con, table, roles, label_col)
    else:
        data = _behaviour_mode(con, table, roles, int(inactive_days or 90))
    numeric, categorical, features = data.numeric, data.categorical, data.numeric + data.categorical
    best, results = _fit_and_validate(data, numeric, categorical)
    y_valid, p_valid = data.y_valid, results[best][1]
    drivers = _drivers(results[best][0], data.valid, y_valid, features)
    final = candidates(numeric, categorical)[best].fit(data.labelled[features], data.y_all)
    reference = reference_row(data.labelled, numeric, categorical)
    info, spec, to_score = dict(data.info), dict(data.spec), data.to_score
    if score_table:
        to_score = _score_input(con, score_table, score_roles or {}, spec)
        info["scored_table"] = score_table
    scores = attach_segments(con, _score_frame(final, to_score, numeric, categorical, reference))
    metrics = {**info, "model": best, **results[best][2],
               "models": {name: r[2] for name, r in results.items()}, "scored": len(scores)}
    if data.recency is not None:
        rule = classification_metrics(y_valid, data.recency / max(data.recency.max(), 1))
        metrics["recency_rule"] = {k: rule[k] for k in ("roc_auc", "pr_auc", "top_decile_lift")}
        metrics["lift_over_recency_auc"] = metrics["roc_auc"] - rule["roc_auc"]
    thresholds = threshold_table(y_valid, p_valid, scores["churn_probability"].to_numpy())
    metrics["drivers"] = drivers.head(10).to_dict("records")
    metrics["flagged_at_0_5"] = int((scores["churn_probability"] >= 0.5).sum())
    spec |= {"numeric": numeric, "categorical": categorical}
    return ChurnResult(scores, metrics, thresholds, drivers, calibration_table(y_valid, p_valid),
                       y_valid, p_valid, spec)


def _score_input(con, table: str, roles: dict[str, str], spec: dict) -> pd.DataFrame:
    """Customers of another table, shaped like the training input."""
    store.require_table(con, table)
    if spec["mode"] == "label":
        id_col = roles.get("customer_id") or spec["id_col"]
        return customer_frame(con, table, id_col, spec["columns"])
    view = transaction_view(con, table, roles)
    hist = visit_history(con, view)
    w = windows(con, hist, spec["days"])
    return snapshot(con, hist, w.end, spec["days"])


def summary(result: ChurnResult) -> dict:
    """The CLI's last line: validation quality and how many customers were scored."""
    m = result.metrics
    keys = ("roc_auc", "pr_auc", "brier", "calibration_error", "top_decile_lift", "model", "validation",
            "churn_rate", "lift_over_recency_auc", "scored", "flagged_at_0_5")
    out = {k: m[k] for k in keys if k in m}
    if "recency_rule" in m:
        out["recency_roc_auc"] = m["recency_rule"]["roc_auc"]
    return out
