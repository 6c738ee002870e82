"""A restaurant's bookings log (Resy's reservations, OpenTable's guest list): who booked, when and for how
many, never what they ate."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store

BOOKING_HEADER = re.compile(r"^(party|group|table)[ _-]?size$|^(covers|pax|no\.? of guests|number of guests)$"
                            r"|reservation|booking"
                            r"|^(就餐|用餐|到店)?人数$|预订|订座|订位", re.IGNORECASE)
"""A covers column (Resy's ``Party Size``, ``Covers``, ``Pax``, 就餐人数) or a header naming the booking
(``Reservation Time``, ``Booking ID``, 预订时间, 订座渠道); anchored, so Simple Practice's ``Responsible
Party`` is no party size."""


def bookings_log(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether ``table`` is a bookings log by its headers: Recommend's refusal said "mark a product column on
    the Data page" where a booking export names no dish (Resy, left99), so it asks for the till's item
    sales report instead."""
    return any(BOOKING_HEADER.search(c.strip()) for c, _ in store.columns_of(con, table))
