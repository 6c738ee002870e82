"""Measure a customer summary made from a real purchase log as of a cutoff, where the truth is known.

Loads the log into a temporary workspace, writes the one-row-per-customer summary a shop would
export as of ``--cutoff`` (Customer ID, First Order Date, Last Order Date, Total Orders, Total
Spent), and then says: (1) how many customers get the same R, F and M scores and RFM group from
the summary as from the log (the summary reads the log's definitions, so all should); (2) how well
what a summary allows ranks who bought in the ``--days`` after the cutoff (which nothing here
reads before the check): the recency rule and BG/NBD's P(alive) and expected purchases fitted on
the summary alone,
beside ``churn`` on the log itself (out-of-time model, ROC AUC of "no purchase").

Run: ``python bench/summary_rfm.py --log CDNOW_master.txt --amount-col dollar_value
--cutoff 1997-09-30 --days 90``.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.customers_real import log_arguments  # noqa: E402
from crm_core.customers import churn  # noqa: E402
from crm_core.customers.btyd import BetaGeo, Summary  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.segment.run import SegmentConfig, run  # noqa: E402
from crm_core.workspace import store  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.transactions import transaction_view  # noqa: E402

SCORES = ["r_score", "f_score", "m_score", "rfm_segment"]


def write_summary(con, log: pd.DataFrame) -> None:
    """The shop's customers export as of the cutoff, from the log's own segmentation features."""
    frame = pd.DataFrame({"Customer ID": log["customer_id"], "First Order Date": log["first_order"],
                          "Last Order Date": log["last_order"], "Total Orders": log["frequency"],
                          "Total Spent": log["monetary"]})
    store.write_frame(con, "summary", frame)


def bought_after(con, roles: dict, cutoff: date, days: int) -> pd.Series:
    """Per customer id: whether they bought in the ``days`` after the cutoff."""
    view = transaction_view(con, "log", get_roles(con, "log", roles))
    found = con.execute(f"SELECT DISTINCT CAST(customer_id AS VARCHAR) FROM ({view.sql}) "
                        "WHERE CAST(ts AS DATE) > ? AND CAST(ts AS DATE) <= ?",
                        [cutoff, cutoff + timedelta(days=days)]).fetchall()
    return pd.Series(True, index=[r[0] for r in found], dtype=bool)


def main() -> None:
    args = log_arguments(__doc__.splitlines()[0], 90).parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        load_file(con, args.log, table="log")
        roles = {"amount": args.amount_col} if args.amount_col else {}
        from_log = run(con, "log", SegmentConfig(k=4, observation_end=args.cutoff), roles=roles)
        write_summary(con, from_log.features.frame)
        from_summary = run(con, "summary", SegmentConfig(k=4))
        log_m = from_log.members.set_index("customer_id")
        sum_m = from_summary.members.set_index("customer_id").loc[log_m.index]
        same = (log_m[SCORES] == sum_m[SCORES]).all(axis=1)
        days = (from_log.features.reference_date, from_summary.features.reference_date)
        print(f"customers {len(log_m):,}; same R, F, M and RFM group from the summary: {same.mean():.2%}; "
              f"reference day log {days[0]}, summary {days[1]}")
        bought = bought_after(con, roles, args.cutoff, args.days).reindex(sum_m.index, fill_value=False)
        summary = Summary.from_days(sum_m["frequency"], sum_m["recency_days"], sum_m["tenure_days"],
                                    sum_m["monetary"])
        fit = BetaGeo.fit(summary)
        p_alive, expected = fit.p_alive(summary), fit.expected(summary, args.days / 7)
        print(f"bought in the {args.days} days after: {bought.mean():.1%}; ROC AUC of 'no purchase': "
              f"recency {roc_auc_score(~bought, sum_m['recency_days']):.3f}, "
              f"1 - R score {roc_auc_score(~bought, -sum_m['r_score']):.3f}, "
              f"1 - P(alive) on the summary {roc_auc_score(~bought, 1 - p_alive):.3f}, "
              f"fewest expected purchases {roc_auc_score(~bought, -expected):.3f}")
        config = churn.ChurnConfig(cutoff=args.cutoff, inactive_days=args.days)
        scored = churn.run(con, "log", config, roles=roles)
        risk = scored.scores.set_index("customer_id")["churn_probability"].reindex(sum_m.index)
        print(f"churn on the log (its model {scored.metrics['model']}, checked out of time "
              f"{scored.metrics.get('roc_auc', float('nan')):.3f}): "
              f"ROC AUC here {roc_auc_score(~bought, risk):.3f}")


if __name__ == "__main__":
    main()
