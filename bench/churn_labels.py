"""Churn on labelled attribute tables (Telco- and bank-shaped, tests/customers/attribute_tables.py,
whose true churn probabilities are known): the model choice and its hold-out AUC.

For each table: the product's 75 / 25 stratified split; every candidate (logistic regression,
gradient boosting, MLP) cross-validated (5 folds) on the 75 % — the validation a choice should
be made on — then scored once on the 25 % hold-out with Hanley & McNeil's standard error; the
true probability's AUC on the same hold-out is the ceiling. Also the at-risk list's size at the
best-F1 threshold and the product's user CPU time for the whole run.

Run: ``OMP_NUM_THREADS=1 PYTHONPATH=. python bench/churn_labels.py [--seeds 3]``
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from threadpoolctl import threadpool_limits

from crm_core.customers import churn
from crm_core.customers.churn_model import RANDOM_STATE, candidates
from crm_core.customers.labels import label_data
from crm_core.customers.metrics import auc_standard_error
from crm_core.workspace.roles import get_roles
from crm_core.workspace.store import Workspace
from tests.customers.attribute_tables import bank, telco

TABLES = {"telco": (telco, 7043, "Churn"), "bank": (bank, 10000, "Exited")}


def _cpu() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def measure(name: str, seed: int) -> None:
    make, n, label = TABLES[name]
    frame = make(n=n, seed=seed)
    with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder)).connect() as con:
        _measure(con, name, seed, frame, n, label)


def _measure(con, name: str, seed: int, frame, n: int, label: str) -> None:
    con.register("src", frame.drop(columns="_p"))
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM src")
    cpu = _cpu()
    run = churn.run(con, name, roles={"label": label})
    cpu = _cpu() - cpu
    data, columns, *_ = label_data(con, name, get_roles(con, name, {"label": label}), label)
    truth = dict(zip(frame.iloc[:, 1 if name == "bank" else 0].astype(str), frame["_p"], strict=True))
    data = data[data["__y"].notna()].reset_index(drop=True)
    y = data["__y"].to_numpy(int)
    train, test = train_test_split(data, test_size=0.25, stratify=y, random_state=RANDOM_STATE)
    numeric = [c.name for c in columns if c.kind != "category"]
    categorical = [c.name for c in columns if c.kind == "category"]
    features = numeric + categorical
    y_train, y_test = train["__y"].to_numpy(int), test["__y"].to_numpy(int)
    folds = StratifiedKFold(5, shuffle=True, random_state=RANDOM_STATE)
    rows = []
    with threadpool_limits(limits=1):
        for model_name, model in candidates(numeric, categorical).items():
            t0 = _cpu()
            p_cv = cross_val_predict(model, train[features], y_train, cv=folds, method="predict_proba")[:, 1]
            model.fit(train[features], y_train)
            auc = roc_auc_score(y_test, model.predict_proba(test[features])[:, 1])
            rows.append((model_name, roc_auc_score(y_train, p_cv), auc, auc_standard_error(y_test, auc),
                         _cpu() - t0))
    ceiling = roc_auc_score(y_test, test["customer_id"].map(truth))
    cv_choice = max(rows, key=lambda r: r[1])[0]
    m = run.metrics
    print(f"\n{name} n={n} seed={seed} churn rate {y.mean():.3f}; true-probability AUC on the hold-out "
          f"{ceiling:.3f}; product chose {m['model']} (hold-out AUC {m['roc_auc']:.3f} ± "
          f"{m['roc_auc_se']:.3f}); 5-fold CV on the 75 % chooses {cv_choice}, the hold-out alone "
          f"{max(rows, key=lambda r: r[2])[0]}")
    for model_name, cv, auc, se, used in rows:
        print(f"  {model_name:20s} validation (CV) {cv:.3f}   hold-out {auc:.3f} ± {se:.3f}   "
              f"cpu {used:5.1f}s")
    listed = run.at_risk()["customer_id"]
    stayed = run.scores.loc[run.scores["label"].eq("stayed"), "customer_id"]
    left_off = stayed[~stayed.isin(listed)]
    print(f"  threshold {m['threshold']:.2f}: at-risk list {len(listed):,} of {len(stayed):,} not labelled "
          f"gone; their true churn probability {listed.map(truth).mean():.3f} against "
          f"{left_off.map(truth).mean():.3f} for the rest; run user CPU {cpu:.1f}s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--tables", nargs="*", default=list(TABLES))
    args = parser.parse_args()
    start = time.time()
    for name in args.tables:
        for seed in range(args.seeds):
            measure(name, seed)
    print(f"\nwall {time.time() - start:.0f}s")


if __name__ == "__main__":
    main()
