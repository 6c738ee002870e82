"""Customer 360 before linking: a customer found by an id, name, phone or e-mail written in any
loaded table, without a link run.

An analyst who loaded one order export types a buyer's nickname (木子9383) or phone and expects
their orders; the linked profile (``customers_unified``) only exists after ``link``. One SQL
filter per table compares the typed text (and its canonical e-mail / phone, or their tokens in
masked columns) with each text column, so a 1M-line log is one scan, not a frame in pandas.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from crm_core.link import normalise
from crm_core.protect import privacy
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import runs, store
from crm_core.workspace.sqlutil import qi

LINKED = ("identity_map", "customers_unified")
"""The link run's own tables: read by :func:`customer360.find`, not searched again here."""
TEXT_TYPES = ("VARCHAR", "BIGINT", "INTEGER", "HUGEINT", "UBIGINT")
"""Column types an id, name, phone or e-mail is kept in (a phone or id is often read as a number)."""
MAX_ROWS = 200


def searched_tables(con: duckdb.DuckDBPyConnection, kept: list[runs.RunRecord]) -> list[str]:
    """The loaded exports, newest first: not the analyses' result tables nor the link's tables."""
    results = {name for r in kept for name in r.result_tables.values()}
    return [t.name for t in store.list_tables(con) if t.name not in results and t.name not in LINKED]


def typed_values(con: duckdb.DuckDBPyConnection, table: str, query: str) -> list[str]:
    """What ``query`` may be written as in ``table``: as typed, as a canonical e-mail or phone
    (``139-8765-4321`` is ``13987654321``), and as the tokens of a column masked at load."""
    values = {query, normalise.canonical_email(query), normalise.canonical_phone(query)}
    if privacy.masked_columns(con, table):
        key = privacy.workspace_key(privacy.connection_folder(con))
        values |= {privacy.pseudonym(key, kind, query) for kind in ("email", "phone", "name")}
    return sorted(v for v in values if v)


def table_records(con: duckdb.DuckDBPyConnection, table: str, query: str) -> pd.DataFrame:
    """The rows of ``table`` where any id, name or contact column holds ``query`` (one scan), in
    any case: an export keeps ``Mary.Smith@Shop.com`` as typed, the query's canonical form is lower."""
    columns = [c for c, dtype in store.columns_of(con, table) if dtype in TEXT_TYPES]
    if not columns:
        return pd.DataFrame()
    test = " OR ".join(f"lower(CAST({qi(c)} AS VARCHAR)) IN (SELECT unnest($1::VARCHAR[]))" for c in columns)
    return con.execute(f"SELECT * FROM {qi(table)} WHERE {test} LIMIT {MAX_ROWS}",
                       [[v.lower() for v in typed_values(con, table, query)]]).df()


def records(con: duckdb.DuckDBPyConnection, query: str,
            kept: list[runs.RunRecord]) -> dict[str, pd.DataFrame]:
    """Each loaded table that holds ``query`` → its rows about that customer."""
    found = {}
    for table in searched_tables(con, kept):
        rows = table_records(con, table, query)
        if len(rows):
            found[table] = rows
    return found


def customer_ids(con: duckdb.DuckDBPyConnection, found: dict[str, pd.DataFrame], query: str) -> list[str]:
    """The customer id the found rows carry (their table's customer id column), so a nickname
    reaches the orders and scores kept under the buyer's phone; the query itself comes first. Rows
    that carry several ids (a city, a product every buyer's rows hold) name no one customer: their
    ids are left out, or their orders would read as one customer's history."""
    ids = [query]
    for table, rows in found.items():
        column = crm_roles.get_roles(con, table).get("customer_id")
        held = rows[column].dropna().astype(str).unique() if column in rows else []
        if len(held) == 1:
            ids.append(held[0])
    return list(dict.fromkeys(ids))


def as_records(found: dict[str, pd.DataFrame], as_text) -> list[dict]:
    """The found rows as the 360's record list: their table, then their own non-empty cells."""
    out = []
    for table, rows in found.items():
        for row in rows.map(as_text).to_dict("records"):
            out.append({"table": table, **{k: v for k, v in row.items() if v is not None}})
    return out
