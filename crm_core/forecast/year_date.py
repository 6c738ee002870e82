"""A yearly series' date: a whole-year column (``年份``, ``Year`` 1975 … 2019) when the table has no date.

A country's yearly exports or a firm's annual sales are often published with the year as an
integer and no date at all; the forecast refused them "no date column" (walk16's 年度出口额), though
the same figures dated 1 January were forecast by year. A column headed as a year, holding only whole
years in 1800–2100 and playing no other role (not an id, not an amount), is read as 1 January of
each year (``transactions.role_date_sql``); a note says so.
"""

from __future__ import annotations

import duckdb

from crm_core.i18n import Sentence
from crm_core.workspace import store
from crm_core.workspace.role_names import YEAR_HEADER, is_numeric_type
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import FIRST_YEAR, LAST_YEAR


def year_date(con: duckdb.DuckDBPyConnection, table: str,
              roles: dict[str, str]) -> tuple[str, Sentence] | None:
    """The year column to date the rows by and a note naming it, or None when the table has a
    date or no column of whole years."""
    if roles.get("date"):
        return None
    taken = set(roles.values())
    for column, dtype in store.columns_of(con, table):
        if column in taken or not YEAR_HEADER.match(column.strip()) or not is_numeric_type(dtype):
            continue
        span = _whole_years(con, table, column)
        if span:
            return column, Sentence("forecast.note.year_date", column=column, first=span[0], last=span[1])
    return None


def _whole_years(con: duckdb.DuckDBPyConnection, table: str, column: str) -> tuple[int, int] | None:
    """The first and last year when every filled value is a whole year in range (else None:
    a count or a code under a year-like header)."""
    c = qi(column)
    low, high, odd = con.execute(f"SELECT min({c}), max({c}), count(*) FILTER ({c} <> round({c})) "
                                 f"FROM {qi(table)}").fetchone()
    if low is None or odd or low < FIRST_YEAR or high > LAST_YEAR:
        return None
    return int(low), int(high)
