"""What an analyst's query names, said back when the engine refuses it: the columns of the
tables it reads, beside a column the engine did not find; and a result's columns told apart when
the query gave two of them one name."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from crm_core.i18n import Clauses, Listing, Sentence, quoted_name, shortened
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


def distinct_names(names) -> list[str]:
    """Every repeat of a name numbered (``x``, ``x_2``; ``x_3`` if ``x_2`` is taken): ``SELECT a.x,
    b.x`` gave the grid two columns named ``x``, which it could not draw, and the JSON download
    kept one of them (walk16)."""
    names = [str(n) for n in names]
    taken, used, out = set(names), set(), []
    for name in names:
        new, n = name, 1
        while new in used or (new != name and new in taken):
            n += 1
            new = f"{name}_{n}"
        used.add(new)
        out.append(new)
    return out

def renamed_note(names, distinct) -> Sentence | None:
    """The sentence saying which columns shared a name and what they are called now, or None."""
    repeated = {n for n in names if list(names).count(n) > 1}
    if not repeated:
        return None
    told = [quoted_name(new) for old, new in zip(names, distinct, strict=True) if old in repeated]
    return Sentence("protect.sql.renamed", names=Listing(told))
