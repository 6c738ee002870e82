"""What a text reader read that is not data: unnamed empty columns, header rows repeated mid-file,
blank and total rows (:mod:`~crm_core.load.totals`)."""

from __future__ import annotations

import re

from crm_core.load import coltypes, totals
from crm_core.workspace.sqlutil import qi

HEADER_FLAG = "__crm_repeated_header"


def drop_junk_rows(con, table: str, has_header: bool) -> list:
    """Blank rows, header rows repeated mid-file and trailing 'Total' rows are not data."""
    notes = drop_empty_unnamed(con, table)
    if has_header:
        n = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE {qi(HEADER_FLAG)}").fetchone()[0]
        if n:
            con.execute(f"DELETE FROM {qi(table)} WHERE {qi(HEADER_FLAG)}")
            notes.append(coltypes.note("repeated_header", count=n))
        con.execute(f"ALTER TABLE {qi(table)} DROP COLUMN {qi(HEADER_FLAG)}")
    return totals.drop_blank_and_total_rows(con, table) + notes


def drop_empty_unnamed(con, table: str) -> list:
    """Drop each column with no header and no value: the delimiter every line ends with (Alipay's
    bill, a TSV with a trailing tab) made an empty ``column_17``, said nothing of. The first
    column is said: a title cell in column A above a table from column B (Excel's ``A1:A2`` over
    data from C5) made an empty ``column_1`` left of the table."""
    columns = _columns(con, table)
    unnamed = [c for c in columns if re.fullmatch(r"column_\d+", c)]
    if not unnamed:
        return []
    counts = con.execute("SELECT " + ", ".join(f"count(nullif(trim(CAST({qi(c)} AS VARCHAR)), ''))"
                                                for c in unnamed) + f" FROM {qi(table)}").fetchone()
    notes = []
    for column, count in zip(unnamed, counts, strict=True):
        if not count and len(_columns(con, table)) > 1:
            con.execute(f"ALTER TABLE {qi(table)} DROP COLUMN {qi(column)}")
            notes += [coltypes.note("empty_first_column")] if column == columns[0] else []
    return notes


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {qi(table)}").fetchall()]
