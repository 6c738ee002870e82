"""Health notes beside a guest (judge92): Resy's reservations export keeps `Allergies` (``Peanuts, tree
nuts``) and a `Guest Notes` (``Severe peanut allergy - EpiPen carried``, ``Pregnant - no raw fish``) on every
booking. They are health data no analysis reads, so a masked load stores a keyed token, as for a clinic's
notes. A column headed as allergies or diet is one by its header; a guest's or client's note column is one
when any of its values (all rows, in SQL) names a condition. A note naming none keeps the free-text rule.
"""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace.sqlutil import qi

HEALTH_NOTE = "health_note"
_HEADER = re.compile(
    r"^(allerg(y|ies)|allergy[ _-]?(notes?|info)|dietary[ _-]?(requirements?|restrictions?|needs|notes?)"
    r"|(medical|health)[ _-]?(conditions?|notes?)|过敏(史|源|信息)?|饮食禁忌)$", re.IGNORECASE)
"""A header naming allergies, diet or a condition (Resy's ``Allergies``, ``Dietary Requirements``, 过敏史)."""
_PERSON_NOTE = re.compile(r"^(guest|customer|client|member|visit|reservation|booking)?[ _-]?"
                          r"(notes?|comments?|remarks?|tags?)$|^(客人|顾客|客户)?备注$", re.IGNORECASE)
"""A note's header, its person's or not (Resy's ``Guest Notes``, OpenTable's ``Visit Notes``, 备注)."""
_CONDITION = ("allerg|anaphyla|epipen|coeliac|celiac|intoleran|diabet|pregnan|asthma"
              "|过敏|怀孕|孕期|糖尿病|哮喘")
"""Words that name a condition in a note, lower-cased (``Severe peanut allergy``, 对花生过敏)."""


def guest_notes(con: duckdb.DuckDBPyConnection, table: str, headers: dict[str, str],
                kinds: dict[str, str]) -> dict[str, str]:
    """Column → :data:`HEALTH_NOTE` for a guest's allergies and health notes in ``table`` (``headers``: column
    → header; ``kinds``: the PII and notes found before, left as they are)."""
    named = {c: HEALTH_NOTE for c, h in headers.items() if c not in kinds and _HEADER.match(h.strip())}
    notes = [c for c, h in headers.items()
             if c not in kinds and c not in named and _PERSON_NOTE.match(h.strip())]
    return named | dict.fromkeys(_naming_a_condition(con, table, notes), HEALTH_NOTE)


def _naming_a_condition(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> list[str]:
    """The ``columns`` in which any value names a condition (every row is read: one note is enough)."""
    if not columns:
        return []
    counts = con.execute("SELECT " + ", ".join(
        f"count_if(regexp_matches(lower(CAST({qi(c)} AS VARCHAR)), '{_CONDITION}'))" for c in columns)
        + f" FROM {qi(table)}").fetchone()
    return [c for c, n in zip(columns, counts, strict=True) if n]
