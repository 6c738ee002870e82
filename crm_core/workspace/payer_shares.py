"""A visit paid in parts: a clinic's export writes what the client (or patient) paid and what the insurer
paid side by side (SimplePractice's ``Client Paid`` beside ``Insurance Paid``), or an invoice's total beside
what was collected of it (Jane's ``Collected`` on a ``Partially Paid`` invoice). The money received is what
came in; the client's share alone read 38 % low on judge77's sessions, the ``Total Fee`` charged, paid or not,
28 % high, and Jane's part-paid invoices whole 1.1 % high."""

from __future__ import annotations

import re

from crm_core.workspace.invoice_states import STATUS
from crm_core.workspace.role_names import bare_header, is_numeric_type
from crm_core.workspace.sqlutil import qi

_OWN_SHARE = re.compile(r"^(client|patient)[ _-]?paid$", re.IGNORECASE)
_INSURER_SHARE = re.compile(r"^(insurance|insurer)[ _-]?paid$", re.IGNORECASE)
_COLLECTED = re.compile(r"^(collected|amount[ _-]?(paid|collected|received)|paid[ _-]?amount"
                        r"|total[ _-]?(paid|collected|received)|已收(款|金额)|已付(款|金额))$", re.IGNORECASE)
_INVOICED = re.compile(r"^(invoice[ _-]?)?total([ _-]?amount)?$|^(订单|发票)?总(额|金额)$", re.IGNORECASE)
_PAID_ALREADY = re.compile(r"paid|collected|received|实收|已收|已付", re.IGNORECASE)
PART_PAID = ("partially paid", "partly paid", "part paid", "partial", "partial payment",
             "部分付款", "部分支付", "部分收款")
"""A payment status saying an invoice is paid in part (Jane's ``Partially Paid``)."""


def insurer_column(columns: list[tuple[str, str]], amount: str | None) -> str | None:
    """The numeric insurer's-share column beside a client's-share ``amount`` (None where there is none)."""
    if not amount or not _OWN_SHARE.match(amount.strip()):
        return None
    found = (c for c, dtype in columns if _INSURER_SHARE.match(c.strip()) and is_numeric_type(dtype))
    return next(found, None)


def with_insurer(columns: list[tuple[str, str]], amount: str | None, money: str) -> str:
    """``money`` plus the row's insurer share where :func:`insurer_column` finds one."""
    insurer = insurer_column(columns, amount)
    return f"(({money}) + coalesce({qi(insurer)}, 0))" if insurer else money


def _first(columns: list[tuple[str, str]], rule: re.Pattern[str], numeric: bool = True) -> str | None:
    """The first column headed by ``rule``: a number (money), or text where ``numeric`` is off (a status)."""
    found = (c for c, dtype in columns
             if rule.match(bare_header(c)) and (is_numeric_type(dtype) if numeric else dtype == "VARCHAR"))
    return next(found, None)


def with_part_paid(columns: list[tuple[str, str]], amount: str | None, money: str) -> str:
    """``money`` times the share collected on a row whose status says paid in part, where a numeric
    collected column sits beside the invoice's total: the amount before tax stays the sale (Jane's
    ``Subtotal``), at the part that came in. An amount that is itself the money paid is left as it is."""
    if not amount or _PAID_ALREADY.search(amount):
        return money
    status, paid, total = (_first(columns, STATUS, numeric=False), _first(columns, _COLLECTED),
                           _first(columns, _INVOICED))
    if not (status and paid and total):
        return money
    states = ", ".join(f"'{state}'" for state in PART_PAID)
    return (f"(CASE WHEN lower(trim({qi(status)})) IN ({states}) AND {qi(total)} > 0 "
            f"THEN ({money}) * coalesce({qi(paid)}, 0) / {qi(total)} ELSE {money} END)")
