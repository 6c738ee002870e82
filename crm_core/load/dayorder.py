"""Dates whose day and month could be either way round (``05/03/2024``): the order read, and a
note when every date of a column fits both, so the analyst knows what to check."""

from __future__ import annotations

from collections.abc import Iterable

from crm_core import i18n
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.store import META, columns_of

COMPACT = "compact"
"""The order of a date written as one number (``20240305``, ``240305``): year, month, day; other
orders are ``compact:dmy`` (``051223``) and ``compact:mdy`` (:mod:`~crm_core.load.compactdates`)."""


def compact(order: str) -> str:
    """The plan's order for compact dates read ``ymd``, ``dmy`` or ``mdy``."""
    return COMPACT if order == "ymd" else f"{COMPACT}:{order}"


def twin(fmt: str) -> str:
    """The format with day and month swapped (``%d/%m/%Y`` ↔ ``%m/%d/%Y``)."""
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def day_order(ranked: list[str], formats: list[str]) -> str:
    """``day_first`` / ``month_first``: how the first of the ``ranked`` formats whose twin was
    among the ``formats`` tried reads dates; empty when no such format was chosen (ISO dates)."""
    for fmt in ranked:
        if twin(fmt) != fmt and twin(fmt) in formats:
            return "day_first" if fmt.index("%d") < fmt.index("%m") else "month_first"
    return ""


_SHOWN = f"{META}.day_orders"
"""The order each loaded date column showed by a day past the 12th: (table, column, order)."""


def _ensure(con) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {META}")
    con.execute(f"CREATE TABLE IF NOT EXISTS {_SHOWN} (table_name VARCHAR, column_name VARCHAR, "
                "day_order VARCHAR)")


def shown(con) -> tuple[str, list[str]]:
    """The order the workspace's loaded tables showed, when they all agree, and those tables; ("", [])
    otherwise. A Salesforce org's Contacts report (``1/3/2017`` on every row) reads as its Opportunities
    report (``7/17/2017``) does (left36)."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = "
                       "'day_orders'", [META]).fetchone()[0]:
        return "", []
    rows = con.execute(f"SELECT DISTINCT day_order, table_name FROM {_SHOWN} WHERE table_name IN "
                       f"(SELECT name FROM {META}.catalog) ORDER BY table_name").fetchall()
    orders = {order for order, _ in rows}
    return (orders.pop(), [t for _, t in rows]) if len(orders) == 1 else ("", [])


def as_shown(con, ranked: list[str], scores: dict[str, int]) -> list[str]:
    """``ranked`` month first where the best format reads no more dates than its twin (every date fits
    both orders) and the workspace's tables showed month first; as ranked otherwise (day first)."""
    from crm_core.workspace.day_order import month_first_formats  # it reads this module's twin

    best = ranked[0] if ranked else ""
    tied = best and twin(best) != best and scores.get(twin(best)) == scores[best]
    if tied and shown(con)[0] == "month_first":
        return month_first_formats(ranked)
    return ranked


def claim(con, built: str, target: str) -> None:
    """The orders a build showed, kept under the table it became (a re-upload's replace the old ones)."""
    _ensure(con)
    con.execute(f"DELETE FROM {_SHOWN} WHERE table_name = ?", [target])
    con.execute(f"UPDATE {_SHOWN} SET table_name = ? WHERE table_name = ?", [target, built])


def notes(con, table: str, plans: Iterable[tuple[str, object]]) -> list[i18n.Sentence]:
    """A note per date column of the built ``table`` read from numbers (``20240305``: the analyst
    sees the number became a day), and per one whose every date fits both orders (no day past the
    12th, some day not its month). Read day-first with no word of it, a US export's
    ``03/05/2024`` (5 March) was 3 May in every chart, and nothing told the analyst to check."""
    types = dict(columns_of(con, table))
    dated = [(column, plan) for column, plan in plans
             if plan.kind == "date" and plan.order and types.get(column) in ("DATE", "TIMESTAMP")]
    compact = [n for c, plan in dated if plan.order.startswith(COMPACT) for n in _compact_notes(c, plan)]
    checked = [(column, plan.order) for column, plan in dated if not plan.order.startswith(COMPACT)]
    if not checked:
        return compact
    counts = con.execute("SELECT " + ", ".join(
        f"count(*) FILTER (WHERE day({qi(c)}) > 12), count(*) FILTER (WHERE day({qi(c)}) <> month({qi(c)}))"
        for c, _ in checked) + f" FROM {qi(table)}").fetchone()
    _keep(con, table, [(column, order) for k, (column, order) in enumerate(checked) if counts[2 * k]])
    order_shown, tables = shown(con)
    return compact + [_ambiguous(column, order, tables if order == order_shown == "month_first" else [])
                      for k, (column, order) in enumerate(checked)
                      if counts[2 * k] == 0 and counts[2 * k + 1]]


def _keep(con, table: str, orders: list[tuple[str, str]]) -> None:
    """Keep the orders ``table``'s columns showed (:func:`claim` moves them to the table's name)."""
    if orders:
        _ensure(con)
        con.executemany(f"INSERT INTO {_SHOWN} VALUES (?, ?, ?)", [(table, c, o) for c, o in orders])


def _ambiguous(column: str, order: str, tables: list[str]) -> i18n.Sentence:
    """That every date of ``column`` fits both orders, and the order read: the one ``tables`` showed."""
    said = i18n.Sentence(f"load.day_order.{order}")
    if tables:
        return i18n.Sentence("load.note.day_order_shown", column=column, order=said,
                             tables=i18n.Listing(tables))
    return i18n.Sentence("load.note.day_order", column=column, order=said)


def _compact_notes(column: str, plan) -> list[i18n.Sentence]:
    """That the numbers were read as dates, in which order when not year first, and that the
    values fit another order too when they do (``051223``: 5 December 2023 or 23 December 2005)."""
    order = plan.order.partition(":")[2]
    said = [i18n.Sentence("load.note.compact_dates_order", column=column,
                          order=i18n.Sentence(f"load.compact_order.{order}")) if order
            else i18n.Sentence("load.note.compact_dates", column=column)]
    if plan.also:
        said.append(i18n.Sentence("load.note.compact_ambiguous", column=column,
                                  order=i18n.Sentence(f"load.compact_order.{order or 'ymd'}"),
                                  other=i18n.Sentence(f"load.compact_order.{plan.also}")))
    return said
