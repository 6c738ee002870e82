"""A customer code that spells the customer's name (Lightspeed's ``Leo-0000``, Vend's ``Linda-D19C``) is
personal data: it carries the first name and is the customer id (judge71, left73). A column is one when most
of its filled values start with the first word of the same row's name (a column the load detected as a
name), followed by no letter; it is then pseudonymised like a name, so it still keys the customer."""

from __future__ import annotations

import duckdb

from crm_core.workspace.shared import SHARED_NAME
from crm_core.workspace.sqlutil import qi, sql_str

KIND = "name_code"
MOST = 0.5
"""More than this share of the rows with both a code and a name must start with the name."""


def _spells(code: str, first: str) -> str:
    """SQL: ``code`` is one token holding a digit that starts with ``first`` (case-blind) and no letter
    follows: ``Leo-0000``, not ``Leonard-7`` nor a note ("刘勇的订单 加急")."""
    return (f"length({first}) >= 2 AND starts_with(lower({code}), lower({first})) "
            f"AND NOT regexp_matches(substr({code}, length({first}) + 1, 1), '\\p{{L}}') "
            f"AND regexp_matches({code}, '^\\S*\\d\\S*$')")


def spelling_names(con: duckdb.DuckDBPyConnection, stage: str, staged: list[str], exprs: list[str],
                   kinds: dict[str, str], types: dict[str, str]) -> dict[str, str]:
    """Staged text columns, not masked already, whose values mostly spell the row's name → :data:`KIND`."""
    names = [f"({e})" for c, e in zip(staged, exprs, strict=True) if kinds.get(c) == "name"]
    codes = {c: f"nullif(trim(CAST(({e}) AS VARCHAR)), '')" for c, e in zip(staged, exprs, strict=True)
             if c not in kinds and types[c].upper().startswith("VARCHAR")}
    found: dict[str, str] = {}
    if not codes:
        return found
    for name in names:
        first = f"nullif(split_part(trim(CAST({name} AS VARCHAR)), ' ', 1), '')"
        select = ", ".join(f"count({first} || {v}), count_if({_spells(v, first)})" for v in codes.values())
        row = con.execute(f"SELECT {select} FROM {qi(stage)}").fetchone()
        for i, col in enumerate(codes):
            both, spelt = row[2 * i], row[2 * i + 1]
            if both and spelt / both > MOST:
                found[col] = KIND
    return found


def keep_till_sql(col: str, masked: str) -> str:
    """``masked`` for a code, but the shop's walk-in account (Vend's ``WALKIN``) kept as written: it names no
    one, and the analyses leave it out by that name."""
    text = f"trim(CAST({col} AS VARCHAR))"
    return f"CASE WHEN regexp_matches({text}, {sql_str(SHARED_NAME)}, 'i') THEN {text} ELSE {masked} END"
