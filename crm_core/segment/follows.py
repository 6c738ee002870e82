"""Categories that follow another chosen category: 企业微信's 跟进人所属部门 is one department per 跟进人
(judge68), so clustering on both counts the same fact twice and names segments after it twice.

A column follows another when the other's value fixes it on :data:`FOLLOWS_SHARE` of the rows; a
column that only goes along with another (most of one staff member's contacts are women) stays.
"""

from __future__ import annotations

import duckdb

from crm_core.workspace.sqlutil import qi

FOLLOWS_SHARE = 0.99
"""Share of rows whose value is the one their leading column's value most often goes with: 99 % leaves
room for a typo, where a mere correlation (97 %: one contact of 30 moved) keeps both columns."""
REPEATS = 5
"""Rows per level the leading column needs: a column of a value per row fixes every other trivially."""
SAMPLE_ROWS = 200_000
"""Rows read (the first, held once): every pair is a group-by, 90 of them for ten categories, and on 2M
customers they took 24 s; whether one column fixes another on 99 % of rows shows on 200k as well."""


def followers(con: duckdb.DuckDBPyConnection, table: str, categorical: list[str]) -> dict[str, str]:
    """Each category fixed by another one kept (→ that one), in column order: of two that fix each
    other (a code and its name) the first stays; a leader needs :data:`REPEATS` rows per level."""
    if len(categorical) < 2:
        return {}
    fixed = _fixed_pairs(con, table, categorical)
    found: dict[str, str] = {}
    for column in categorical:
        for leader in categorical:
            mutual = (column, leader) in fixed and categorical.index(leader) > categorical.index(column)
            if leader != column and leader not in found and (leader, column) in fixed and not mutual:
                found[column] = leader
                break
    return found


def _fixed_pairs(con: duckdb.DuckDBPyConnection, table: str, categorical: list[str]) -> set[tuple[str, str]]:
    """(leader, follower) pairs where the leader's value fixes the follower's on :data:`FOLLOWS_SHARE` of
    the rows (a blank is a value of its own), in one query."""
    text = {c: f"NULLIF(trim(CAST({qi(c)} AS VARCHAR)), '')" for c in categorical}
    pairs = [(a, b) for a in categorical for b in categorical if a != b]
    held = ", ".join(f"{text[c]} AS {qi(c)}" for c in categorical)
    sample = f"WITH s AS (SELECT {held} FROM {qi(table)} LIMIT {SAMPLE_ROWS}) "
    tests = [f"SELECT {i} AS pair, sum(top) AS kept, count(*) AS levels FROM (SELECT max(n) AS top "
             f"FROM (SELECT {qi(a)} AS a, {qi(b)} AS b, count(*) AS n FROM s GROUP BY ALL) "
             "GROUP BY a)" for i, (a, b) in enumerate(pairs)]
    rows = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {qi(table)} LIMIT {SAMPLE_ROWS})").fetchone()[0]
    found = con.execute(sample + " UNION ALL ".join(tests)).fetchall()
    return {pairs[i] for i, kept, levels in found
            if rows and kept >= FOLLOWS_SHARE * rows and rows >= REPEATS * levels}
