"""A payment bill's refund rows: money given back on a row of its own, not a payment refunded in full.

微信支付's 交易账单 lists a refund as a row of its own (交易状态 ``REFUND``, days after the payment) under
the order it refunds: its 应结订单金额 is the order's amount again, its 退款金额 the money given back.
Read as a payment refunded in full, the row was left out and the payment it refunded stayed whole, so
judge29's bill kept 79,369.78 of refunds as sales. The row's money is the refund, negative: it nets
with its payment as a Square refund does (a partial refund too)."""

from __future__ import annotations

import re

from crm_core.workspace.bill_types import is_bill_type
from crm_core.workspace.events import listed

REFUND_STATES = ("refund",)
"""A status naming the row itself a refund (微信支付's ``REFUND``); 已退款 / ``refunded`` name an order
that was refunded, which the view leaves out whole."""
REFUND_TYPES = ("退款",)
"""A bill type naming the row a refund (支付宝's 账务明细: 业务类型 退款, the money under 支出金额)."""
_MONEY_IN = re.compile(r"^收入(金额)?\s*[(（]?\s*[+＋]?\s*元?\s*[)）]?$")
_MONEY_OUT = re.compile(r"^支出(金额)?\s*[(（]?\s*[-－]?\s*元?\s*[)）]?$")


def refund_row_sql(columns: list[tuple[str, str]], status: re.Pattern[str]) -> str:
    """True on a row whose status column (a header ``status`` matches) says ``REFUND`` or whose bill type
    says 退款; "" if no column can."""
    return " OR ".join(listed(c, REFUND_STATES) if status.match(c.strip()) else listed(c, REFUND_TYPES)
                       for c, dtype in columns
                       if dtype == "VARCHAR" and (status.match(c.strip()) or is_bill_type(c)))


def money_out_beside(amount: str, columns) -> str | None:
    """The money-out column beside a money-in amount (支付宝's ``支出金额（-元）`` by ``收入金额（+元）``):
    a refund row's money is there, the view reads it as the refund."""
    if not _MONEY_IN.match(amount.strip()):
        return None
    return next((c for c in columns if _MONEY_OUT.match(c.strip())), None)


def net_of_refund(amount: str, refund: str, refund_row: str) -> str:
    """The money a row keeps: the amount less its refund, or the refund as money back on a refund row."""
    kept = f"({amount}) - coalesce({refund}, 0)"
    return f"CASE WHEN {refund_row} THEN -coalesce({refund}, 0) ELSE {kept} END" if refund_row else kept


_REFUNDED = re.compile(r"^(amount[ _-]?refunded|refund(ed)?[ _-]?amount|total[ _-]?refunded|"
                       r"(已)?退款金额|退款总额)$", re.IGNORECASE)
"""The money given back on a payment or order that stands (Stripe's ``Amount Refunded``, Shopify's
``Refunded Amount``, 退款金额): a partly refunded charge keeps its status, so only this says so."""


_NET = re.compile(r"\bnet\b|净|实收", re.IGNORECASE)


def refunded_column(columns: list[tuple[str, str]], amount: str) -> str | None:
    """The refund beside ``amount``: ``<amount> Refunded`` first (Stripe's ``Converted Amount``
    pairs with ``Converted Amount Refunded``), else the one generic refund header; none under a
    net amount, which has it taken off already."""
    if _NET.search(amount):
        return None
    names = {c.strip().lower(): c for c, _ in columns if c != amount}
    paired = names.get(f"{amount.strip().lower()} refunded") or money_out_beside(amount, names.values())
    generic = [c for c in names.values() if _REFUNDED.match(c.strip())]
    return paired or (generic[0] if len(generic) == 1 else None)
