"""Reports grouped by customer: the group's name on a row of its own above its lines.

QuickBooks' "Sales by Customer Detail" writes the customer once, alone in the first column
(its header blank), then the customer's lines with that column empty, then ``Total for …``.
Loaded as it was, no line had a customer (the view was refused) and each name was an undated
row. The name is filled down onto its lines and the name rows leave, with a note.
"""

from __future__ import annotations

from crm_core.load import coltypes
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.sqlutil import qi

HEAD_ROWS = 1000
"""Rows looked at before the whole table is checked (ordinary exports stop here)."""
UNNAMED = ("not specified", "unspecified", "no customer", "(no customer)", "未指定", "未指定客户")
"""A group that names nobody: QuickBooks puts counter sales that named no customer under ``Not Specified``
(judge31); filled down, it was one customer holding every walk-in sale. Its lines keep no name."""


def fill_group_rows(con, table: str, cols: list[tuple]) -> list:
    """Fill a first column of group names down onto the lines under each and delete the name
    rows; returns the note (none when the table is not laid out so)."""
    (first, kind, *_), rest = cols[0], cols[1:]
    dated = any(str(t).startswith(("DATE", "TIMESTAMP")) for _, t, *_ in rest)
    if kind != "VARCHAR" or not dated:
        return []
    named = f"NULLIF(trim({qi(first)}), '') IS NOT NULL"
    alone = " AND ".join(f"NULLIF(trim(CAST({qi(c)} AS VARCHAR)), '') IS NULL" for c, *_ in rest)
    count = (f"SELECT count(*) FILTER (WHERE {named} AND {alone}), count(*) FILTER (WHERE {named} "
             f"AND NOT ({alone})), count(*) FILTER (WHERE NOT {named} AND NOT ({alone})) FROM ")
    heads = con.execute(count + f"(SELECT * FROM {qi(table)} ORDER BY rowid LIMIT {HEAD_ROWS})").fetchone()[0]
    if heads < 2:
        return []
    heads, mixed, lines = con.execute(count + qi(table)).fetchone()
    if mixed or lines < heads:
        return []
    column = _group_name(first, [c for c, *_ in rest])
    con.execute(f"CREATE OR REPLACE TEMP TABLE __groups AS SELECT rowid AS r, last_value(NULLIF(trim("
                f"{qi(first)}), '') IGNORE NULLS) OVER (ORDER BY rowid) AS g FROM {qi(table)}")
    nobody = f"lower(g) IN ({', '.join('?' * len(UNNAMED))})"
    unnamed = con.execute(f"SELECT any_value(g), count(*) - 1 FROM __groups WHERE {nobody}",  # its name row
                          list(UNNAMED)).fetchone()  # is no line
    con.execute(f"UPDATE {qi(table)} SET {qi(first)} = CASE WHEN {nobody} THEN NULL ELSE g END "
                f"FROM __groups WHERE r = {qi(table)}.rowid", list(UNNAMED))
    con.execute("DROP TABLE __groups")
    con.execute(f"DELETE FROM {qi(table)} WHERE {alone}")
    if column != first:
        con.execute(f"ALTER TABLE {qi(table)} RENAME COLUMN {qi(first)} TO {qi(column)}")
    notes = [coltypes.note("group_rows", count=f"{heads:,}", column=column)]
    if unnamed[1] > 0:
        notes.append(coltypes.note("group_unnamed", name=unnamed[0], count=f"{unnamed[1]:,}", column=column))
    return notes


def _group_name(first: str, others: list[str]) -> str:
    """A blank header becomes ``Customer`` unless another column names the customer (then the
    report is grouped by something else, such as QuickBooks' sales by product: ``Group``)."""
    if not first.startswith("column_"):
        return first
    name = "Group" if any("customer_id" in name_candidates(c) for c in others) else "Customer"
    return first if name in others else name
