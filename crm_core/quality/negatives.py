"""Negative quantities or amounts the export itself marks: a till's 单据类型 退货 on every negative row
answers the profile's "returns or cancellations?" (银豹收银's 商品销售明细, judge72)."""

from __future__ import annotations

import duckdb

from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import number_sql

MARKER_MAX_DISTINCT = 20  # a type or status column names a handful of kinds, not ids or names


def negative_marker(con: duckdb.DuckDBPyConnection, table: str, column: str, dtype: str,
                    markers: list[str]) -> tuple[str, str] | None:
    """The first of ``markers`` (text columns of few values and no role) with one value on every negative
    row of ``column`` (of ``dtype``) and on no other row, as (marker, value); else None."""
    col = number_sql(qi(column), dtype)
    for marker in markers:
        found = con.execute(
            f"SELECT {qi(marker)}, count(*) FILTER (WHERE {col} >= 0 OR {col} IS NULL),"
            f" count(*) FILTER (WHERE {col} < 0) FROM {qi(table)}"
            f" GROUP BY 1 HAVING count(*) FILTER (WHERE {col} < 0) > 0").fetchall()
        if len(found) == 1 and _marks(*found[0]):
            return marker, str(found[0][0])
    return None


def _marks(value: object, others: int, negatives: int) -> bool:
    """A value names the negatives when it is filled, on none of the other rows and on more than one
    negative row (one row's own date or note would name a lone negative by chance)."""
    return value is not None and bool(str(value).strip()) and others == 0 and negatives > 1
