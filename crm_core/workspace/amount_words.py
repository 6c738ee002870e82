"""A view's amount source in words. The transaction view names where an order's money comes from by a
code ("quantity × unit_price less order discount") or by the amount column's name; Segments' caption,
the segment report, its notes and the refusals say it from here, in either language (left44)."""

from __future__ import annotations

from crm_core.i18n import Sentence, catalogue
from crm_core.workspace.payer_shares import insurer_column
from crm_core.workspace.refund_rows import refunded_column
from crm_core.workspace.subtotal_discount import LESS
from crm_core.workspace.total_less_tax import LESS_TAX

LESS_REFUNDED = " less refunded "
"""Between the amount column and the refund column the view takes off it."""
PLUS_INSURER = " plus insurer's "
"""Between a client's-share amount column and the insurer's share the view adds to it."""


def amount_rule(source: str) -> Sentence | None:
    """The rule ``source`` names, in words, or None when it is an amount column's name."""
    key = "amount.source." + source.replace(" × ", "_x_").replace(" ", "_")
    if key in catalogue():
        return Sentence(key)
    column, refunded, refund = source.partition(LESS_REFUNDED)
    if refunded:
        return Sentence("amount.source.less_refunded", column=column, refund=refund)
    column, plus, insurer = source.partition(PLUS_INSURER)
    if plus:
        return Sentence("amount.source.plus_insurer", column=column, insurer=insurer)
    column, less, tax = source.partition(LESS_TAX)  # Sellfy's total less its tax (left99)
    if less:
        return Sentence("amount.source.less_tax", column=column, tax=tax)
    column, less, discount = source.partition(LESS)  # Housecall Pro's subtotal less its discount (left63)
    return Sentence("amount.source.less_discount", column=column, discount=discount) if less else None


def amount_source_said(source: str) -> Sentence:
    """Where the money comes from: the rule in words, or the amount column by its name."""
    return amount_rule(source) or Sentence("amount.source.column", column=source)


def as_counted(columns: list[tuple[str, str]], source: str) -> str:
    """``source`` with the refund the view takes off it (``transactions.kept_money``), where the load's
    refund rule applies: Thinkific's Segments said "monetary from 'Amount'" under the load's note that every
    analysis counts “Amount” less “Amount Refunded” (walk38); or with the insurer's share it adds
    (SimplePractice's "monetary from 'Client Paid'" counted ``Insurance Paid`` too, walk40)."""
    refund = refunded_column(columns, source) if source in dict(columns) else None
    insurer = insurer_column(columns, source)
    return (f"{source}{LESS_REFUNDED}{refund}" if refund else f"{source}{PLUS_INSURER}{insurer}" if insurer
            else source)
