"""A bare ``Number`` that numbers documents: Sage Accounting's sales invoice list writes each invoice's
``SI-118`` (a credit note's ``SCN-12``) under ``Number`` alone. Unread, judge67's two invoices to one customer
on one day were one visit. A bare number is as often a phone or a row number, so only values that carry a
document's prefix (``SI-``, ``INV-``, 发票) and differ on every row say so."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace.role_names import is_temporal_type
from crm_core.workspace.role_values import Evidence
from crm_core.workspace.sqlutil import qi

_BARE_NUMBER = re.compile(r"^(number|no\.?|num|#|编号|单号|号码)$", re.IGNORECASE)
_DOCUMENT = r"([A-Za-z]{1,5}|\p{Han}{1,4})[-/_ ]?[0-9]{1,12}"
"""A document number: a short prefix naming the document, then its running number (``SI-118``, 发票0012)."""


def document_number(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                    taken: set[str], found: dict) -> tuple[str, Evidence] | None:
    """The bare number column whose values are document numbers, one per row, in a table that already has a
    customer, a date and money (a list of sales documents)."""
    if not {"customer_id", "date", "amount"} <= found.keys():
        return None
    for column, dtype in columns:
        if column in taken or is_temporal_type(dtype) or not _BARE_NUMBER.match(column.strip()):
            continue
        value = f"trim(CAST({qi(column)} AS VARCHAR))"
        rows, distinct, documents = con.execute(
            f"SELECT count(*), count(DISTINCT {value}), count(*) FILTER "
            f"(WHERE regexp_full_match({value}, '{_DOCUMENT}')) FROM {qi(table)}").fetchone()
        if rows > 2 and rows == distinct == documents:
            return column, Evidence().add("document_number", column=column, rows=f"{rows:,}")
    return None
