"""Dates that are no day of the calendar (``2010/5/36``, ``2023-02-30``): a few such typos in a
date column are left empty and said, rather than the whole column kept as text.

judge15: one utility bill in 117 was read on "2010/5/36"; the column stayed text, so the bill
log had no date to forecast by and profiling it failed. A column keeps its date plan when every
value that fails is written as a day with a four-digit year (so it is a date, mistyped) and they
are at most :data:`SHARE` of the filled cells; the note names them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crm_core import i18n
from crm_core.workspace.sqlutil import qi

_NUMERIC_DAY = re.compile(r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
                          r"(?:[ T]\d.*)?$")
SHARE = 0.02
"""At most 2 % of a column's dates may be impossible days; more is no typo but another kind of
value, and the column stays text with the count (``kept_bad``)."""


def kept(con, table: str, column: str, plan, failing: int, values: list[str]):
    """``plan`` (a date plan) kept with its impossible days counted, or None when the values
    that fail are not all mistyped days or are too many."""
    if plan.kind != "date" or not values or not all(_NUMERIC_DAY.match(v) for v in values):
        return None
    filled = con.execute(f"SELECT count(nullif(trim({qi(column)}), '')) FROM {qi(table)}").fetchone()[0]
    if failing > SHARE * filled:
        return None
    return replace(plan, not_days=(failing, tuple(values[:3])))


def notes(column: str, plan) -> list[i18n.Sentence]:
    """The note of a date column whose impossible days were left empty."""
    if not plan.not_days:
        return []
    count, examples = plan.not_days
    return [i18n.Sentence("load.note.not_days", column=column, count=f"{count:,}",
                          examples=", ".join(examples))]
