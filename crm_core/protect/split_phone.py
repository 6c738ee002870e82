"""A phone number written over numbered cells: 楽天 RMS's ``注文者電話番号１/２/３`` (``087`` ``4579`` …).

No part alone reads as a phone, so each was loaded in clear by ``--mask-pii`` (judge63). The parts are
joined back, read as one number, and every part takes the whole number's pseudonym: one phone stays one
token, and no digit of it is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import duckdb

from crm_core.workspace.sqlutil import qi

_PART = re.compile(r"^(.*(?:phone|tel|mobile|電話|电话|手机).*?)[ _-]?([1-9１-９])$", re.IGNORECASE)
"""A phone header ending in its part's number (full-width in a Japanese export)."""
SAMPLE_ROWS = 2000


def _groups(names: list[str]) -> dict[str, list[int]]:
    """Stem → the indexes of its parts in order, for stems numbered 1, 2 … with at least two parts."""
    found: dict[str, dict[int, int]] = {}
    for i, name in enumerate(names):
        if m := _PART.match(name.strip()):
            found.setdefault(m.group(1), {})[int(unicodedata.normalize("NFKC", m.group(2)))] = i
    return {stem: [parts[n] for n in sorted(parts)] for stem, parts in found.items()
            if len(parts) > 1 and sorted(parts) == list(range(1, len(parts) + 1))}


def joined(con: duckdb.DuckDBPyConnection, stage: str, staged: list[str], names: list[str],
           kinds: dict[str, str], classify: Callable[[list[str], str], str | None]) -> dict[str, str]:
    """Staged column → SQL of the whole number its group of parts writes, for groups no part of which was
    found personal alone and whose joined values ``classify`` reads as phones (``087-4579-3194``)."""
    found: dict[str, str] = {}
    for stem, parts in _groups(names).items():
        columns = [staged[i] for i in parts]
        if any(c in kinds for c in columns):
            continue
        cells = [f"nullif(trim(CAST({qi(c)} AS VARCHAR)), '')" for c in columns]
        rows = con.execute(f"SELECT concat_ws('-', {', '.join(cells)}) FROM {qi(stage)} "
                           f"WHERE {' AND '.join(f'{c} IS NOT NULL' for c in cells)} LIMIT ?",
                           [SAMPLE_ROWS]).fetchall()
        if classify([r[0] for r in rows], stem) == "phone":
            found |= dict.fromkeys(columns, f"concat_ws('', {', '.join(cells)})")
    return found
