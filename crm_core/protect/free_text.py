"""Personal data written inside free text: e-mail addresses and phone numbers in a note, a ticket's
description, a 买家留言. A masked load keeps the text and replaces each of them by ``[email]`` /
``[phone]``; every row is read (in SQL), not a sample, because one note in thousands is enough to leak.
"""

from __future__ import annotations

import duckdb

from crm_core.workspace.sqlutil import qi

_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_PHONE = (r"\+[1-9][0-9]{0,2}[\s.-]?(\(?[0-9]{1,4}\)?[\s.-]?){2,5}[0-9]{2,4}\b|"
          r"\b1[3-9][0-9][\s-]?[0-9]{4}[\s-]?[0-9]{4}\b")


def redact_expr(col: str) -> str:
    """SQL that replaces e-mail addresses and phone numbers inside free text by ``[email]`` /
    ``[phone]`` (a note that mentions a customer's number keeps the note, not the number)."""
    return (f"regexp_replace(regexp_replace(CAST({col} AS VARCHAR), '{_EMAIL}', '[email]', 'g'), "
            f"'{_PHONE}', '[phone]', 'g')")


def embedded_pii(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> list[str]:
    """The text columns of ``table`` in which any value (all rows, not a sample) holds an e-mail
    address or a phone number."""
    if not columns:
        return []
    pattern = f"'{_EMAIL}|{_PHONE}'"
    counts = con.execute("SELECT " + ", ".join(
        f"count_if(regexp_matches(CAST({qi(c)} AS VARCHAR), {pattern}))" for c in columns)
        + f" FROM {qi(table)}").fetchone()
    return [c for c, n in zip(columns, counts, strict=True) if n]
