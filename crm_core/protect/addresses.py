"""A postal address: a street as written in the West, in China and where a cross-border seller ships, and
the parts of an address that name no street (left91: Depop's ``Address Line 2`` ``Flat 2``, a 门牌号)."""

from __future__ import annotations

import re

_STREET = re.compile(
    r"\d.*\b(street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|court|ct|place|pl|square|sq|"
    r"boulevard|blvd|crescent|terrace|gardens|hill|row|parade|highway|hwy|"
    r"jalan|jln|lorong|soi|calle|avenida|rua|rue)\b\.?"
    r"|\b(jalan|jln|jl|lorong|soi|calle|carrera|avenida|rua)\b\.?\s+\S.*\d", re.IGNORECASE)
"""A street as written where a cross-border seller ships (马帮's ``53 Jalan Ampang``, ``Soi 11``, ``Rua
Augusta, 123``, judge62), the number before the street word or after it."""
_CN_ADDRESS = re.compile(r"(路|街|道|巷|弄|胡同|大街).*\d|\d+\s*(号(?!店)|弄|室|栋|幢|单元)")  # 3号店: a shop
PART = re.compile(r"(address|addr)[ _-]?(line)?[ _-]?[2-4]\b"
                  r"|^((shipping|billing|delivery)[ _-]?)?(apartment|apt|suite)([ _-]?(number|no\.?|#))?$"
                  r"|^(详细)?地址[2-4二三]$|^(门牌号?|房号|房间号|楼栋号?|单元号)$", re.IGNORECASE)
"""Headers of an address's other lines (Shopify's ``Shipping Address2``, WooCommerce's ``Address 2
(Shipping)``, an apartment, a 门牌号): a flat, a floor, a building, with no street to recognise."""
HINT = re.compile(rf"address|addr|street|地址|住址|{PART.pattern}", re.IGNORECASE)
_WORD = re.compile(r"\w")


def is_address(value: str) -> bool:
    return bool(_STREET.search(value) or _CN_ADDRESS.search(value))


def is_part(value: str) -> bool:
    """Anything written under an address line's header: ``Flat 2``, ``2F``, ``3单元``; with its street it
    finds the door, so it is masked like the first line. A city, like 省 / 市 / 区, is kept."""
    return bool(_WORD.search(value))
