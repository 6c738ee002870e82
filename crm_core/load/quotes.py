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

CHUNK = 1 << 24


def _quote_count(fh, quote: bytes) -> int:
    """How many quote bytes the file holds, read in 16 MB pieces (counted in C)."""
    fh.seek(0)
    return sum(piece.count(quote) for piece in iter(lambda: fh.read(CHUNK), b""))


def _opener(delimiter: str, quote: bytes) -> re.Pattern[bytes]:
    """A quote at the start of a value: at a line's start or right after the delimiter."""
    return re.compile(rb'(?m)(?:^|(?<=' + re.escape(delimiter.encode()) + rb'))' + re.escape(quote))


def _closing(mm: mmap.mmap, start: int, quote: bytes, escape: bytes) -> int:
    """The offset just past the quote closing the value opened before ``start``; -1 if none.
    A doubled quote is a quote inside the value; with ``\\`` as the escape, so is ``\\"``."""
    while (at := mm.find(quote, start)) >= 0:
        if escape != quote and _escaped(mm, at, start, escape):
            start = at + 1
        elif mm[at + 1:at + 2] != quote:
            return at + 1
        else:
            start = at + 2
    return -1


def _escaped(mm: mmap.mmap, at: int, start: int, escape: bytes) -> bool:
    """Whether an odd run of escape bytes stands right before the quote at ``at``."""
    run = at
    while run > start and mm[run - 1:run] == escape:
        run -= 1
    return (at - run) % 2 == 1


def unclosed_quote_line(path: Path, delimiter: str, skip_lines: int = 0, quote: str = '"',
                        escape: str = "") -> int | None:
    """The line (1-based, counted in ``path``) whose value opens a quote that no later quote
    closes; None when every quoted value closes. An even number of quotes in the file is taken
    as balanced without the scan (the count runs in C; a file quoting every value holds
    millions), so a file would have to hold an open quote and an odd number of quotes inside
    unquoted values for one to be missed. ``escape`` is empty when a quote is doubled."""
    if path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        if _quote_count(fh, quote.encode()) % 2 == 0:
            return None
        return _scan(fh, delimiter, skip_lines, quote.encode(), (escape or quote).encode())


def _scan(fh, delimiter: str, skip_lines: int, quote: bytes, escape: bytes) -> int | None:
    """The line of the first quoted value left open, past the ``skip_lines`` title lines."""
    with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        position = 0
        for _ in range(skip_lines):
            position = mm.find(b"\n", position) + 1
            if position == 0:
                return None
        opener = _opener(delimiter, quote)
        while found := opener.search(mm, position):
            position = _closing(mm, found.end(), quote, escape)
            if position < 0:
                return mm[:found.start()].count(b"\n") + 1
    return None
