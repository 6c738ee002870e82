"""Values from past the first lines for the columns those lines left blank, before masking.

A masked load plans its pseudonyms from the sample of the first rows; a phone collected only from
a later month, or e-mails sorted after the guests without one, left the column blank (or ``-`` /
``无`` / ``N/A``) there and its values went into the workspace in clear. Only such columns are read
again: first the rows where one of them holds a value, stopping after :data:`LATE_ROWS`; a column
still without any then gets a bounded sample of its values from one pass over the whole file.
"""

from __future__ import annotations

from crm_core.load import coltypes
from crm_core.workspace.sqlutil import qi

LATE_ROWS = 2000
"""Rows (and values per column) added: as many as masking classifies a column on."""


def unseen_columns(sample: list[tuple], n_fields: int) -> list[int]:
    """Columns whose sampled values are all blank or placeholders (``-``, ``无``, ``N/A``)."""
    return [i for i in range(n_fields)
            if all(coltypes.is_marker(v) for v in coltypes.sample_values(sample, i))]


def _filled(col: str) -> str:
    """SQL: the raw cell holds a value, not a placeholder."""
    trimmed = f"trim({col})"
    return f"(nullif({trimmed}, '') IS NOT NULL AND NOT {coltypes.markers_sql(trimmed)})"


def add_late_values(con, table: str, read: tuple[str, list], columns: list[int]) -> None:
    """Append to the sample ``table`` later values of ``columns`` (read by ``read``, a reader
    subquery selecting them as ``c{i}``), so masking detects them as it would on the first lines
    (:mod:`crm_core.protect` stays free of the loader's placeholder list)."""
    cols = [f"c{i}" for i in columns]
    sql, params = read
    listed = ", ".join(qi(c) for c in cols)
    # the first lines' ``-`` / 无 go (this table only feeds detection): else masking would classify them
    con.execute(f"UPDATE {qi(table)} SET " + ", ".join(f"{qi(c)} = NULL" for c in cols))
    any_filled = " OR ".join(_filled(c) for c in cols)
    added = con.execute(f"INSERT INTO {qi(table)} ({listed}) SELECT {listed} FROM {sql} "
                        f"WHERE {any_filled} LIMIT {LATE_ROWS}", params).fetchone()[0]
    if added < LATE_ROWS:  # the whole file was read: a column still without a value has none
        return
    counts = con.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE {_filled(c)})" for c in cols)
                         + f" FROM {qi(table)}").fetchone()
    rest = [c for c, n in zip(cols, counts, strict=True) if not n]
    if not rest:
        return
    found = con.execute("SELECT " + ", ".join(
        f"max_by({c}, hash({c}), {LATE_ROWS}) FILTER (WHERE {_filled(c)})" for c in rest)
        + f" FROM {sql}", params).fetchone()
    for col, values in zip(rest, found, strict=True):
        if values:
            con.execute(f"INSERT INTO {qi(table)} ({qi(col)}) SELECT unnest(?)", [values])
