"""A quote that opens a value and never closes, found before the rows after it vanish.

DuckDB's serial CSV reader (the one that reads values spanning lines) stops at a quote left open
without a word: ``2,"y,4`` then two more lines loaded as one row with empty values, the lines
after it gone (DuckDB 1.x–2.0, strict or not). The parallel reader says "unterminated quote",
but files with quoted line breaks are read serially. So a serially read file is checked here: a
quote that starts a value must be closed by a quote not doubled (``""`` is a quote inside the
value); quotes inside unquoted values (``12" pizza``) are text, as DuckDB reads them.
"""

from __future__ import annotations

import mmap
import re
from pathlib import Path

QUOTE = b'"'
CHUNK = 1 << 24


def _quote_count(fh) -> int:
    """How many quote bytes the file holds, read in 16 MB pieces (counted in C)."""
    fh.seek(0)
    return sum(piece.count(QUOTE) for piece in iter(lambda: fh.read(CHUNK), b""))


def _opener(delimiter: str) -> re.Pattern[bytes]:
    """A quote at the start of a value: at a line's start or right after the delimiter."""
    return re.compile(rb'(?m)(?:^|(?<=' + re.escape(delimiter.encode()) + rb'))"')


def _closing(mm: mmap.mmap, start: int) -> int:
    """The offset just past the quote closing the value opened before ``start``; -1 if none."""
    while (at := mm.find(QUOTE, start)) >= 0:
        if mm[at + 1:at + 2] != QUOTE:
            return at + 1
        start = at + 2
    return -1


def unclosed_quote_line(path: Path, delimiter: str, skip_lines: int = 0) -> int | None:
    """The line (1-based, counted in ``path``) whose value opens a quote that no later quote
    closes; None when every quoted value closes. An even number of quotes in the file is taken
    as balanced without the scan (the count runs in C; a file quoting every value holds
    millions), so a file would have to hold an open quote and an odd number of quotes inside
    unquoted values for one to be missed."""
    if path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        if _quote_count(fh) % 2 == 0:
            return None
        return _scan(fh, delimiter, skip_lines)


def _scan(fh, delimiter: str, skip_lines: int) -> int | None:
    """The line of the first quoted value left open, past the ``skip_lines`` title lines."""
    with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        position = 0
        for _ in range(skip_lines):
            position = mm.find(b"\n", position) + 1
            if position == 0:
                return None
        opener = _opener(delimiter)
        while found := opener.search(mm, position):
            position = _closing(mm, found.end())
            if position < 0:
                return mm[:found.start()].count(b"\n") + 1
    return None
