"""Rows the export itself marks: a till's 单据类型 退货 on every negative row answers the profile's "returns
or cancellations?" (银豹收银's 商品销售明细, judge72); 知识星球's 收入类型 加入星球 / 续期 on every far-out
支付金额 says the membership fees are no stray values among the tips (judge76)."""

from __future__ import annotations

import duckdb

from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import number_sql

MARKER_MAX_DISTINCT = 20  # a type or status column names a handful of kinds, not ids or names
OUTLIER_KINDS = 3  # far-out rows named by a few kinds of row at most; more would be chance


def negative_marker(con: duckdb.DuckDBPyConnection, table: str, column: str, dtype: str,
                    markers: list[str]) -> tuple[str, str] | None:
    """The first of ``markers`` (text columns of few values and no role) with one value on every negative
    row of ``column`` (of ``dtype``) and on no other row, as (marker, value); else None."""
    col = number_sql(qi(column), dtype)
    found = row_marker(con, table, f"{col} < 0", [], markers, 1)
    return (found[0], found[1][0]) if found else None


def outlier_marker(con: duckdb.DuckDBPyConnection, table: str, column: str, fences: tuple[float, float],
                   markers: list[str]) -> tuple[str, list[str]] | None:
    """The first of ``markers`` whose values on the rows of ``column`` outside ``fences`` (up to
    ``OUTLIER_KINDS`` of them) are on no row inside, as (marker, values); else None."""
    c = qi(column)
    return row_marker(con, table, f"({c} < ? OR {c} > ?)", list(fences), markers, OUTLIER_KINDS)


def row_marker(con: duckdb.DuckDBPyConnection, table: str, flagged: str, params: list, markers: list[str],
               most: int) -> tuple[str, list[str]] | None:
    """The first marker column whose values on the ``flagged`` rows (SQL, with ``params``) are at most
    ``most``, all filled and on none of the other rows, as (marker, values); else None."""
    for marker in markers:
        found = con.execute(
            f"SELECT {qi(marker)}, count(*) FILTER (WHERE NOT coalesce({flagged}, false)),"
            f" count(*) FILTER (WHERE {flagged}) FROM {qi(table)}"
            f" GROUP BY 1 HAVING count(*) FILTER (WHERE {flagged}) > 0 ORDER BY 1", params * 3).fetchall()
        if 0 < len(found) <= most and _marks(found):
            return marker, [str(value) for value, _, _ in found]
    return None


def _marks(found: list[tuple]) -> bool:
    """The values name the flagged rows when each is filled and on none of the other rows, and the rows are
    more than one (one row's own date or note would name a lone one by chance)."""
    filled = all(value is not None and str(value).strip() and others == 0 for value, others, _ in found)
    return filled and sum(hits for _, _, hits in found) > 1
