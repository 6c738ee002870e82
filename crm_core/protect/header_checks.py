"""Value checks that depend on the exact header, not only on the kind (left91). A header naming one part
lowers the bar: an address's second line (``Flat 2``) has no street to recognise. A header shared by kinds
raises it: a 客户名称 is a company only if its values read as firms, a 买家ID, a bare ``Buyer`` or a
``Member Name`` a nickname only if they are handles, never a number or a platform hash."""

from __future__ import annotations

import re
from collections.abc import Callable

from crm_core.protect import addresses, member_names, work_kinds

_BY_HEADER: tuple[tuple[str, re.Pattern[str], Callable[[str], bool]], ...] = (
    ("address", addresses.PART, addresses.is_part),
    ("company", work_kinds.CUSTOMER_NAME, work_kinds.is_firm),
    ("nickname", member_names.BUYER_ID, member_names.is_handle),
    ("nickname", member_names.ENGLISH, member_names.is_handle),
)


def check(kind: str, header: str) -> Callable[[str], bool] | None:
    """The check of ``kind``'s values under this header, or None where the kind's own applies."""
    header = header.strip()
    return next((fn for k, named, fn in _BY_HEADER if k == kind and named.search(header)), None)
