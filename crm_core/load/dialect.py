r"""Quoting other than RFC 4180's doubled double quote, as real exporters write it.

MySQL's ``SELECT … INTO OUTFILE`` (``ESCAPED BY '\'``), PostgreSQL's ``COPY … ESCAPE '\'``
and hand-written PHP/Python exporters write a quote inside a quoted value as ``\"`` and no value
as ``\N``; read with the standard dialect such a file was refused as an open quote. Other tools
quote with ``'`` (``'Smith, John',12.50``), which the standard dialect split at the comma.
"""

from __future__ import annotations

import csv
import mmap
import re
from collections import Counter
from pathlib import Path

from crm_core.errors import CrmError
from crm_core.i18n import Sentence

DOUBLE = '"'
SINGLE = "'"
BACKSLASH = "\\"
MYSQL_NULL = "\\N"
_BACKSLASH_QUOTE = b'\\"'


def single_quoted(lines: list[str], delimiter: str) -> bool:
    """Whether the head quotes its values with ``'``: no value opens a ``"``, and ``'`` either
    keeps values holding the delimiter whole (more lines agree on their field count read that
    way) or wraps every value of a column. An apostrophe inside a value (``O'Brien``) never
    opens a quote, so it cannot switch the dialect; nor can an occasional ``'urgent'`` remark."""
    rows = [ln for ln in lines if ln.strip()]
    if len(rows) < 2 or any(v.startswith(DOUBLE) for ln in rows for v in _raw_fields(ln, delimiter)):
        return False
    single, double = _agreement(rows, delimiter, SINGLE), _agreement(rows, delimiter, DOUBLE)
    return single > double or (single == double
                               and _a_column_all_quoted(rows[max(1, len(rows) // 5):], delimiter))


def _agreement(rows: list[str], delimiter: str, quote: str) -> int:
    """How many lines have the most common field count, read with this quote."""
    return Counter(len(fields(ln, delimiter, quote)) for ln in rows).most_common(1)[0][1]


def fields(line: str, delimiter: str, quote: str = DOUBLE) -> list[str]:
    """One line's fields, quoted with ``quote``."""
    try:
        return next(csv.reader([line], delimiter=delimiter, quotechar=quote), [])
    except csv.Error:  # a record over several lines, but its quotes are not this delimiter's
        return line.split(delimiter)


def _raw_fields(line: str, delimiter: str) -> list[str]:
    """A line cut at every delimiter, quotes not honoured, each piece stripped."""
    return [v.strip() for v in line.split(delimiter)]


def _a_column_all_quoted(rows: list[str], delimiter: str) -> bool:
    """Some column whose every filled value is written ``'…'`` (a quoting exporter's text)."""
    columns = list(zip(*(_raw_fields(ln, delimiter) for ln in rows), strict=False))
    return any(filled and all(len(v) > 1 and v[0] == v[-1] == SINGLE for v in filled)
               for column in columns if (filled := [v for v in column if v]))


def backslash_worth_trying(layout, path: Path) -> bool:
    """Whether a file DuckDB refused may be read with ``\\`` escaping quotes: a quoting
    delimiter (not a space-aligned table), not read that way yet, a ``\\"`` in it."""
    return not layout.escape and len(layout.delimiter) == 1 and backslash_quotes(path)


def backslash_quotes(path: Path) -> bool:
    """Whether the file holds a quote right after a backslash (``\\"``), searched in C."""
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        return mm.find(_BACKSLASH_QUOTE) >= 0


NULL_WORDS = ("NULL", "null")
"""A database's word for no value, written by dumps and ORMs; ``Null`` (a surname) is a value."""


MARK_CHUNK = 1 << 20
"""Bytes searched at a time for the marks: each search runs over what the cache still holds (five
searches of a 100 MB file through ``mmap`` took a 2M-line load 4 s more under load)."""


def marks_in(path: Path) -> tuple[str, ...]:
    """Which of ``\\N``, ``NULL``, ``null`` the file holds anywhere: one read, a megabyte at a time."""
    marks = [m.encode() for m in (MYSQL_NULL, *NULL_WORDS)]
    found: set[bytes] = set()
    tail = b""
    with path.open("rb") as fh:
        while len(found) < len(marks) and (chunk := fh.read(MARK_CHUNK)):
            window = tail + chunk
            found.update(m for m in marks if m not in found and m in window)
            tail = chunk[-3:]
    return tuple(m.decode() for m in marks if m in found)


def null_mark_counts(path: Path, delimiter: str, found: tuple[str, ...]) -> Counter[str]:
    """How many whole values are MySQL's ``\\N`` and how many ``NULL`` / ``null``, quoted or
    not (DuckDB cannot tell ``"\\N"`` from ``\\N`` once read); no scan unless the file holds
    some (``found``: :func:`marks_in`)."""
    if not found:
        return Counter()
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        sep = re.escape(delimiter.encode())
        words = b"|".join(re.escape(m.encode()) for m in found)
        pattern = re.compile(rb'(?m)(?:^|(?<=' + sep + rb'))("?)(' + words + rb')\1(?=' + sep + rb'|\r?$)')
        return Counter(MYSQL_NULL if m[2] == MYSQL_NULL.encode() else "NULL" for m in pattern.finditer(mm))


def column_sql(i: int, escape: str, words: bool = False) -> str:
    r"""Raw column ``c{i}`` as read: the first loses any stray BOM (two exports joined); MySQL's
    ``\N`` is no value, in a backslash-escaped export or not (a MySQL dump with no ``\"`` in it
    kept ``\N`` as text, and its amounts with it), and with ``words`` (the file holds them:
    :func:`marks_in`) so are a database's ``NULL`` / ``null`` — only then, as that test costs a
    fifth more on the read of a file that has none."""
    marks = ", ".join(f"'{m}'" for m in (MYSQL_NULL, *NULL_WORDS))
    value = f"nullif(c{i}, '{MYSQL_NULL}')"
    if words:
        value = f"CASE WHEN c{i} IN ({marks}) THEN NULL ELSE c{i} END"
    return f"replace({value}, chr(65279), '') AS c0" if i == 0 else f"{value} AS c{i}"


class BackslashQuotes(CrmError):  # noqa: N818 - a signal to read again; if not caught, the refusal
    r"""DuckDB refused a file holding ``\"``: it is read again with ``\`` escaping quotes; when
    that fails too, the refusal naming the later line stands. Not caught (a file read again for
    its line ends first), it is the standard reading's refusal, said in the analyst's language."""

    def __init__(self, refusal: CrmError) -> None:
        super().__init__(*refusal.args)
        self.refusal = refusal

    def retry(self, build, *args):
        """``build(*args)`` read the backslash way; when that is refused too, the refusal naming
        the later line stands: the reading that got further read the lines before it right."""
        try:
            return build(*args)
        except CrmError as second:
            raise max((self.refusal, second), key=_refused_line) from None


def _refused_line(refusal: Exception) -> int:
    """The line a load refusal names (0 when it names none)."""
    said = refusal.args[0] if refusal.args else None
    values = getattr(said, "values", {})
    line = values.get("line", getattr(values.get("where"), "values", {}).get("line", 0))
    return int(line)


def notes(path: Path, delimiter: str, found: tuple[str, ...]) -> list[Sentence]:
    r"""What reading the backslash way changed: ``\"`` read as a quote, and how many ``\N``."""
    return [Sentence("load.note.backslash_quotes"), *null_notes(path, delimiter, found)]


def null_notes(path: Path, delimiter: str, found: tuple[str, ...]) -> list[Sentence]:
    r"""How many values written ``\N`` and ``NULL`` / ``null`` were read as empty (none for a
    space-aligned table)."""
    counts = null_mark_counts(path, delimiter, found) if len(delimiter) == 1 else Counter()
    keys = {MYSQL_NULL: "load.note.mysql_nulls", "NULL": "load.note.null_marks"}
    return [Sentence(keys[mark], count=counts[mark]) for mark in keys if counts[mark]]
