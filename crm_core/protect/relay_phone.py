"""A takeaway platform's relay number (美团外卖's 隐私号, a 虚拟号): a pooled number and the extension that
rings one customer for the order's days (``17036767919_2061``, ``13800138000转1234``).

It reaches the customer, so a masked load pseudonymises it as a phone (judge68 left it in clear); the whole
value is kept as the identity, since the pooled number alone is shared by many customers. It names one order's
call, not a customer, so it is never taken as the customer's phone role.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_EXTENSION = re.compile(r"^(.+?)\s*(?:_|转|,|，|#|分机|ext\.?)\s*\d{1,6}$", re.IGNORECASE)
"""A number followed by its extension, after ``_``, ``转`` (transfer to), a comma, ``#`` or ``ext``
(not ``-``, which a plain phone is written with)."""


def relay_number(value: str) -> bool:
    """Whether ``value`` ends in a relay extension (``…_2061``, ``…转2035``)."""
    return bool(_EXTENSION.match(value))


def relay_numbers(values: list[str]) -> bool:
    """Most values end in a relay extension: one order's call, no customer's key."""
    return sum(1 for v in values if relay_number(v)) > len(values) / 2


def or_relay(is_phone: Callable[[str], bool]) -> Callable[[str], bool]:
    """``is_phone`` that also takes a phone followed by its relay extension."""
    def check(value: str) -> bool:
        if is_phone(value):
            return True
        found = _EXTENSION.match(value)
        return bool(found) and is_phone(found.group(1))
    return check


def shown_relay(value: str) -> str:
    """A relay number as a masked load may still say it: the pooled number's first three digits and the
    extension (``170********_1001``), as the platform shows its own masks (``187****4319``)."""
    found = _EXTENSION.match(value)
    number = found.group(1) if found else value
    return number[:3] + "*" * max(0, len(number) - 3) + value[len(number):]
