"""A meal service, a sitting or a shift: when a guest ate or was served, never what was bought. Resy's
``Service`` holds Dinner / Lunch (judge92: recommend served "Lunch" to dinner guests), where a salon's
``Service`` is the treatment booked, so the values, not the bare header, say which it is (left99)."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace.sqlutil import qi

SITTING = re.compile(r"^(meal[ _-]?|service[ _-]?)?(period|sitting|seating|shift|day[ _-]?part)s?$"
                     r"|^meal[ _-]?(service|time)$|餐段|餐别|餐次|市别|班次", re.IGNORECASE)
"""A header naming the sitting (``Meal Period``, ``Seating``, ``Shift``, 餐段, 市别, 班次)."""
_MEALS = (r"^((early|late|first|second|1st|2nd)\s+)?(breakfast|brunch|lunch|dinner|supper|afternoon tea"
          r"|high tea|happy hour|late night|all day|pre[ -]?theat(re|er)|(sitting|seating|service))"
          r"(\s+(service|sitting|seating|\d))?$|^(早|午|晚)(餐|市|茶)$|^(早午餐|下午茶|夜宵|宵夜)$")
"""A sitting's name: Dinner, Lunch, Brunch, Late Seating, 午市, 晚餐."""
SHARE = 0.99
"""The share of a column's filled values that must name a sitting."""


def sittings(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether ``column`` is the sitting a booking or a check was in: its header says so, or nearly every
    value names a meal service (Dinner, Lunch)."""
    if SITTING.search(column.strip()):
        return True
    value = f"lower(trim(CAST({qi(column)} AS VARCHAR)))"
    share = con.execute(f"SELECT avg(CASE WHEN regexp_matches({value}, ?) THEN 1.0 ELSE 0 END) "
                        f"FROM {qi(table)} WHERE {value} <> ''", [_MEALS]).fetchone()[0]
    return share is not None and share >= SHARE
