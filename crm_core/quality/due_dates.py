"""Date columns that lie ahead by nature: an invoice's due day, a coupon's expiry, a plan's renewal."""

from __future__ import annotations

import re

AHEAD = re.compile(r"\bdue\b|expir|valid[ _-]?(until|to|thru)|renew|next[ _-]?(bill|pay|charge)"
                   r"|到期|截止|有效期", re.IGNORECASE)
"""Headers of days that are meant to come: FreshBooks' ``Due Date`` (an invoice sent this month falls due
next month, walk42), ``Expiry Date``, ``Renewal Date``, ``Next Billing Date``, 到期日, 截止日期, 有效期至."""


def lies_ahead(column: str) -> bool:
    """Whether a column's header names a day meant to come, so dates after today are no problem in it."""
    return bool(AHEAD.search(column))
