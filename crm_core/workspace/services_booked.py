"""A service booked read as what was sold, tried after every other column naming the item: a salon's
``Service`` (Fresha, left59) and an appointment list's ``Type`` (Acuity's appointment type, left62)."""

from __future__ import annotations

import re

SERVICE = r"^(service|treatment)s?([ _.-]?(name|title))?$"
"""A service booked (a salon's ``Service``): the product only where no other column names the item, for
Toast's ``Service`` beside its ``Menu Item`` is the service period (Dinner)."""
_SERVICE = re.compile(SERVICE, re.IGNORECASE)
_BOOKED_TYPE = re.compile(r"^((appointment|booking)[ _.-]?)?type$", re.IGNORECASE)
_BOOKED = re.compile(r"^(appointment|booking)[ _.-]", re.IGNORECASE)


def booked_types(headers: tuple[str, ...]) -> list[str]:
    """The ``Type`` headers beside an appointment's own columns (``Appointment ID``, ``Appointment Price``):
    the service booked there, where Kajabi's or Salesforce's ``Type`` is a payment's or a deal's kind."""
    if not any(_BOOKED.match(h.strip()) for h in headers):
        return []
    return [h for h in headers if _BOOKED_TYPE.match(h.strip())]


def is_service_name(column: str) -> bool:
    """Whether the header names a service booked (``Service``, an appointment's ``Type``)."""
    return bool(_SERVICE.match(column.strip()) or _BOOKED_TYPE.match(column.strip()))
