"""What an analyst's query names, said back when the engine refuses it: the columns of the
tables it reads, beside a column the engine did not find."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from crm_core.i18n import Clauses, Sentence, quoted_name, shortened
from crm_core.workspace import store

SHOWN_COLUMNS = 30
"""Columns listed per table beside a column the engine did not find (a wide export has 200)."""


def query_columns(db_path: str | os.PathLike[str], sql: str) -> Clauses | None:
    """The columns of each workspace table ``sql`` reads ("'orders' has the columns 'invoice_no',
    …"), None when it reads none (a CTE, ``SELECT 1``): DuckDB's "Referenced column "省份" not
    found" named one near miss at best, and the analyst had to open the tables to find the right
    name (walk15). Parsing names the tables without running anything; the columns come from the
    workspace's catalogue."""
    with store.Workspace(Path(db_path).parent).connect() as con:
        read = sorted(t for t in duckdb.get_table_names(sql)
                      if store.table_exists(con, t) or store.view_exists(con, t))
        parts = [Sentence("protect.refuse.table_columns", table=quoted_name(t), columns=shortened(
            [quoted_name(c) for c, _ in store.columns_of(con, t)], SHOWN_COLUMNS)) for t in read]
    return Clauses(parts) if parts else None
