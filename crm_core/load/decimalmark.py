"""Which mark is a money column's decimal one: ``1.234,56 €`` against ``$1,234.50``, and the rupiah's
``Rp25.000`` (judge63), where the dot only groups thousands: Tokopedia writes whole rupiah, so a dot
before three digits read as decimal made twenty-five thousand rupiah 25.0."""

from __future__ import annotations

import re

from crm_core.workspace.sqlutil import CURRENCY

_SYMBOL = rf"(?:{CURRENCY})"
EU_DECIMAL = re.compile(rf"^[^.,]*\d(\.\d{{3}})*,\d{{1,2}}\s*(?:元|{_SYMBOL})?\)?-?$"
                        r"|^-?\d+,(\d{1,2}|\d{4,})$")
"""A decimal comma: ``1.234,56 €``, or one comma not before three digits (``0,03326991``, a share
written by R in a German locale, was read with the comma as a thousands separator: 3,326,991)."""
_US = re.compile(r"\d,\d{3}(\.|$)|\.\d")
_DOT_GROUPED = re.compile(r"^[^\d,]*\d{1,3}(\.\d{3})+[^\d,]*$")
_WHOLE_SIGN = re.compile(r"Rp|IDR|₫|VND", re.IGNORECASE)
"""Currencies written without cents (rupiah, dong), so ``Rp25.000`` can only be grouped."""


def dots_group(numbers: list[str]) -> bool:
    """True when every dot is a thousands separator: no comma anywhere, each dotted value grouped in threes,
    and either one value has two dots (``Rp1.250.000``) or the values carry a currency without cents."""
    dotted = [v for v in numbers if "." in v]
    if not dotted or any("," in v for v in numbers) or not all(_DOT_GROUPED.match(v) for v in dotted):
        return False
    return any(v.count(".") > 1 for v in dotted) or all(_WHOLE_SIGN.search(v) for v in numbers)


def decimal_mark(numbers: list[str]) -> str:
    """``,`` when most values are written the continental way or the dots only group, else ``.``."""
    if dots_group(numbers):
        return ","
    eu = sum(1 for v in numbers if EU_DECIMAL.match(v))
    us = sum(1 for v in numbers if _US.search(v))
    return "," if eu > us else "."
