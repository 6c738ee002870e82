"""Measure spend and churn out of time on a real purchase log (and churn on a labelled table).

Loads the log into a temporary workspace, runs ``spend`` and ``churn`` as of ``--cutoff`` through
the same ``run`` the CLI uses, then compares with what the customers really did after the
cutoff (which the runs never read): spend MAE, Spearman and total beside BG/NBD + Gamma-Gamma
fitted on the same split, the total split into purchases × spend per purchase (visits counted as
the runs count them); churn ROC AUC beside the recency rule.

Run: ``python bench/customers_real.py --log CDNOW_master.txt --amount-col dollar_value
--cutoff 1997-09-30 --days 273 [--labelled telco.csv --label-col Churn]``, or on grocery
baskets ``--log completejourney/transactions.parquet --amount-col sales_value --cutoff
2017-09-02 --days 120``; ``--validation`` also scores spend as of the day before the run's
backtest window, predicting that window (the backtest's total error against the test window's);
``--sample-orders 0.03`` keeps a fixed 3 % of the order ids (by
their MD5) to see a small shop.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.customers import churn, spend  # noqa: E402
from crm_core.customers.btyd import WEEK, BetaGeo, GammaGamma, Summary  # noqa: E402
from crm_core.customers.churn_model import BTYD_FEATURES, behaviour_snapshots, candidates  # noqa: E402
from crm_core.customers.history import BEHAVIOUR_FEATURES, snapshot, visit_history  # noqa: E402
from crm_core.customers.metrics import auc_standard_error  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.transactions import transaction_view  # noqa: E402


def actual_after(con, table: str, roles: dict, cutoff: date, days: int):
    """Per customer known at the cutoff: spend and visits in the ``days`` after it (visits
    counted as the runs count them: order ids, else days; returns are no visit), and the amount
    of their first visit (for the classic Gamma-Gamma on repeat purchases)."""
    hist = visit_history(con, transaction_view(con, table, roles))
    start = cutoff + timedelta(days=1)
    truth = snapshot(con, hist, start, days).set_index("customer_id")
    visits = con.execute(f"SELECT customer_id::VARCHAR AS customer_id, count(*) AS future_visits "
                         f"FROM {hist.visits} WHERE amount >= 0 AND ts >= ? AND ts < ? GROUP BY 1",
                         [start, start + timedelta(days=days)]).df().set_index("customer_id")
    return truth.join(visits).fillna({"future_visits": 0})


def classic_reference(truth, days: int) -> tuple[np.ndarray, np.ndarray]:
    """BG/NBD × Gamma-Gamma as published (spend per purchase learnt from the repeats only):
    expected purchases and spend per purchase."""
    s = Summary.from_frame(truth.reset_index())
    spent = (truth["monetary"] - truth["first_amount"]).clip(lower=0).to_numpy(float)
    repeats_only = Summary(s.x - 1, s.t_x, s.T, np.where(s.x > 0, spent / np.maximum(s.x, 1), 0.0))
    return BetaGeo.fit(s).expected(s, days / WEEK), GammaGamma.fit(repeats_only).mean_spend(repeats_only)


def gamma_gamma_check(truth) -> str:
    """Gamma-Gamma assumes spend per purchase independent of how often a customer buys: the
    correlation of repeat purchases and mean spend per repeat among repeat buyers (Fader &
    Hardie's CDNOW note: 0.11), and the spend per visit before against after the cutoff."""
    rep = truth[truth["frequency"] > 1]
    x = rep["frequency"] - 1
    each = (rep["monetary"] - rep["first_amount"]) / x
    back = truth[truth["future_visits"] > 0]
    return (f"Gamma-Gamma check: corr(repeats, spend per repeat) Pearson {pearsonr(x, each)[0]:.3f}, "
            f"Spearman {spearmanr(x, each).statistic:.3f} ({len(rep):,} repeat buyers); returning "
            f"customers' spend per visit {back['monetary'].sum() / back['frequency'].sum():.2f} before, "
            f"{back['future_spend'].sum() / back['future_visits'].sum():.2f} after")


def spend_check(con, table: str, roles: dict, cutoff: date, days: int) -> int:
    """Spend as of the cutoff against what happened after it; returns the backtest's window."""
    started = time.perf_counter()
    result = spend.run(con, table, spend.SpendConfig(days=days, cutoff=cutoff), roles=roles)
    seconds = time.perf_counter() - started
    truth = actual_after(con, table, get_roles(con, table, roles), cutoff, days)
    scores = result.scores.set_index("customer_id").loc[truth.index]
    actual = truth["future_spend"].to_numpy(float)
    purchases, per_purchase = classic_reference(truth, days)
    reference = purchases * per_purchase
    inside = ((actual >= scores["lower"]) & (actual <= scores["upper"])).mean()
    print(f"spend: {len(truth):,} customers, cutoff {cutoff}, {days} days after it ({seconds:.1f} s)")
    print(f"  chosen model: {result.metrics['model']} (backtest MAE {result.metrics['mae']:.2f}, "
          f"naive {result.metrics['naive_mae']:.2f})")
    print(result.result.backtest.round(3).to_string(index=False))
    visits = truth["future_visits"].to_numpy(float)
    ours = scores["expected_spend"].to_numpy(float), scores["expected_purchases"].to_numpy(float)
    for name, (predicted, bought) in (("ours", ours), ("BG/NBD + Gamma-Gamma", (reference, purchases))):
        print(f"  {name:22s} MAE {np.mean(np.abs(predicted - actual)):7.2f}  Spearman "
              f"{spearmanr(actual, predicted).statistic:.3f}  total {predicted.sum():12,.0f} vs actual "
              f"{actual.sum():12,.0f} ({predicted.sum() / actual.sum() - 1:+.1%})")
        n, each, real_each = bought.sum(), predicted.sum() / bought.sum(), actual.sum() / visits.sum()
        print(f"  {'':22s} = purchases {n:9,.0f} vs {visits.sum():9,.0f} ({n / visits.sum() - 1:+.1%}) "
              f"× per purchase {each:8.2f} vs {real_each:8.2f} ({each / real_each - 1:+.1%})")
    print("  " + gamma_gamma_check(truth))
    m = result.metrics
    print(f"  predicting 0 for everyone: MAE {actual.mean():.2f}; bias-corrected total "
          f"{m['bias_corrected_total']:,.0f} ({m['bias_corrected_total'] / actual.sum() - 1:+.1%})")
    total_inside = m["expected_total_lower"] <= actual.sum() <= m["expected_total_upper"]
    print(f"  total interval {m['expected_total_lower']:,.0f} … {m['expected_total_upper']:,.0f} "
          f"(actual total inside: {'yes' if total_inside else 'no'}); backtest total error "
          f"{m['backtest_total_error']:+.1%}; realised spend inside the {m['coverage']:.0%} interval "
          f"of the expected: {inside:.1%}")
    return m["backtest_days"]


def churn_in_window(con, table: str, roles: dict, cutoff: date, days: int) -> float:
    """ROC AUC of logistic regression on the churn features, cross-validated inside the window
    after the cutoff itself: it knows that window's season, which no run can, so it shows
    roughly how far these features go (a bar well above it asks for new information, not a
    new model; the runs, fitted on two windows, can come near it or a little above)."""
    *_, scored = behaviour_snapshots(con, table, get_roles(con, table, roles), days, cutoff)
    features = [*BEHAVIOUR_FEATURES, *BTYD_FEATURES]
    model = candidates(features, [], "behaviour")["logistic_regression"]
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    p = cross_val_predict(model, scored[features], scored["churned"], cv=folds, method="predict_proba")
    return roc_auc_score(scored["churned"], p[:, 1])


def churn_check(con, table: str, roles: dict, cutoff: date, days: int) -> None:
    result = churn.run(con, table, churn.ChurnConfig(inactive_days=days, cutoff=cutoff), roles=roles)
    truth = actual_after(con, table, get_roles(con, table, roles), cutoff, days)
    scores = result.scores.set_index("customer_id").loc[truth.index]
    y = truth["churned"].to_numpy(int)
    ours, rule = roc_auc_score(y, scores["churn_probability"]), roc_auc_score(y, truth["recency_days"])
    print(f"churn ({days} days after {cutoff}): model {result.metrics['model']}, ROC AUC {ours:.3f} ± "
          f"{auc_standard_error(y, ours):.3f}; recency rule {rule:.3f} ± {auc_standard_error(y, rule):.3f}; "
          f"validation AUC {result.metrics['roc_auc']:.3f} ± {result.metrics['roc_auc_se']:.3f}; "
          f"5-fold inside the window after {churn_in_window(con, table, roles, cutoff, days):.3f}")
    top = result.at_risk().head(1000)
    print(f"  at-risk top 1000: {top['customer_id'].isin(truth.index[y == 1]).mean():.1%} did not buy; "
          f"win-back list {int(result.scores['gone'].sum()):,} customers, of whom "
          f"{(1 - truth.loc[result.win_back()['customer_id'], 'churned'].mean()):.1%} bought again")
    win_back_heads(result.win_back(), truth)


def win_back_heads(lost, truth) -> None:
    """Who bought again among the first 100 / 500 of the win-back list, and what they spent, as
    the list is ordered (value × chance of an order) and by value alone."""
    by_value = lost.sort_values("value", ascending=False, kind="stable") if "value" in lost else lost
    for name, frame in (("as listed", lost), ("by value alone", by_value)):
        came = truth.loc[frame["customer_id"]]
        back, spent = ~came["churned"].to_numpy(bool), came["future_spend"].clip(lower=0).to_numpy(float)
        print(f"  win-back {name:15s} " + " | ".join(
            f"first {n}: {back[:n].mean():.1%} bought again, {spent[:n].sum():,.0f} spent"
            for n in (100, 500) if len(back)))


def labelled_check(con, table: str, label_col: str) -> None:
    result = churn.run(con, table, churn.ChurnConfig(), roles={"label": label_col})
    m = result.metrics
    print(f"labelled churn on {table}: model {m['model']}, hold-out ROC AUC {m['roc_auc']:.3f} "
          + ", ".join(f"{k} {v['roc_auc']:.3f}" for k, v in m["models"].items()))
    first = result.at_risk().iloc[0]
    print(f"  at-risk list starts with {first['customer_id']} (label {first.get('label')}); "
          f"win-back list {len(result.win_back()):,}")


def keep_orders(con, table: str, roles: dict, fraction: float) -> None:
    """Keep the orders whose MD5 of the order id falls in the first ``fraction`` of the hash
    space: the same sample on every machine and DuckDB version."""
    column = get_roles(con, table, roles)["order_id"]
    cut = f"{int(fraction * 16 ** 6):06x}"
    con.execute(f'DELETE FROM "{table}" WHERE substr(md5(CAST("{column}" AS VARCHAR)), 1, 6) >= ?', [cut])


def log_arguments(description: str, days: int) -> argparse.ArgumentParser:
    """The options of a bench on a real log: the log, its money column, the cutoff, the days after."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--log", required=True)
    parser.add_argument("--amount-col")
    parser.add_argument("--cutoff", type=date.fromisoformat, required=True)
    parser.add_argument("--days", type=int, default=days)
    return parser


def main() -> None:
    parser = log_arguments(__doc__.splitlines()[0], 273)
    parser.add_argument("--churn-days", type=int, default=90)
    parser.add_argument("--sample-orders", type=float)
    parser.add_argument("--validation", action="store_true",
                        help="also run spend as of the backtest's start (does its total bias carry over?)")
    parser.add_argument("--labelled")
    parser.add_argument("--label-col", default="Churn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        load_file(con, args.log, table="log")
        roles = {"amount": args.amount_col} if args.amount_col else {}
        if args.sample_orders:
            keep_orders(con, "log", roles, args.sample_orders)
        window = spend_check(con, "log", roles, args.cutoff, args.days)
        if args.validation:
            print("--- validation: as of the day before the backtest window, predicting that window")
            spend_check(con, "log", roles, args.cutoff - timedelta(days=window), window)
        churn_check(con, "log", roles, args.cutoff, args.churn_days)
        if args.labelled:
            load_file(con, args.labelled, table="labelled")
            labelled_check(con, "labelled", args.label_col)


if __name__ == "__main__":
    main()
