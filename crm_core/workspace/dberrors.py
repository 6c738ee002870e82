"""DuckDB's own error messages inside the analyst's language.

DuckDB writes its errors in English ("Conversion Error: Could not convert string 'abc' to
INT32"); inside a Chinese refusal they read as a foreign clause. The common kinds are matched
here, in one table, and said as a Chinese clause with DuckDB's line kept in brackets (what a
colleague searching the error needs); the English text stays DuckDB's line as it was. An error
of another kind stays DuckDB's line in both languages.
"""

from __future__ import annotations

import re

from crm_core.i18n import Sentence

_KINDS = [  # a pattern of DuckDB's message → its catalogue key (duckdb.error.<kind>)
    (re.compile(r"Could not convert|can't be cast|^Conversion Error"), "conversion"),
    (re.compile(r"^Out of Memory Error|failed to allocate"), "out_of_memory"),
    (re.compile(r"No space left on device|disk is full"), "disk_full"),
    (re.compile(r"Could not set lock|Conflicting lock"), "locked"),
    (re.compile(r"not a valid DuckDB database file"), "not_a_database"),
    (re.compile(r"Permission denied"), "permission"),
    (re.compile(r"No files found that match|No such file or directory"), "no_file"),
    (re.compile(r"Referenced column .+ not found"), "no_column"),
]


def first_line(exc: BaseException) -> str:
    """The error's first line (DuckDB follows it with the query, its options and hints); the
    exception's type when it says nothing."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def reason(exc: BaseException) -> str:
    """DuckDB's first line; a :class:`Sentence` saying its kind in Chinese where the kind is known."""
    line = first_line(exc)
    for pattern, kind in _KINDS:
        if pattern.search(line):
            return Sentence(f"duckdb.error.{kind}", detail=line)
    return line
