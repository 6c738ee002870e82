"""Customer features (RFM and more) computed in SQL over a transaction table.

Like lifetimes' ``summary_data_from_transaction_data``: roles name the columns, the
observation end is an explicit parameter (never "today"), and only the one-row-per-customer
result becomes pandas. Definitions (shared with DESIGN.md and docs/segments.md):

* rows used: a customer id and a date (and an amount when the table has one); the rest are
  counted by :func:`crm_core.workspace.coverage.coverage` and shown, never silently dropped;
* ``recency_days``: days from the customer's last order date to the day after the newest
  order date in the table (or after ``observation_end``), so a purchase on the last day is 1; a
  return or refund row is no activity (Square's Refund two days after the payment, left26), unless
  the customer has nothing else;
* ``frequency``: distinct orders (distinct order dates when there is no order id); a visit netting
  below zero (QuickBooks' Credit Memo under a ``Num`` of its own) is a return, no order, as churn and
  spend count it (customers/history.py), unless the customer has nothing else;
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
from crm_core.i18n import Sentence
from crm_core.segment.configs import CORE_FEATURES, FEATURES  # noqa: F401 (the Segments page reads them here)
from crm_core.workspace import store
from crm_core.workspace.amount_words import as_counted
from crm_core.workspace.coverage import coverage
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import EXACT_MONEY, ORDERS_AND_DAYS, VISIT, shared_sql
from crm_core.workspace.status_named import status_said
from crm_core.workspace.transactions import TransactionView, named_products, transaction_view


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
    moneyless: tuple[int, int] = (0, 0)
    """(customers with no money on any row, of all customers): left out, as RFM needs a spend."""
    status_said: Sentence | None = None
    """The rows the status rule left out in the export's own states, read while the table is at hand: the
    report files are written from the run alone and said every state the app knows (left72)."""


def _used_rows_sql(view: TransactionView, observation_end: date | None) -> tuple[str, list]:
    amount_ok = " AND amount IS NOT NULL" if view.has_amount else ""
    sql = f"SELECT * FROM ({view.sql}) WHERE customer_id IS NOT NULL AND ts IS NOT NULL{amount_ok}"
    if observation_end is None:
        return sql, []
    return sql + " AND CAST(ts AS DATE) <= ?", [observation_end]


def _frequency_sql(visit: str) -> str:
    """The visits that are orders: a return (a visit netting below zero) is no order, unless the
    customer has nothing else (judge31: Allen Bistro's two invoices and one credit memo read 3)."""
    return (f"coalesce(nullif(count(*) FILTER (WHERE {visit} AND amount >= 0), 0), "
            f"count(*) FILTER (WHERE {visit}))")


def customer_features_sql(view: TransactionView, observation_end: date | None = None) -> tuple[str, list]:
    """The SELECT (and its parameters) giving one row per customer of the used rows in one pass:
    its features, its orders and active days, its rows (``lines``) and ``shared``, true on the
    shop's till accounts (:func:`shared_sql`). Visits (order id, else day) come first, as the till
    rule counts them; the reference day is the newest order of the customers that are not tills.
    Money is summed exactly (:data:`EXACT_MONEY`), so ``monetary`` is the same to the bit whatever order
    an engine adds the lines in (doubles put two average orders a cent apart on Spark)."""
    used, params = _used_rows_sql(view, observation_end)
    reference = ("SELECT CAST(max(last_order) FILTER (WHERE NOT shared) + 1 AS DATE) AS ref_date FROM flagged"
                 if observation_end is None else "SELECT CAST(? + 1 AS DATE) AS ref_date")
    if observation_end is not None:
        params = [*params, observation_end]
    frequency = _frequency_sql("order_lines > 0" if view.has_order_id else "true")
    monetary = "sum(amount)" if view.has_amount else "CAST(sum(lines) AS DOUBLE)"
    is_return = "(coalesce(amount, 0) < 0 OR coalesce(quantity, 0) < 0)"
    products = "count(DISTINCT product_id)" if view.has_product else "CAST(NULL AS BIGINT)"
    sql = f"""
        WITH used AS (SELECT *, {VISIT} AS visit FROM ({used})),
        visits AS (SELECT customer_id, visit, min(ts) AS ts,
                          max(ts) FILTER (WHERE NOT {is_return}) AS last_ts,
                          sum(CAST(coalesce(amount, 0) AS {EXACT_MONEY})) AS amount, count(*) AS lines,
                          count(order_id) AS order_lines, count(*) FILTER (WHERE {is_return}) AS returns
                   FROM used GROUP BY customer_id, visit),
        customers AS (SELECT customer_id, {ORDERS_AND_DAYS},
                             CAST({frequency} AS BIGINT) AS frequency, CAST({monetary} AS DOUBLE) AS monetary,
                             sum(lines) AS lines, sum(returns) / sum(lines) AS return_share,
                             CAST(min(ts) AS DATE) AS first_order,
                             CAST(coalesce(max(last_ts), max(ts)) AS DATE) AS last_order
                      FROM visits GROUP BY customer_id),
        products AS (SELECT customer_id, {products} AS distinct_products FROM used GROUP BY customer_id),
        flagged AS (SELECT *, {shared_sql("customers")} AS shared FROM customers),
        ref AS ({reference})
        SELECT customer_id,
               CAST(date_diff('day', last_order, ref_date) AS BIGINT) AS recency_days,
               frequency, monetary,
               CAST(date_diff('day', first_order, ref_date) AS BIGINT) AS tenure_days,
               monetary / frequency AS avg_order_value,
               distinct_products, return_share, first_order, last_order, shared, orders, days, lines
        FROM flagged JOIN products USING (customer_id), ref"""
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
    # a till listing items by name only still says how many kinds each customer bought (judge58)
    view = transaction_view(con, table, named_products(get_roles(con, table, overrides)))
    sql, params = customer_features_sql(view, observation_end)
    found = con.execute(f"SELECT * FROM ({sql}) ORDER BY customer_id", params).df()
    frame = found[~found["shared"]].drop(columns=_TILL_COLUMNS).reset_index(drop=True)
    if frame.empty:
        until = Sentence("segment.error.until", day=observation_end) if observation_end else ""
        raise CrmError(Sentence("segment.error.no_customer_dates", table=table, until=until))
    frame["customer_id"] = frame["customer_id"].astype(str)
    last_day = observation_end or pd.Timestamp(frame["last_order"].max()).date()
    counts = _coverage(con, view, observation_end, int(found.loc[found["shared"], "lines"].sum()))
    return FeatureResult(
        frame=frame,
        coverage=counts,
        reference_date=last_day + timedelta(days=1),
        monetary_source=as_counted(store.columns_of(con, table), view.amount_source) or "lines",
        frequency_source="orders" if view.has_order_id else "order dates",
        shared=_tills(found),
        moneyless=_moneyless(con, view, observation_end, len(frame))
        if counts["no_amount"] or counts.get("other_currency") else (0, 0),
        status_said=_status_said(con, table, counts.get("cancelled.cancelled_orders", 0)),
    )


def _status_said(con: duckdb.DuckDBPyConnection, table: str, gone: int) -> Sentence | None:
    """:func:`status_said` where the status rule left rows out (one pass more only then)."""
    return status_said(con, table, gone) if gone else None


def _moneyless(con: duckdb.DuckDBPyConnection, view: TransactionView, observation_end: date | None,
               kept: int) -> tuple[int, int]:
    """(customers whose every row has no money, of them and the ``kept`` ones): a Shopee buyer
    whose orders are all in a currency the load left out of every sum (MYR beside TWD) has no spend
    to cluster on, while cohorts and recommendations still count them (judge34). Read only when some
    rows have no money (:func:`_coverage`'s ``no_amount`` or ``other_currency``): no pass more over a log
    priced throughout."""
    cut = " AND CAST(ts AS DATE) <= ?" if observation_end else ""
    sql = (f"SELECT count(*) FROM (SELECT customer_id FROM ({view.sql}) WHERE customer_id IS NOT NULL "
           f"AND ts IS NOT NULL{cut} GROUP BY customer_id HAVING count(amount) = 0)")
    none = int(con.execute(sql, [observation_end] if observation_end else []).fetchone()[0])
    return none, kept + none


def _tills(found: pd.DataFrame) -> tuple[tuple[str, int, int], ...]:
    """(id, orders, active days) of the till accounts the one pass flagged, the busiest first (as
    spend and churn list them)."""
    tills = found[found["shared"]].sort_values("orders", ascending=False, kind="stable")
    rows = tills[["customer_id", "orders", "days"]].itertuples(index=False)
    return tuple((str(c), int(n), int(d)) for c, n, d in rows)


_TILL_COLUMNS = ["shared", "orders", "days", "lines"]
"""What the one pass adds for the till rule, dropped from the features."""


def _coverage(con: duckdb.DuckDBPyConnection, view: TransactionView, observation_end: date | None,
              till_rows: int) -> dict[str, int]:
    """:func:`transactions.coverage`, plus the usable rows a snapshot leaves out (after its end)
    and the shared till accounts' rows."""
    counts = coverage(con, view)
    if observation_end is not None:
        used, _ = _used_rows_sql(view, None)
        later = int(con.execute(f"SELECT count(*) FROM ({used}) WHERE CAST(ts AS DATE) > ?",
                                [observation_end]).fetchall()[0][0])
        counts = {**counts, "after_observation_end": later, "used": counts["used"] - later}
    if till_rows:
        counts = {**counts, "shared_account": till_rows, "used": counts["used"] - till_rows}
    return counts


def date_range(con: duckdb.DuckDBPyConnection, table: str,
               overrides: dict[str, str] | None = None) -> tuple[date, date]:
    """First and last order date of a transaction table (for picking snapshot dates)."""
    view = transaction_view(con, table, get_roles(con, table, overrides))
    row = con.execute(f"SELECT min(CAST(ts AS DATE)), max(CAST(ts AS DATE)) FROM ({view.sql}) "
                      "WHERE customer_id IS NOT NULL").fetchone()
    if row is None or row[0] is None:
        raise CrmError(Sentence("segment.error.no_dated_rows", table=table))
    return row[0], row[1]
