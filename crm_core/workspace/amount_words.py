"""A view's amount source in words. The transaction view names where an order's money comes from by a
code ("quantity × unit_price less order discount") or by the amount column's name; Segments' caption,
the segment report, its notes and the refusals say it from here, in either language (left44)."""

from __future__ import annotations

from crm_core.i18n import Sentence, catalogue
from crm_core.workspace.subtotal_discount import LESS


def amount_rule(source: str) -> Sentence | None:
    """The rule ``source`` names, in words, or None when it is an amount column's name."""
    key = "amount.source." + source.replace(" × ", "_x_").replace(" ", "_")
    if key in catalogue():
        return Sentence(key)
    column, less, discount = source.partition(LESS)  # Housecall Pro's subtotal less its discount (left63)
    return Sentence("amount.source.less_discount", column=column, discount=discount) if less else None


def amount_source_said(source: str) -> Sentence:
    """Where the money comes from: the rule in words, or the amount column by its name."""
    return amount_rule(source) or Sentence("amount.source.column", column=source)
