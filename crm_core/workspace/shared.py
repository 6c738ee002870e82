"""A shop's shared till account in a purchase log: one id under which the shop books its anonymous
sales (散客, walk-in). It is no customer, so every customer-level analysis (spend, churn, segments)
leaves it out by this one rule and says so by name.
"""

from __future__ import annotations

from crm_core.i18n import Listing, Sentence
from crm_core.workspace.sqlutil import sql_str

SHARED_FACTOR = 3.0
"""Orders per active day, as a multiple of the median customer's, that no one person places: the
median is 1.0 to 1.1 wherever orders have ids (a person orders once on a day they buy), and a
handful of tills cannot move it, as they moved the 99th percentile (订单导出: 1.4, so 5 × let
晴天7841's 6.4 a day pass). Tills: 18.2, 6.4 and 3.5 a day; Complete Journey's busiest household
2.8 (2.6 × its median), CDNOW 1.0, the sample's busiest 1.15."""
SHARED_MIN_DAYS = 28
"""Active days a busy account needs before it is read as shared (a week's burst is a customer)."""
SHARED_NAME = (r"^\s*(散客|零售散客|非会员|过路客|匿名(用户|客户|顾客){0,1}|现金客户|"
               r"walk[ _-]{0,1}in( customer){0,1}|guest|anonymous|cash customer)\s*$")
"""Ids that name an anonymous till account (the whole id, not ``guest_4711`` of one guest checkout), matched
case-blind. No question mark: a masked load's SQL takes its key as ``?`` parameters (left73)."""

VISIT = "coalesce(order_id, strftime(ts, '%Y-%m-%d'))"
"""A visit of a transaction row: its order id, else its day (a log without order ids)."""

ORDERS_AND_DAYS = ("count(*) FILTER (WHERE amount >= 0) AS orders, "
                   "count(DISTINCT CASE WHEN amount >= 0 THEN CAST(ts AS DATE) END) AS days")
"""A customer's orders and active days, aggregated over its visits (``ts``, net ``amount``): a
visit below zero is a return or a cancellation invoice, no order."""

EXACT_MONEY = "DECIMAL(38, 6)"
"""The type a visit's amount is summed in: exact, so the total is the same whatever order the lines
are added in. Doubles summed by DuckDB in the table's order and by Spark in its own differed in the
last bit, enough to move spend's boosting bins (spend × orders 0.08 % apart, spark20)."""

_VISITS_SQL = """
SELECT customer_id, visit, min(ts) AS ts, sum(CAST(coalesce(amount, 0) AS {money})) AS amount,
       count(*) FILTER (WHERE amount < 0) AS return_lines
FROM (SELECT customer_id, {visit} AS visit, ts, amount
      FROM ({rows}) WHERE customer_id IS NOT NULL AND ts IS NOT NULL)
GROUP BY customer_id, visit"""

_SHARED_SQL = """
WITH c AS (SELECT customer_id, {orders_and_days} FROM {visits} GROUP BY customer_id)
SELECT customer_id, orders, days FROM c WHERE {shared} ORDER BY orders DESC
"""


def visits_sql(rows: str) -> str:
    """One row per visit (order id, else day) of the transaction rows ``rows``: its time, net
    amount and returned lines; a visit below zero is a return or a cancellation invoice."""
    return _VISITS_SQL.format(visit=VISIT, rows=rows, money=EXACT_MONEY)


def shared_sql(customers: str) -> str:
    """The one rule, as SQL true on a shared till account of ``customers`` (a relation with
    ``customer_id`` and :data:`ORDERS_AND_DAYS`): far more orders per active day than the median
    customer (a 3,336-order account that paused a day topped the churn list and was an RFM
    Champion), or named 散客 / walk-in / guest. Its numbers are our constants, written in."""
    usual = f"(SELECT median(orders / days) FROM {customers} WHERE days > 0)"
    return (f"(days > 0 AND ((days >= {SHARED_MIN_DAYS} AND orders / days > {SHARED_FACTOR} * {usual})"
            f" OR regexp_matches(customer_id, {sql_str(SHARED_NAME)}, 'i')))")


def shared_accounts(con, visits: str, params: list | tuple = ()) -> tuple[tuple[str, int, int], ...]:
    """(id, orders, active days) of each shared till account (:func:`shared_sql`) among
    ``visits`` (a table, or a bracketed :func:`visits_sql` with its ``params``), the busiest first."""
    found = con.execute(_SHARED_SQL.format(orders_and_days=ORDERS_AND_DAYS, visits=visits,
                                           shared=shared_sql("c")), list(params)).fetchall()
    return tuple((str(c), int(n), int(d)) for c, n, d in found)


def view_tills(con, view_sql: str, end=None) -> tuple[tuple[str, int, int], ...]:
    """:func:`shared_accounts` among the visits of a transaction view's rows (up to ``end``, a day):
    the one lookup cohorts, segments and recommendations make."""
    rows = f"SELECT * FROM ({view_sql}) WHERE CAST(ts AS DATE) <= ?" if end else view_sql
    return shared_accounts(con, f"({visits_sql(rows)})", [end] if end else [])


def shared_said(shared: tuple[tuple[str, int, int], ...]) -> list[dict]:
    """The shared accounts as a run's metrics and summary keep them (and :func:`shared_notes` say them)."""
    return [{"customer_id": c, "orders": n, "active_days": d} for c, n, d in shared]


def shared_notes(accounts, key: str = "customers.note.shared_account") -> tuple[Sentence, ...]:
    """The note on the shared accounts a run left out (:func:`shared_said`), naming each and its
    orders; ``key`` says what they were left out of (``key`` + ``s`` for several: 订单导出's three
    tills gave three notes of three lines each, the same sentence but for the counts, walk20)."""
    said = [{"customer": a["customer_id"], "orders": f"{a['orders']:,}", "days": f"{a['active_days']:,}"}
            for a in accounts]
    if len(said) < 2:
        return tuple(Sentence(key, **a) for a in said)
    return (Sentence(f"{key}s", accounts=Listing(Sentence("shared.account", **a) for a in said)),)


class LeavesSharedOut:
    """For a run whose ``result.metrics`` name the shared accounts it left out (churn, spend):
    its metrics and its notes, said once."""

    @property
    def metrics(self) -> dict:
        return self.result.metrics

    @property
    def notes(self) -> tuple:
        """The shared walk-in accounts left out of the scores, by id and orders."""
        return shared_notes(self.metrics.get("shared_accounts", ()))


def unnamed_sales(con, view_sql: str, end=None) -> tuple[int, float | None, float | None]:
    """Dated rows of a transaction view that no customer id names (a till's 散客 lines, a guest
    checkout), up to ``end`` (a day): how many, their money and the money of every dated row. No
    customer analysis can follow them, so a run that drops them says so (judge36: cohorts left out
    24 % of a bakery's till without a word)."""
    cut = " AND CAST(ts AS DATE) <= ?" if end else ""
    row = con.execute(f"""SELECT count(*) FILTER (WHERE customer_id IS NULL),
                                 sum(CAST(amount AS {EXACT_MONEY})) FILTER (WHERE customer_id IS NULL),
                                 sum(CAST(amount AS {EXACT_MONEY}))
                          FROM ({view_sql}) WHERE ts IS NOT NULL{cut}""", [end] if end else []).fetchone()
    return int(row[0]), *(None if v is None else float(v) for v in row[1:])
