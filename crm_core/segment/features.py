"""Customer features (RFM and more) computed in SQL over a transaction table.

Like lifetimes' ``summary_data_from_transaction_data``: roles name the columns, the
observation end is an explicit parameter (never "today"), and only the one-row-per-customer
result becomes pandas. Definitions (shared with DESIGN.md and docs/segments.md):

* rows used: a customer id and a date (and an amount when the table has one); the rest are
  counted by :func:`crm_core.transactions.coverage` and shown, never silently dropped;
* ``recency_days``: days from the customer's last order date to the day after the newest
  order date in the table (or after ``observation_end``), so a purchase on the last day is 1;
* ``frequency``: distinct orders (distinct order dates when there is no order id);
* ``monetary``: sum of the amount (quantity × unit price when there is no amount column),
  returns included as they are negative; the number of lines when there is no amount at all;
* a shop's shared till account (:mod:`crm_core.workspace.shared`) is no customer: left out,
  as spend and churn leave it out, and named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import shared_accounts, visits_sql
from crm_core.workspace.transactions import TransactionView, coverage, transaction_view

CORE_FEATURES: tuple[str, ...] = ("recency_days", "frequency", "monetary")
EXTRA_FEATURES: tuple[str, ...] = ("tenure_days", "avg_order_value", "distinct_products", "return_share")
FEATURES: tuple[str, ...] = CORE_FEATURES + EXTRA_FEATURES


@dataclass
class FeatureResult:
    """One row per customer plus what the analyst needs to trust it."""

    frame: pd.DataFrame
    coverage: dict[str, int]
    reference_date: date
    monetary_source: str
    frequency_source: str
    shared: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)
    """The shared till accounts left out: (id, orders, active days)."""


def _used_rows_sql(view: TransactionView, observation_end: date | None,
                   leave_out: tuple[str, ...] = ()) -> tuple[str, list]:
    amount_ok = " AND amount IS NOT NULL" if view.has_amount else ""
    sql = f"SELECT * FROM ({view.sql}) WHERE customer_id IS NOT NULL AND ts IS NOT NULL{amount_ok}"
    params: list = []
    if observation_end is not None:
        sql, params = sql + " AND CAST(ts AS DATE) <= ?", [observation_end]
    if leave_out:
        sql += f" AND customer_id NOT IN ({_marks(leave_out)})"
    return sql, [*params, *leave_out]


def _marks(values) -> str:
    """``?, ?, ?``: one parameter per value of an IN list (Spark takes no list parameter)."""
    return ", ".join("?" * len(values))


def customer_features_sql(view: TransactionView, observation_end: date | None = None,
                          leave_out: tuple[str, ...] = ()) -> tuple[str, list]:
    """The SELECT (and its parameters) giving one row per customer of the used rows, the
    customers ``leave_out`` names excepted; also usable inside other SQL."""
    used, params = _used_rows_sql(view, observation_end, leave_out)
    reference = "(SELECT max(CAST(ts AS DATE)) FROM used) + 1" if observation_end is None else "? + 1"
    if observation_end is not None:
        params = [*params, observation_end]
    order_key = "order_id" if view.has_order_id else "CAST(ts AS DATE)"
    monetary = "sum(amount)" if view.has_amount else "CAST(count(*) AS DOUBLE)"
    is_return = "(coalesce(amount, 0) < 0 OR coalesce(quantity, 0) < 0)"
    products = "count(DISTINCT product_id)" if view.has_product else "CAST(NULL AS BIGINT)"
    sql = f"""
        WITH used AS ({used}), ref AS (SELECT CAST({reference} AS DATE) AS ref_date)
        SELECT customer_id,
               CAST(date_diff('day', max(CAST(ts AS DATE)), any_value(ref_date)) AS BIGINT) AS recency_days,
               CAST(count(DISTINCT {order_key}) AS BIGINT) AS frequency,
               CAST({monetary} AS DOUBLE) AS monetary,
               CAST(date_diff('day', min(CAST(ts AS DATE)), any_value(ref_date)) AS BIGINT) AS tenure_days,
               CAST({monetary} AS DOUBLE) / count(DISTINCT {order_key}) AS avg_order_value,
               {products} AS distinct_products,
               avg(CASE WHEN {is_return} THEN 1.0 ELSE 0.0 END) AS return_share,
               CAST(min(ts) AS DATE) AS first_order, CAST(max(ts) AS DATE) AS last_order
        FROM used, ref GROUP BY customer_id"""
    return sql, params


def customer_features(
    con: duckdb.DuckDBPyConnection,
    table: str,
    overrides: dict[str, str] | None = None,
    *,
    observation_end: date | None = None,
) -> FeatureResult:
    """Features per customer of ``table`` (roles: stored, detected, then ``overrides``).

    ``observation_end`` cuts the history (rows after it are ignored) and fixes the reference
    day, so two snapshots of the same table can be compared.
    """
    view = transaction_view(con, table, get_roles(con, table, overrides))
    shared = _shared(con, view, observation_end)
    sql, params = customer_features_sql(view, observation_end, tuple(c for c, _, _ in shared))
    frame = con.execute(f"SELECT * FROM ({sql}) ORDER BY customer_id", params).df()
    if frame.empty:
        raise CrmError(f"Table '{table}' has no rows with both a customer id and a date"
                       + (f" on or before {observation_end}" if observation_end else "")
                       + "; check the column roles on the Data page.")
    frame["customer_id"] = frame["customer_id"].astype(str)
    last_day = observation_end or pd.Timestamp(frame["last_order"].max()).date()
    return FeatureResult(
        frame=frame,
        coverage=_coverage(con, view, observation_end, shared),
        reference_date=last_day + timedelta(days=1),
        monetary_source=view.amount_source or "lines",
        frequency_source="orders" if view.has_order_id else "order dates",
        shared=shared,
    )


def _shared(con: duckdb.DuckDBPyConnection, view: TransactionView,
            observation_end: date | None) -> tuple[tuple[str, int, int], ...]:
    """The shop's shared till accounts among the used rows: the one rule spend and churn apply
    (the Chinese export's till, 6,659 orders, was an RFM Champion and half its segment's orders)."""
    used, params = _used_rows_sql(view, observation_end)
    return shared_accounts(con, f"({visits_sql(used)})", params)


def _coverage(con: duckdb.DuckDBPyConnection, view: TransactionView, observation_end: date | None,
              shared: tuple[tuple[str, int, int], ...]) -> dict[str, int]:
    """:func:`transactions.coverage`, plus the usable rows a snapshot leaves out (after its end)
    and the shared till accounts' rows."""
    counts = coverage(con, view)
    if observation_end is not None:
        used, _ = _used_rows_sql(view, None)
        later = int(con.execute(f"SELECT count(*) FROM ({used}) WHERE CAST(ts AS DATE) > ?",
                                [observation_end]).fetchall()[0][0])
        counts = {**counts, "after_observation_end": later, "used": counts["used"] - later}
    if shared:
        used, params = _used_rows_sql(view, observation_end)
        ids = [c for c, _, _ in shared]
        tills = int(con.execute(f"SELECT count(*) FROM ({used}) WHERE customer_id IN ({_marks(ids)})",
                                [*params, *ids]).fetchall()[0][0])
        counts = {**counts, "shared_account": tills, "used": counts["used"] - tills}
    return counts


def date_range(con: duckdb.DuckDBPyConnection, table: str,
               overrides: dict[str, str] | None = None) -> tuple[date, date]:
    """First and last order date of a transaction table (for picking snapshot dates)."""
    view = transaction_view(con, table, get_roles(con, table, overrides))
    row = con.execute(f"SELECT min(CAST(ts AS DATE)), max(CAST(ts AS DATE)) FROM ({view.sql}) "
                      "WHERE customer_id IS NOT NULL").fetchone()
    if row is None or row[0] is None:
        raise CrmError(f"Table '{table}' has no dated rows with a customer id.")
    return row[0], row[1]
