"""What an order's total paid holds beside the money every analysis counts: its tax, its shipping and a
discount not taken off (OpenCart's ``Tax`` and ``Coupon``, Big Cartel's ``Shipping total`` and ``Tax
total``). The analyst holding the export's total sees spend lower by these with no reason given (left94)."""

from __future__ import annotations

import re

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.amount_words import amount_source_said
from crm_core.workspace.freight import freight_note
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.subtotal_discount import SUBTOTAL, TOTAL
from crm_core.workspace.total_less_tax import LESS_TAX, TAX
from crm_core.workspace.transactions import number_sql, transaction_view

_PARTS = (("tax", TAX),
          ("shipping", re.compile(r"^(shipping|freight|postage)([ _-]?(total|price|cost|amount))?$",
                                  re.IGNORECASE)),
          ("discount", re.compile(r"^((cart|order)[ _-]?)?(discounts?|coupons?)([ _-]?(total|amount))?$",
                                  re.IGNORECASE)))
"""The parts of a total paid besides the goods, by header."""
_LESS = " less "


def money_beside_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> Sentence | None:
    """The note naming the total paid and the tax, shipping and discount columns in it that no analysis
    counts, or None: where the money is that total (unless taken less its tax), none of them, or the freight
    note says the shipping."""
    columns = store.columns_of(con, table)
    total = next((c for c, _ in columns if TOTAL.match(c.strip())), None)
    try:
        source = transaction_view(con, table, roles).amount_source
    except CrmError:  # no buyer: the analyses that count spend refuse, the refusal says why
        return None
    taken = LESS_TAX in source  # Sellfy's ``Total`` less its ``Tax`` (left99): say the tax was taken off
    if not total or not source or not taken and (total in (source, roles.get("amount")) or _a_total(source)):
        return None
    found = _parts(columns, source, freight_note(con, table, roles).get("column"))
    parts = [Sentence(f"load.note.money_beside.{kind}", column=column)
             for kind, column, dtype in found if _any(con, table, column, dtype)]
    if not parts:
        return None
    return Sentence("load.note.money_beside", source=amount_source_said(source), total=total,
                    beside=Listing(parts))


def _a_total(source: str) -> bool:
    """Whether the money column is a total itself (Lemon Squeezy's ``total_usd``), not a goods subtotal."""
    column = source.partition(_LESS)[0].strip()
    return "total" in column.lower() and not SUBTOTAL.match(column)


def _any(con: duckdb.DuckDBPyConnection, table: str, column: str, dtype: str) -> bool:
    """Whether any row holds money in ``column`` (a ``Coupon`` of zeros throughout is nothing to say)."""
    held = con.execute(f"SELECT bool_or({number_sql(qi(column), dtype)} <> 0) FROM {qi(table)}").fetchone()[0]
    return bool(held)


def _parts(columns: list[tuple[str, str]], source: str, freight: str | None) -> list[tuple[str, str, str]]:
    """The first tax, shipping and discount column (kind, name, type) the money ``source`` leaves out: not
    the freight another note says; a discount only beside the lines' price × quantity, which is before it
    (Shopify's and Lightspeed's ``Subtotal``, Toast's ``Amount`` are after theirs)."""
    goods = source.startswith(("quantity × unit_price", "unit_price")) and _LESS not in source
    found = []
    for kind, pattern in _PARTS:
        if kind != "discount" or goods:
            found += [(kind, c, t) for c, t in columns if pattern.match(c.strip()) and c != freight][:1]
    return found
