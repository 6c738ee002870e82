"""Dates written as one number under a header that says date: ``231205`` (a till's yymmdd),
``051223`` (ddmmyy), ``120523`` (mmddyy, a US till) and ``05122023`` (ddmmyyyy, or mmddyyyy in a US
export).

The order is the one every sampled value fits; when the digits fit two orders (``051223`` is
5 December 2023 or 23 December 2005), a year repeats over a column where days vary, so the
order whose year takes far fewer values than the runner-up's is the export's; when even that
cannot tell, the first order fitting is read and the note says the data cannot tell which. A
reading whose years vary as much as its days is none (``240305``, ``240231``, ``231231`` fit
only day first, as 24 March 2005 and two days in 2031: a yymmdd column with one day that is no
day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

SHORT = ("%y%m%d", "%d%m%y", "%m%d%y")
LONG = ("%d%m%Y", "%m%d%Y")
"""Eight digits year first (``20240305``) are read with the other date formats (``coltypes``)."""
ORDERS = {"%y%m%d": "ymd", "%d%m%y": "dmy", "%m%d%y": "mdy", "%Y%m%d": "ymd", "%d%m%Y": "dmy",
          "%m%d%Y": "mdy"}
"""The order each format reads a date in, as the load note names it."""
_DAY_NAME = re.compile(r"date|日期|时间|(?:^|[ _.-])(?:day|dt)(?:$|[ _.-])", re.IGNORECASE)
"""``order_date``, ``日期``, ``下单时间``, ``day``, ``dt``, ``txn_dt`` — not ``time``, whose
``093015`` is a clock, nor ``weekday`` or ``days``."""
_SIX = re.compile(r"^\d{6}$")
_EIGHT = re.compile(r"^\d{8}$")
CLEAR = 3
"""How many times more values the day part must take than the year part to decide the order."""


@dataclass(frozen=True)
class Reading:
    """The format a column of compact dates is read with, and the other order its values fit as
    well (``dmy``, ``mdy``, ``ymd`` as :data:`ORDERS` names them) when the data cannot tell."""

    fmt: str
    also: str = ""


def reading(header: str, values: list[str]) -> Reading | None:
    """How a date-named column of 6- or 8-digit numbers reads, or None when it is no such column
    or some value is no day in any order (``240231``)."""
    if not values or not _DAY_NAME.search(header):
        return None
    if all(_SIX.match(v) for v in values):
        formats = SHORT
    elif all(_EIGHT.match(v) for v in values):
        formats = LONG
    else:
        return None
    fitting = [f for f in formats if all(_fits(v, f) for v in values)]
    spread = sorted(((f, _parts(values, f)) for f in fitting), key=lambda p: p[1][0] - p[1][1])
    if not spread or 1 < spread[0][1][0] >= spread[0][1][1]:  # years vary as much as days: no dates
        return None
    (first, (years, days)), others = spread[0], spread[1:]
    if not others:
        return Reading(first)
    other_years = others[0][1][0]
    clear = days >= CLEAR * years and other_years >= CLEAR * years and days >= 2 * CLEAR
    return Reading(first) if clear else Reading(first, ORDERS[others[0][0]])


def _fits(value: str, fmt: str) -> bool:
    try:
        day = datetime.strptime(value, fmt)
    except ValueError:
        return False
    return 1900 <= day.year <= 2100


def _parts(values: list[str], fmt: str) -> tuple[int, int]:
    """How many distinct years and distinct days the values have read in ``fmt``."""
    days = [datetime.strptime(v, fmt) for v in values]
    return len({d.year for d in days}), len({d.day for d in days})
