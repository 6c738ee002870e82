"""Spend and churn from a customer summary against the same log's own runs, and what happened.

Loads a purchase log, aggregates it in SQL to a 会员导出 as of ``--cutoff`` (会员卡号, 首次消费时间,
最近消费时间, 累计消费次数 = days bought on, as the runs count visits without an order id,
累计消费金额; written in GB18030 and loaded back like an upload), then runs ``spend`` and ``churn``
on both tables as of the cutoff: the BG/NBD parameters and each customer's expected purchases
should agree (same sufficient statistics), and both are scored against the ``--days`` after the
cutoff, which neither run reads (the summary cannot check itself out of time; this bench can).

Run: ``python bench/customers_summary.py --log CDNOW_master.txt --amount-col dollar_value
--cutoff 1997-09-30 --days 273``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from customers_real import actual_after, log_arguments  # noqa: E402

from crm_core.customers import churn, spend  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.transactions import transaction_view  # noqa: E402


def export_summary(con, table: str, roles: dict, cutoff, folder: Path) -> str:
    """The log as a 会员导出 of the cutoff day (GB18030), loaded as a new table."""
    view = transaction_view(con, table, get_roles(con, table, roles))
    frame = con.execute(f"""
        SELECT 'VIP' || customer_id AS 会员卡号, strftime(min(ts), '%Y/%m/%d 10:00:00') AS 首次消费时间,
               strftime(max(ts), '%Y/%m/%d 18:00:00') AS 最近消费时间,
               count(DISTINCT CAST(ts AS DATE)) AS 累计消费次数, round(sum(amount), 2) AS 累计消费金额
        FROM ({view.sql}) WHERE CAST(ts AS DATE) <= ? AND customer_id IS NOT NULL GROUP BY customer_id""",
                        [cutoff]).df()
    path = folder / "会员导出.csv"
    frame.to_csv(path, index=False, encoding="gb18030")
    return load_file(con, path)[0].table


def timed(label: str, call):
    started = time.perf_counter()
    out = call()
    print(f"{label}: {time.perf_counter() - started:.1f} s")
    return out


def compare_fits(log_run, summary_run) -> None:
    """Parameters and per-customer expected purchases of the two runs side by side."""
    for name in ("bgnbd", "gamma_gamma"):
        for side, run in (("log", log_run), ("summary", summary_run)):
            said = ", ".join(f"{k} {v:.4f}" for k, v in run.metrics["params"][name].items())
            print(f"  {name:12s} {side:8s}{said}")
    both = log_run.scores.set_index("customer_id").join(
        summary_run.scores.assign(customer_id=summary_run.scores["customer_id"].str.removeprefix("VIP"))
        .set_index("customer_id"), rsuffix="_summary", how="inner")
    gap = (both["expected_purchases"] - both["expected_purchases_summary"]).abs()
    print(f"  {len(both):,} customers in both; expected purchases: max |difference| {gap.max():.4f}, "
          f"mean {gap.mean():.5f}; expected spend Spearman log vs summary "
          f"{spearmanr(both['expected_spend'], both['expected_spend_summary']).statistic:.4f}")


def held_out(name: str, scores, truth) -> None:
    """Spend in the days after the cutoff against a run's expectation."""
    found = scores.assign(customer_id=scores["customer_id"].str.removeprefix("VIP")).set_index("customer_id")
    predicted = found.loc[truth.index, "expected_spend"].to_numpy(float)
    actual = truth["future_spend"].to_numpy(float)
    print(f"  {name:8s} MAE {np.mean(np.abs(predicted - actual)):7.2f}  Spearman "
          f"{spearmanr(actual, predicted).statistic:.3f}  total {predicted.sum():11,.0f} vs actual "
          f"{actual.sum():11,.0f} ({predicted.sum() / actual.sum() - 1:+.1%})")


def main() -> None:
    parser = log_arguments(__doc__.splitlines()[0], 273)
    parser.add_argument("--churn-days", type=int, default=90)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        load_file(con, args.log, table="log")
        roles = {"amount": args.amount_col} if args.amount_col else {}
        table = export_summary(con, "log", roles, args.cutoff, Path(folder))
        config = spend.SpendConfig(days=args.days, cutoff=args.cutoff)
        log_run = timed("spend on the log", lambda: spend.run(con, "log", config, roles=roles))
        summary_run = timed("spend on the summary", lambda: spend.run(con, table, config))
        print(f"log run chose {log_run.metrics['model']}; summary run {summary_run.metrics['model']}")
        compare_fits(log_run, summary_run)
        truth = actual_after(con, "log", get_roles(con, "log", roles), args.cutoff, args.days)
        print(f"held out: spend in the {args.days} days after {args.cutoff}, {len(truth):,} customers")
        held_out("log", log_run.scores, truth)
        held_out("summary", summary_run.scores, truth)
        m = summary_run.metrics
        inside = m["expected_total_lower"] <= truth["future_spend"].sum() <= m["expected_total_upper"]
        print(f"  summary total interval {m['expected_total_lower']:,.0f} … {m['expected_total_upper']:,.0f} "
              f"(actual inside: {'yes' if inside else 'no'})")
        print("  in-sample repeat purchases (customers / expected):  " + "  ".join(
            f"{r['repeat_purchases']}: {r['customers']:,} / {r['expected_customers']:,.0f}"
            for r in m["repeat_calibration"]))
        days = args.churn_days
        churned = actual_after(con, "log", get_roles(con, "log", roles), args.cutoff, days)["churned"]
        config = churn.ChurnConfig(inactive_days=days, cutoff=args.cutoff)
        runs = {"log": timed("churn on the log", lambda: churn.run(con, "log", config, roles=roles)),
                "summary": timed("churn on the summary", lambda: churn.run(con, table, config))}
        for name, run in runs.items():
            scores = run.scores.assign(customer_id=run.scores["customer_id"].str.removeprefix("VIP"))
            p = scores.set_index("customer_id").loc[churned.index, "churn_probability"]
            gone = scores.loc[scores["gone"], "customer_id"]
            print(f"  churn {name:8s} held-out ROC AUC {roc_auc_score(churned, p):.3f} ({days} days after "
                  f"{args.cutoff}); at risk {len(run.at_risk()):,}, win-back {len(gone):,}, of whom "
                  f"{1 - churned.loc[gone].mean():.1%} bought again")


if __name__ == "__main__":
    main()
