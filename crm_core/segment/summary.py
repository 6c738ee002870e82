"""RFM features of a customer summary (:mod:`crm_core.workspace.summary`): one row per customer
with the last order date, the order count and the total spent already aggregated.

The definitions are the purchase log's (:mod:`crm_core.segment.features`): recency counts the
days from a customer's last order to the day after the newest last order in the table, so the
same customer gets the same R score from the summary as from the log it was made from;
frequency is the count; money the total spent (the count when there is none). A blank count beside
a last order is one order, a blank total nothing spent (exports leave zeros blank). Customers with
no last order (never bought) have no recency and are left out, counted as rows without a date.
"""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pandas as pd

from crm_core.i18n import Day, Sentence
from crm_core.segment.attributes import ROW_ID
from crm_core.segment.features import FeatureResult
from crm_core.workspace.summary import SummaryColumns, summary_sql
from crm_core.workspace.table_kind import TableKind


def summary_features(con: duckdb.DuckDBPyConnection, table: str, kind: TableKind,
                     cols: SummaryColumns) -> FeatureResult:
    """The purchase log's feature frame (recency, frequency, monetary, tenure, order value, first
    and last order; products and returns unknown) computed from the summary's columns."""
    row_key = f"'{ROW_ID} ' || CAST(rowid + 1 AS VARCHAR)"
    found = summary_sql(con, table, kind.customer_col, cols, row_key)
    monetary = "coalesce(spent, 0)" if cols.spent else "CAST(coalesce(orders, 1) AS DOUBLE)"
    sql = f"""
        WITH s AS ({found}), ref AS (SELECT CAST(max(last_order) + 1 AS DATE) AS ref_date FROM s)
        SELECT customer_id,
               CAST(date_diff('day', last_order, ref_date) AS BIGINT) AS recency_days,
               CAST(coalesce(orders, 1) AS BIGINT) AS frequency, {monetary} AS monetary,
               CAST(date_diff('day', first_order, ref_date) AS BIGINT) AS tenure_days,
               CASE WHEN orders > 0 THEN spent / orders END AS avg_order_value,
               CAST(NULL AS BIGINT) AS distinct_products, CAST(NULL AS DOUBLE) AS return_share,
               CAST(first_order AS DATE) AS first_order, CAST(last_order AS DATE) AS last_order
        FROM s, ref ORDER BY customer_id"""
    frame = con.execute(sql).df()
    frame["customer_id"] = frame["customer_id"].astype(str)
    newest = pd.Timestamp(frame["last_order"].max()).date()
    used = len(frame)
    coverage = {"rows": kind.rows, "no_date": kind.rows - used, "no_amount": 0, "used": used}
    return FeatureResult(frame, coverage, newest + timedelta(days=1), cols.spent or "orders", "orders")


def summary_note(table: str, cols: SummaryColumns, result: FeatureResult) -> Sentence:
    """Where recency, frequency and money come from, and the day recency is counted to."""
    newest = result.reference_date - timedelta(days=1)
    spent = (Sentence("segment.note.summary_spent", column=cols.spent) if cols.spent
             else Sentence("segment.note.summary_no_spent", column=cols.orders))
    return Sentence("segment.note.summary_rfm", table=table, last=cols.last_order, orders=cols.orders,
                    spent=spent, day=Day(newest))
