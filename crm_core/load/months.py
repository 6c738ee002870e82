"""A year-by-month report (one row per year, ``Jan … Dec`` or ``1月 … 12月`` as columns) made
one row per month at load.

Statistics offices and finance teams publish monthly figures this way, often with a ``Total``
column. Loaded as written, each year read as a "customer", the months as twelve unrelated
measures and the table had no date, so Forecast refused it and Segments grouped years.
"""

from __future__ import annotations

import re

from crm_core.load import coltypes
from crm_core.load.text import build_name
from crm_core.workspace import store
from crm_core.workspace.role_names import YEAR_HEADER
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ZH_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_TOTAL = re.compile(r"^(total|totals|sum|annual|year[ _]total|全年|合计|总计|全年合计|年度合计|年合计)$",
                    re.IGNORECASE)
_FIRST_YEAR, _LAST_YEAR = 1900, 2100


def month_of(header: str) -> int | None:
    """The month (1-12) a column header names: Jan, January, Sept, 1月, 01月, 一月; else None."""
    name = header.strip().lower().rstrip(".")
    zh = re.fullmatch(r"(\d{1,2})\s*月(份)?", name)
    if zh and 1 <= int(zh.group(1)) <= 12:
        return int(zh.group(1))
    zh_word = re.fullmatch(r"([一二三四五六七八九十]+)月(份)?", name)
    if zh_word and zh_word.group(1) in _ZH_MONTHS:
        return _ZH_MONTHS.index(zh_word.group(1)) + 1
    for k, short in enumerate(_MONTHS, start=1):
        if name == short or (len(name) >= 3 and name.isalpha() and _full_name(k).startswith(name)):
            return k
    return None


def _full_name(month: int) -> str:
    return ("january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december")[month - 1]


def unpivot_months(con, table: str) -> list:
    """Turn a year column and twelve month columns into one row per month (first day as the
    date, the figure as ``value`` / ``数值``); a total column is left out (its months are kept).
    Other columns (a region, a product) stay beside each month. Returns the load note."""
    columns = store.columns_of(con, table)
    months = {month_of(c): c for c, t in columns if is_numeric_type(t) and month_of(c)}
    years = [c for c, t in columns if YEAR_HEADER.match(c.strip()) and is_numeric_type(t)]
    if len(months) != 12 or len(years) != 1 or not _years_in_range(con, table, years[0]):
        return []
    year = years[0]
    totals = [c for c, _ in columns if _TOTAL.match(c.strip())]
    keys = [c for c, _ in columns if c not in months.values() and c not in totals and c != year]
    chinese = any(re.search(r"[\u4e00-\u9fff]", c) for c in months.values())
    date_name, value_name = ("月份", "数值") if chinese else ("month", "value")
    if {date_name, value_name} & {c.lower() for c in keys}:
        return []
    cases = " ".join(f"WHEN '{c.replace(chr(39), chr(39) * 2)}' THEN {k}" for k, c in months.items())
    month_columns = ", ".join(qi(c) for c in months.values())
    kept = "".join(f"{qi(c)}, " for c in keys)
    rebuilt = build_name()
    con.execute(
        f"CREATE TABLE {qi(rebuilt)} AS SELECT {kept}"
        f"make_date(CAST({qi(year)} AS INTEGER), CASE m {cases} END, 1) AS {qi(date_name)}, "
        f"CAST(v AS DOUBLE) AS {qi(value_name)} "
        f"FROM (UNPIVOT (SELECT {kept}{qi(year)}, {month_columns} FROM {qi(table)}) "
        f"ON {month_columns} INTO NAME m VALUE v) ORDER BY {kept}{qi(date_name)}")
    rows = con.execute(f"SELECT count(*) FROM {qi(rebuilt)}").fetchone()[0]
    con.execute(f"DROP TABLE {qi(table)}")
    con.execute(f"ALTER TABLE {qi(rebuilt)} RENAME TO {qi(table)}")
    notes = [coltypes.note("months_as_columns", year=year, first=months[1], last=months[12],
                           rows=f"{rows:,}", date=date_name, value=value_name)]
    if totals:
        notes.append(coltypes.note("months_total_column", columns=", ".join(totals)))
    return notes


def _years_in_range(con, table: str, year: str) -> bool:
    """Every filled value of the year column is a whole year between 1900 and 2100."""
    low, high, odd = con.execute(
        f"SELECT min({qi(year)}), max({qi(year)}), count(*) FILTER ({qi(year)} <> round({qi(year)})) "
        f"FROM {qi(table)}").fetchone()
    return low is not None and low >= _FIRST_YEAR and high <= _LAST_YEAR and not odd
