"""Money written in thousands or 万元: scaled to the base unit at load.

Finance reports head a column ``Revenue ($000)``, ``Sales (in thousands)`` or ``销售额(万元)``.
Summed as written, a customer's spend was ¥18 instead of ¥180,000, and a table of 元 joined
with one of 万元 mixed units silently. Every analysis and the money formatting read the base
unit, so the values are multiplied once here and the unit leaves the header (a note says so).
"""

from __future__ import annotations

import re

from crm_core.load import coltypes
from crm_core.workspace import store
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi

_OPEN, _CLOSE = r"\s*[(（\[]\s*", r"\s*[)）\]]\s*$"
_MONEY = r"(?:[$€£¥]|usd|eur|gbp|cny|rmb|us\$)?\s*"
SCALES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(f"{_OPEN}(?:{body}){_CLOSE}", re.IGNORECASE), factor) for body, factor in (
        (rf"(?:in\s+)?{_MONEY}'?000s?(?:\s*{_MONEY})?", 1000),
        (rf"(?:in\s+)?{_MONEY}(?:thousands?|k|tsd\.?)\s*(?:[$€£]\s*)?(?:\s+of\s+\w+)?", 1000),
        (rf"(?:in\s+)?{_MONEY}(?:millions?|mn|mio\.?)(?:\s+of\s+\w+)?|[$€£]\s*mm?", 1_000_000),
        (r"千元?", 1000), (r"万元?", 10_000), (r"百万元?", 1_000_000), (r"亿元?", 100_000_000),
    ))
"""A unit in brackets at the end of a header and what it multiplies by. A bare ``(m)`` is not
here: ``Distance (m)`` is metres."""


def unit_scale(column: str) -> tuple[str, int] | None:
    """(header without the unit, factor) when the header ends in a scaled unit."""
    for pattern, factor in SCALES:
        found = pattern.search(column)
        if found and found.start() > 0:
            return column[:found.start()].strip(), factor
    return None


def scale_units(con, table: str) -> list:
    """Multiply number columns headed in thousands / 万元 to the base unit and drop the unit
    from their names; returns the notes. A column whose plain name is taken stays as it is."""
    columns = store.columns_of(con, table)
    names = {c.lower() for c, _ in columns}
    notes = []
    for column, dtype in columns:
        scaled = unit_scale(column) if is_numeric_type(dtype) else None
        if not scaled or not scaled[0] or scaled[0].lower() in names:
            continue
        plain, factor = scaled
        value = f"{qi(column)} * {factor}" if dtype.upper().endswith("INT") else \
            f"round({qi(column)} * {factor}, 6)"
        con.execute(f"UPDATE {qi(table)} SET {qi(column)} = {value}")
        con.execute(f"ALTER TABLE {qi(table)} RENAME COLUMN {qi(column)} TO {qi(plain)}")
        names.add(plain.lower())
        notes.append(coltypes.note("scaled_unit", column=column, factor=f"{factor:,}", name=plain))
    return notes
