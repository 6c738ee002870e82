"""Bookings still to come: a hotel's or a salon's export lists the stays and visits booked ahead
(``Confirmed``, 待到店) beside those that happened. Until the guest comes they are no revenue, so
the transaction view leaves out a booking still waiting whose arrival is after every other
booking's: the export's newest stay is as far as its money goes (judge21: 410 bookings, 394,130 €
arriving after the export day were counted as earned).
"""

from __future__ import annotations

import duckdb

from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.workspace import day_order, store
from crm_core.workspace.events import listed
from crm_core.workspace.invoice_states import STATUS
from crm_core.workspace.role_dates import dated_beside_created, is_served_name
from crm_core.workspace.role_names import bare_header, is_numeric_type
from crm_core.workspace.sqlutil import qi

WAITING = ("confirmed", "reserved", "booked", "upcoming", "scheduled", "guaranteed", "tentative",
           "待到店", "待入住", "待服务", "待消费", "已预约", "已预订", "已预定", "已确认")
"""A booking's status before the guest comes. Only beside an arrival or visit time: an order export's
newest orders are ``Confirmed`` too, and a confirmed order is paid."""


def future_booking_sql(columns: list[tuple[str, str]], table: str, status: str) -> str:
    """True on a booking whose ``status`` is still waiting and whose arrival (the first column, not
    of numbers, headed as when a booking is served) is after the newest arrival of the bookings
    that are not ("" without such a column: no time says which bookings lie ahead)."""
    served = _served(columns)
    if served is None:
        return ""
    when, waiting = _arrival_sql(table, *served), listed(status, WAITING)
    newest = f"(SELECT max({when}) FROM {qi(table)} WHERE NOT {waiting})"
    return f"({waiting} AND coalesce({when} > {newest}, false))"


def _served(columns: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The column of when a booking is served, with its type (None without one)."""
    beside = dated_beside_created([c for c, _ in columns])  # Housecall Pro's job day (judge64)
    return next(((c, dtype) for c, dtype in columns
                 if (is_served_name(c) or c == beside) and not is_numeric_type(dtype)),
                None)  # 到店人数 counts guests: no time


def future_named(con: duckdb.DuckDBPyConnection, table: str, count: int) -> Sentence | None:
    """The note naming the one status column, its waiting states and the served date of the ``count`` rows
    still to come, or None when they do not add up: judge64's Housecall Pro jobs ``scheduled`` were said as
    "confirmed … arriving after the newest stay or visit", a hotel's words for a plumber's jobs."""
    columns = store.columns_of(con, table)
    found = [(c, test) for c, dtype in columns if dtype == "VARCHAR" and STATUS.match(bare_header(c))
             and (test := future_booking_sql(columns, table, c))]
    if len(found) != 1:
        return None
    column, test = found[0]
    rows = con.execute(f"SELECT trim({qi(column)}), count(*) FROM {qi(table)} WHERE {test} "
                       f"GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    if sum(n for _, n in rows) != count:
        return None
    states = Listing(quoted_name(value) for value, _ in rows)
    return Sentence("load.note.future_named", count=f"{count:,}", column=quoted_name(column), states=states,
                    date=quoted_name(_served(columns)[0]))


def _arrival_sql(table: str, column: str, dtype: str) -> str:
    """The arrival as a timestamp, a text column read in its own day order (:mod:`day_order`): read day
    first, a US PMS's ``08/25/2017`` was no day, so a booking still to come counted as earned (left38)."""
    from crm_core.workspace.transactions import date_sql  # transactions applies this rule

    if dtype.upper() != "VARCHAR":
        return date_sql(qi(column), dtype)
    return (f"CASE WHEN {day_order.month_first_sql(table, column)} THEN {date_sql(qi(column), dtype, True)} "
            f"ELSE {date_sql(qi(column), dtype)} END")
