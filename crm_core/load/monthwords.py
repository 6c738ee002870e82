"""Dates written with the month's name in Spanish, French or German: Mercado Libre's "Ventas" report dates a
sale ``6 de diciembre de 2017 14:03 hs.`` (judge43), French and German exports write ``6 décembre 2017`` and
``6. Dezember 2017 14:03 Uhr``. The date formats know English month names only, so such a column stayed text
and the report had "no date column". The name becomes its number, in SQL for the column and in Python for the
sample the formats are ranked on, and the usual formats read ``2017-12-06 14:03``."""

from __future__ import annotations

import re

_NAMES = {
    1: ("enero", "ene", "janvier", "janv", "januar", "jan", "jänner"),
    2: ("febrero", "feb", "février", "févr", "fév", "februar"),
    3: ("marzo", "mar", "mars", "märz", "mär"),
    4: ("abril", "abr", "avril", "avr", "april", "apr"),
    5: ("mayo", "may", "mai"),
    6: ("junio", "jun", "juin", "juni"),
    7: ("julio", "jul", "juillet", "juil", "juli"),
    8: ("agosto", "ago", "août", "aout", "august", "aug"),
    9: ("septiembre", "setiembre", "sep", "sept", "set", "septembre", "september"),
    10: ("octubre", "oct", "octobre", "oktober", "okt"),
    11: ("noviembre", "nov", "novembre", "november"),
    12: ("diciembre", "dic", "décembre", "déc", "dezember", "dez"),
}
_MONTH = {name: number for number, names in _NAMES.items() for name in names}
_PATTERN = (r"^\s*(\d{1,2})\.?\s+(?:de\s+)?(WORD)\.?\s+(?:de\s+)?(\d{4})"
            r"(?:,?\s+(?:a las\s+|à\s+|um\s+)?(\d{1,2}:\d{2}(?::\d{2})?))?\s*(?:hs?\.?|uhr)?\s*$")
_WRITTEN = re.compile(_PATTERN.replace("WORD", r"[^\W\d_]+"), re.IGNORECASE)
_SQL = _PATTERN.replace("WORD", r"\pL+")
r"""The same pattern for DuckDB (RE2: ``\w`` is ASCII there, so ``décembre`` needs ``\pL``)."""


def _numbered(value: str) -> str | None:
    """``6 de diciembre de 2017 14:03 hs.`` as ``2017-12-06 14:03`` (None when it is no such date)."""
    m = _WRITTEN.match(value)
    month = m and _MONTH.get(m[2].lower())
    if not month:
        return None
    return f"{m[3]}-{month:02d}-{int(m[1]):02d}" + (f" {m[4]}" if m[4] else "")


def numbered(col: str, values: list[str]) -> tuple[str, list[str]] | None:
    """The SQL that writes ``col``'s month names as numbers, and the sample so written, when every sampled
    value is a day, a month's name in one of these languages and a year (a time may follow)."""
    written = [_numbered(v) for v in values]
    if not values or None in written:
        return None
    names = ", ".join(f"'{name}'" for name in _MONTH)
    numbers = ", ".join(str(number) for number in _MONTH.values())
    day, month, year, time = (f"regexp_extract({col}, '{_SQL}', {i}, 'i')" for i in range(1, 5))
    return (f"printf('%s-%02d-%02d', {year}, [{numbers}][list_position([{names}], lower({month}))], "
            f"TRY_CAST({day} AS INTEGER)) || CASE WHEN {time} <> '' THEN ' ' || {time} ELSE '' END"), written
