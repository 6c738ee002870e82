"""Who a customer summary's churn run calls gone or at risk, and who really came back: the summary
(``bench/judge_sets.py cj_summaries``: Complete Journey as Shopify, CRM and 有赞 exports as of a
cutoff) scored by ``churn``, against the baskets in the window after the cutoff (``cj_baskets.csv``),
which the run never reads (docs/customers.md, "Small and summary tables: who is gone, who is at
risk").

Run: ``python bench/summary_lists.py --summary 有赞会员导出.csv --log cj_baskets.csv [--days 90]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.customers import churn  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402


def household(customer_id: str) -> int:
    """The basket log's household from a summary's id: VIP0000123, A000123, 7000000123 → 123."""
    return int(re.sub(r"\D", "", str(customer_id))) % 1_000_000_000


def came_back(frame: pd.DataFrame, bought: set[int]) -> str:
    """``1,234 at 8.3 %``: the list's size and the share who bought in the window after."""
    if not len(frame):
        return "0"
    share = frame["customer_id"].map(household).isin(bought).mean()
    return f"{len(frame):,} at {share:.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        load_file(con, args.summary, table="summary")
        run = churn.run(con, "summary", churn.ChurnConfig(inactive_days=args.days))
        end = pd.Timestamp(run.metrics["scored_as_of"])
        log = pd.read_csv(args.log, parse_dates=["order_date"])
        after = log[(log["order_date"] >= end) & (log["order_date"] < end + pd.Timedelta(days=args.days))]
        bought = set(after["customer_id"])
        s = run.scores
        at_risk, lost = run.at_risk(), s[s["gone"]]
        neither = s[~s["gone"] & ~s["customer_id"].isin(at_risk["customer_id"])]
        print(f"{Path(args.summary).name} as of {end.date()}: {len(s):,} customers, "
              f"{s['customer_id'].map(household).isin(bought).mean():.1%} bought; at-risk "
              f"{came_back(at_risk, bought)}; win-back {came_back(lost, bought)}; "
              f"neither {came_back(neither, bought)}")
        print(" ", run.gone_text(), "|", run.at_risk_text())


if __name__ == "__main__":
    main()
