"""Who is on which churn list, and who really came back: per log and cutoff, the at-risk list,
the win-back list and the rest (neither flagged nor gone), each with its size and the share of its
customers who bought in the window after the cutoff (which the run never reads), the run's
learned "gone" cut and the churn ROC AUC (docs/customers.md, "Who is gone, learned from the
backtest").

Run: ``python bench/churn_lists.py --log CDNOW_master.txt --amount-col dollar_value --cutoff
1997-09-30 [--cutoff 1997-12-31 …] [--days 90]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from customers_real import actual_after  # noqa: E402

from crm_core.customers import churn  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402


def came_back(frame, truth) -> str:
    """``1,234 at 8.3 %``: the list's size and the share who bought in the window after."""
    if not len(frame):
        return "0"
    return f"{len(frame):,} at {1 - truth.loc[frame['customer_id'], 'churned'].mean():.1%}"


def lists_check(con, roles: dict, cutoff: date, days: int) -> None:
    run = churn.run(con, "log", churn.ChurnConfig(inactive_days=days, cutoff=cutoff), roles=roles)
    truth = actual_after(con, "log", get_roles(con, "log", roles), cutoff, days)
    scores = run.scores[run.scores["customer_id"].isin(truth.index)]
    at_risk = run.at_risk()
    at_risk = at_risk[at_risk["customer_id"].isin(truth.index)]
    lost = scores[scores["gone"]]
    neither = scores[~scores["gone"] & ~scores["customer_id"].isin(at_risk["customer_id"])]
    auc = roc_auc_score(truth.loc[scores["customer_id"], "churned"], scores["churn_probability"])
    print(f"{cutoff} ({run.metrics['validation']}): ROC AUC {auc:.4f}; at-risk {came_back(at_risk, truth)}; "
          f"win-back {came_back(lost, truth)}; neither {came_back(neither, truth)}; {run.gone_text()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--amount-col")
    parser.add_argument("--cutoff", type=date.fromisoformat, action="append", required=True)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        load_file(con, args.log, table="log")
        roles = {"amount": args.amount_col} if args.amount_col else {}
        for cutoff in args.cutoff:
            lists_check(con, roles, cutoff, args.days)


if __name__ == "__main__":
    main()
