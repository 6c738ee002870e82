"""What a number column holds beyond its type, kept on the column itself (a DuckDB column
comment): a column the loader read from percents (``12.5%``) holds shares of one (0.125), which
pages and workbooks show as percents again. The mark moves with the table when it is renamed
(installed, restored); a table built from it by SQL (a cleaning recipe's output, a union, a join)
carries it over for the columns it keeps by name as numbers (:func:`carry_shares`)."""

from __future__ import annotations

import duckdb

from crm_core.workspace.sqlutil import qi

SHARE = "share"
"""The comment marking a column of shares of one."""


def mark_shares(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
    """Mark ``columns`` of ``table`` as shares of one (read from percents at load)."""
    for column in columns:
        con.execute(f"COMMENT ON COLUMN {qi(table)}.{qi(column)} IS '{SHARE}'")


def share_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The columns of ``table`` that hold shares of one (shown as 12.5%, not 0.125)."""
    rows = con.execute("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                       "AND table_name = ? AND comment = ?", [table, SHARE]).fetchall()
    return {name for (name,) in rows}


def carry_shares(con: duckdb.DuckDBPyConnection, parent: str, table: str) -> None:
    """Mark the columns ``table`` keeps from ``parent`` by name, still numbers, that were shares
    there: a recipe's output gave back a percent column as plain decimals (0.125, not 12.5%)."""
    kept = con.execute("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND "
                       "table_name = ? AND (data_type IN ('DOUBLE', 'FLOAT') OR data_type LIKE 'DECIMAL%')",
                       [table]).fetchall()
    mark_shares(con, table, sorted(share_columns(con, parent) & {name for (name,) in kept}))
