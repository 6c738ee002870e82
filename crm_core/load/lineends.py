"""Line ends mixed in one text export, found after DuckDB's reader refused the file.

A file written by two tools (a Windows header over Unix rows, rows appended by a script, a line
ending in an old Mac ``\\r``) was refused whole with DuckDB's "CSV Parser state machine reached
an invalid state … not RFC 4180 compliant" wall of text: its reader takes one kind of line end
per file. Such a file is read through a copy in which each ``\\r\\n``, ``\\n`` and lone ``\\r`` is
one line end (a line break inside a quoted value becomes ``\\n``).
"""

from __future__ import annotations

from pathlib import Path

CHUNK = 1 << 24


def mixed(path: Path) -> bool:
    """Whether more than one kind of line end (``\\r\\n``, ``\\n``, lone ``\\r``) is in the file,
    counted in 16 MB pieces (in C); a piece ending in ``\\r`` takes the next byte along."""
    crlf = lf = cr = 0
    with path.open("rb") as fh:
        while piece := fh.read(CHUNK):
            if piece.endswith(b"\r"):
                piece += fh.read(1)
            pairs = piece.count(b"\r\n")
            crlf, lf, cr = crlf + pairs, lf + piece.count(b"\n") - pairs, cr + piece.count(b"\r") - pairs
    return sum(1 for count in (crlf, lf, cr) if count) > 1


def one_kind(line: str) -> str:
    """A line with every ``\\r\\n`` and lone ``\\r`` made ``\\n``."""
    return line.replace("\r\n", "\n").replace("\r", "\n")
