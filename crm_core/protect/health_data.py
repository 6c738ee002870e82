"""Health data in a clinic's patients export (Cliniko's, left80), only looked for under a header naming it.

- ``birth_date``: a full birth date all but names one patient; generalised at load to its year (no key, like a
  postcode's prefix), so an age segment still reads it as a birth year.
- ``health_id``: a national health id (Medicare's ``4603 64628 1``, a health-card or insurance number);
  pseudonymised like a national id, even where the loader read its digits as a number ("high / low medicare").
- ``clinical_note``: a free-text note beside a patient (Cliniko's ``Notes``: ``Lower back pain, L4/L5 disc
  bulge``), or headed as one (病历, ``Medical notes``); a keyed token at load (left85). Telling a diagnosis
  from a remark needs more than a pattern, no analysis reads a note, and the token still says which rows
  carry one.
"""

from __future__ import annotations

import re

import duckdb

from crm_core.protect.booking_answers import client_notes
from crm_core.protect.free_text import NOTES_HEADER
from crm_core.protect.health_notes import guest_notes

HINTS: dict[str, re.Pattern[str]] = {
    "birth_date": re.compile(
        r"^(date[ _-]?of[ _-]?birth|birth[ _-]?date|birthday|dob|d\.o\.b\.?|出生日期|生日|出生年月日?)$",
        re.IGNORECASE),
    "health_id": re.compile(
        r"^(medicare|medicaid)([ _-]?(card|no\.?|number|#|id))*$|"
        r"^(health|insurance|insurer|policy|nhs|ihi)[ _-]?(card[ _-]?)?(no\.?|number|#|id)$|"
        r"^health[ _-]?card$|"
        r"^(医保|社保|健康)卡?号码?$|^医保卡$", re.IGNORECASE),
}
"""Headers of a birth date (``Date of birth``, ``DOB``, 出生日期) and of a health id (``Medicare``,
医保卡号); an ``Insurance Paid`` amount is neither."""

_HEALTH_NOTE = re.compile(r"^(medical|clinical|patient|treatment)[ _-]?notes?$|^(病历|病情|诊断|症状|病史)",
                          re.IGNORECASE)
_PATIENT = re.compile(r"^patient([ _-]?(name|id|no\.?|number))?$|^(患者|病人|就诊人)(姓名|编号)?$",
                      re.IGNORECASE)
"""A column naming the patient (Cliniko's invoices' ``Patient``, 就诊人): the table is a clinic's."""
CLINICAL_NOTE = "clinical_note"

_DATE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|"
                   r"\d{4}年\d{1,2}月\d{1,2}日?)([ T]\d{2}:\d{2}(:\d{2})?)?$")
_HEALTH_ID = re.compile(r"^\d[\d\s-]{6,18}\d(\.0)?$")
_YEAR = r"(^|\D)((1[89]|20)\d\d)(\D|$)"


def named(header: str) -> bool:
    """A header of these kinds: its column is read even when typed as a date or a number."""
    return any(p.search(header.strip()) for p in HINTS.values())


def is_birth_date(value: str) -> bool:
    """A whole date (as written, or as the loader typed it: ``1952-09-11 00:00:00``), not a year alone."""
    return bool(_DATE.match(value))


def is_health_id(value: str) -> bool:
    """8 to 15 digits, grouped or not, or read as a whole number (``4603646281.0``)."""
    digits = sum(ch.isdigit() for ch in value.removesuffix(".0"))
    return bool(_HEALTH_ID.match(value)) and 8 <= digits <= 15


def year_sql(col: str) -> str:
    """SQL for a birth date cut to its year (an INTEGER; NULL where no four-digit year is written)."""
    return f"TRY_CAST(regexp_extract(CAST({col} AS VARCHAR), '{_YEAR}', 2) AS INTEGER)"


def id_sql(text: str) -> str:
    """SQL for a health id's digits, however typed: ``4603 64628 1`` = ``4603646281.0`` (read as a number)."""
    return f"nullif(regexp_replace(regexp_replace({text}, '\\.0+$', ''), '\\D', '', 'g'), '')"


def clinical_notes(headers: dict[str, str], kinds: dict[str, str]) -> dict[str, str]:
    """Column → :data:`CLINICAL_NOTE` for the note columns (``headers``: column → header) a clinic wrote: the
    header names health, or the table names a patient or holds a health id (``kinds``: the PII found)."""
    clinic = "health_id" in kinds.values() or any(_PATIENT.match(h.strip()) for h in headers.values())
    return {col: CLINICAL_NOTE for col, header in headers.items()
            if col not in kinds and NOTES_HEADER.search(header.strip())
            and (clinic or _HEALTH_NOTE.search(header.strip()))}


def note_kinds(con: duckdb.DuckDBPyConnection, stage: str, headers: dict[str, str], kinds: dict[str, str],
               types: dict[str, str]) -> dict[str, str]:
    """Column → kind for the notes a masked load tokenises: a clinic's (:func:`clinical_notes`), then a
    client's in an appointments table (:mod:`booking_answers`, left93), then a guest's allergies and health
    notes (:mod:`health_notes`, judge92)."""
    found = clinical_notes(headers, kinds)
    found |= client_notes(con, stage, headers, kinds | found, types)
    return found | guest_notes(con, stage, headers, kinds | found)
