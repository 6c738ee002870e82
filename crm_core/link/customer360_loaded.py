"""Customer 360 before linking: a customer found by an id, name, phone or e-mail written in any
loaded table, without a link run.

An analyst who loaded one order export types a buyer's nickname (木子9383) or phone and expects
their orders; the linked profile (``customers_unified``) only exists after ``link``. One SQL
filter per table compares the typed text (and its canonical e-mail / phone, or their tokens in
masked columns) with each text column, so a 1M-line log is one scan, not a frame in pandas.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from crm_core.link import normalise
from crm_core.link.scripts import narrow, width_sql
from crm_core.protect import privacy
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import runs, store
from crm_core.workspace.sqlutil import qi

LINKED = ("identity_map", "customers_unified")
"""The link run's own tables: read by :func:`customer360.find`, not searched again here."""
TEXT_TYPES = ("VARCHAR", "BIGINT", "INTEGER", "HUGEINT", "UBIGINT")
"""Column types an id, name, phone or e-mail is kept in (a phone or id is often read as a number)."""
MAX_ROWS = 200
PHONE_SHAPED = r"[\s0-9+()\-.]+"
"""A cell or query read as a phone: digits and the marks phones are written with, no letters (the digits
of ``W0000184`` are no phone)."""
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
NAME_KINDS = frozenset({"name", "nickname", "remark_name", "people"})
"""Masked kinds that hold a person's name: kept as tokens, found only when typed in full as written."""


def as_phone(value: str) -> str | None:
    """``value``'s canonical phone when it is written as one (``+86 139 1234 5678``), else None."""
    return normalise.canonical_phone(value) if re.fullmatch(PHONE_SHAPED, narrow(value)) else None


def searched_tables(con: duckdb.DuckDBPyConnection, kept: list[runs.RunRecord]) -> list[str]:
    """The loaded exports, newest first: not the analyses' result tables nor the link's tables."""
    results = {name for r in kept for name in r.result_tables.values()}
    return [t.name for t in store.list_tables(con) if t.name not in results and t.name not in LINKED]


def typed_values(con: duckdb.DuckDBPyConnection, table: str, query: str) -> list[str]:
    """What ``query`` may be written as in ``table``: as typed, as a canonical e-mail or phone
    (``139-8765-4321`` is ``13987654321``), and as the tokens of a column masked at load."""
    values = {query, normalise.canonical_email(query), as_phone(query)}
    if privacy.masked_columns(con, table):
        key = privacy.workspace_key(privacy.connection_folder(con))
        values |= {privacy.pseudonym(key, kind, query) for kind in ("email", "phone", "name", "name_code")}
    return sorted(v for v in values if v)


def table_records(con: duckdb.DuckDBPyConnection, table: str, query: str) -> pd.DataFrame:
    """The rows of ``table`` where any id, name or contact column holds ``query`` (one scan), in
    any case: an export keeps ``Mary.Smith@Shop.com`` as typed, the query's canonical form is lower.
    A phone is also compared as the linker reads it (:func:`phone_test`)."""
    columns = [c for c, dtype in store.columns_of(con, table) if dtype in TEXT_TYPES]
    if not columns:
        return pd.DataFrame()
    phone = as_phone(query)
    tests = [f"lower(CAST({qi(c)} AS VARCHAR)) IN (SELECT unnest($1::VARCHAR[]))"
             + (f" OR {phone_test(qi(c))}" if phone else "") for c in columns]
    params = [[v.lower() for v in typed_values(con, table, query)]]
    if phone:
        params += [phone, phone[-4:], phone[-4:].translate(WIDE)]
    return con.execute(f"SELECT * FROM {qi(table)} WHERE {' OR '.join(tests)} LIMIT {MAX_ROWS}", params).df()


def phone_test(col: str) -> str:
    """SQL: ``col`` holds the phone ``$2`` however written (``+86 139 1234 5678``, ``139-1234-5678``),
    the linker's :func:`normalise.phone_sql` on cells written as a phone. That regex chain runs only on
    cells holding the phone's last four digits (``$3``, or ``$4`` in full width): on every cell of a
    1M-line log it would cost several times the scan."""
    text = f"CAST({col} AS VARCHAR)"
    holds_tail = f"(contains({text}, $3) OR contains({text}, $4))"
    shaped = f"regexp_full_match({width_sql(text)}, '{PHONE_SHAPED}')"
    return f"({holds_tail} AND {shaped} AND {normalise.phone_sql(col)} = $2)"


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
    ids are left out, or their orders would read as one customer's history. One phone written two
    ways (``+86 139 1234 5678``, ``139-1234-5678``) is one id."""
    ids = [query]
    for table, rows in found.items():
        _, held = held_ids(con, table, rows)
        if len({as_phone(v) or v for v in held}) == 1:
            ids += held
    return list(dict.fromkeys(ids))


def held_ids(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> tuple[str | None, list[str]]:
    """``table``'s customer id column and the ids ``rows`` carry in it, as found."""
    column = crm_roles.get_roles(con, table).get("customer_id")
    return column, rows[column].dropna().astype(str).unique().tolist() if column in rows else []


def id_less_places(con: duckdb.DuckDBPyConnection, found: dict[str, pd.DataFrame],
                   query: str) -> list[tuple[str, str]]:
    """The (table, column) pairs holding ``query`` when no table it was found in has a customer id column:
    the note said "shown … under its customer id" above 美团闪购's rows, found by a phone in a table that
    has none (walk42). Empty when one has an id. Reads the found rows only (at most ``MAX_ROWS`` a table)."""
    if any(held_ids(con, table, rows)[0] for table, rows in found.items()):
        return []
    places = []
    for table, rows in found.items():
        values = {v.lower() for v in typed_values(con, table, query)}
        places += [(table, c) for c in rows.columns if _holds(rows[c], values, as_phone(query))]
    return places


def _holds(cells: pd.Series, values: set[str], phone: str | None) -> bool:
    """Whether a cell is one of ``values`` (any case) or, read as a phone, is ``phone``."""
    text = cells.dropna().astype(str)
    return bool(text.str.lower().isin(values).any() or (phone and (text.map(as_phone) == phone).any()))


def several_ids(con: duckdb.DuckDBPyConnection,
                found: dict[str, pd.DataFrame]) -> tuple[str, str, list[str]] | None:
    """The first table whose found rows carry several customer ids, its id column and those ids:
    a name several buyers share (马帮's "Emma Lim" on three 买家ID) is no one customer, and the
    page said it showed "the orders under its customer id" above blocks that had none (walk36)."""
    for table, rows in found.items():
        column, held = held_ids(con, table, rows)
        if len({as_phone(v) or v for v in held}) > 1:
            return table, column, sorted(held)
    return None


def as_records(found: dict[str, pd.DataFrame], as_text) -> list[dict]:
    """The found rows as the 360's record list: their table, then their own non-empty cells."""
    out = []
    for table, rows in found.items():
        for row in rows.map(as_text).to_dict("records"):
            out.append({"table": table, **{k: v for k, v in row.items() if v is not None}})
    return out


def masked_name_ids(con: duckdb.DuckDBPyConnection, query: str,
                    kept: list[runs.RunRecord]) -> list[str] | None:
    """The customer id columns of the loaded tables whose names were masked at load, when ``query``
    (no phone, no e-mail) found nobody among them: a name typed in part meets no token (left74). None
    when no name is masked or ``query`` is a contact."""
    if as_phone(query) or normalise.canonical_email(query):
        return None
    masked = [t for t in searched_tables(con, kept)
              if NAME_KINDS & set(privacy.masked_columns(con, t).values())]
    if not masked:
        return None
    ids = (crm_roles.get_roles(con, t).get("customer_id") for t in masked)
    return list(dict.fromkeys(c for c in ids if c))
