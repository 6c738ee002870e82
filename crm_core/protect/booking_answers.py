"""A client's own words in an appointments export (Acuity Scheduling's, left93): the booking's ``Notes`` and a
column per intake-form question (``Any health conditions, injuries or medications we should know about?``,
``What would you like to work on?``). A coach's, trainer's or therapist's client writes health and life
details there, yet the table names no patient, so a clinic's rule (``health_data.clinical_notes``) does not
take them. No analysis reads them: a keyed token at load, as a clinic's note, keeps which rows carry an
answer and which answers are equal. A yes / no question (Acuity's ``Paid?``) is a flag and stays."""

from __future__ import annotations

import re

import duckdb

from crm_core.protect.free_text import NOTES_HEADER
from crm_core.workspace.sqlutil import qi

CLIENT_NOTE = "client_note"
_BOOKINGS = re.compile(r"^(appointment|booking)\b", re.IGNORECASE)
"""A header of an appointments table (Acuity's ``Appointment Price``, ``Appointment ID``; ``Booking ID``)."""
_NO_ANSWER = "('', 'yes', 'no', 'y', 'n', 'true', 'false')"


def client_notes(con: duckdb.DuckDBPyConnection, stage: str, headers: dict[str, str], kinds: dict[str, str],
                 types: dict[str, str]) -> dict[str, str]:
    """Column → :data:`CLIENT_NOTE` for the text notes and questions of an appointments table holding at
    least one answer other than yes / no (an empty note is said kept, as before)."""
    if not any(_BOOKINGS.search(h.strip()) for h in headers.values()):
        return {}
    asked = [c for c, h in headers.items() if c not in kinds and types[c].upper().startswith("VARCHAR")
             and (NOTES_HEADER.search(h.strip()) or h.strip().endswith(("?", "？")))]
    if not asked:
        return {}
    counts = con.execute("SELECT " + ", ".join(
        f"count_if(lower(trim(CAST({qi(c)} AS VARCHAR))) NOT IN {_NO_ANSWER})" for c in asked)
        + f" FROM {qi(stage)}").fetchone()
    return {c: CLIENT_NOTE for c, n in zip(asked, counts, strict=True) if n}
