"""The ringgit written ``RM45.90`` (``RM-0.00``), its sign glued on, read as money under a money header.

``RM`` is read as the ringgit before a space only (``RM 45.90``, as Lazada's Malaysian site writes it):
by the cell alone an amount ``RM45`` and an ERP's raw-material code ``RM1001`` look the same. A header
that names money (``Paid Price``, ``Unit Price``, ``金额``) tells them apart, so there the glued sign gets
its space and the column is typed as any ringgit column (left42).
"""

from __future__ import annotations

import re

MONEY_NAME = re.compile(r"amount|revenue|sales|sold|turnover|income|profit|margin|cost|price|spend|"
                        r"value|budget|paid|payment|charge|fee|gmv|金额|销售|收入|营收|营业额|利润|"
                        r"成本|费用|价|付|消费|毛利|流水", re.IGNORECASE)
"""A header naming money (``Sales (k)``, ``单价``, ``Shipping Fee``); ``units`` scales such headers too."""
_MONEY_TOO = re.compile(r"discount|total|voucher|refund|rebate|优惠|折扣|合计|总计|退款", re.IGNORECASE)
"""Money words too weak for ``units``' scaling (``Total (000)`` may count visitors) but plain beside a
currency sign: Lazada's ``Seller Discount Total``, ``Refund Amount``."""
_GLUED = re.compile(r"RM(?=-?\d)")


def spaced(col: str, header: str, values: list[str]) -> tuple[str, list[str]] | None:
    """(SQL of ``col`` with ``RM`` spaced from its digits, the values so spaced) for a money header whose
    values carry a glued ``RM``; None otherwise, so a code column keeps ``RM1001``."""
    money = MONEY_NAME.search(header) or _MONEY_TOO.search(header)
    if not money or not any(_GLUED.search(v) for v in values):
        return None
    return f"regexp_replace({col}, 'RM(-?\\d)', 'RM \\1', 'g')", [_GLUED.sub("RM ", v) for v in values]
