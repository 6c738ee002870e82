"""An order's total with its tax in: Sellfy writes ``Price``, ``Quantity``, ``Discount``, ``Tax`` and
``Total`` (= price × quantity − discount + tax) and no subtotal, so :mod:`paid_first` finds no amount before
tax and the total is the money; judge92 counted 1,315.95 of VAT as spend. Shopify's and Big Cartel's money
leaves the tax out, so a total whose rows add up so is taken less its tax (left99)."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace.sqlutil import qi
from crm_core.workspace.subtotal_discount import DISCOUNT, SUBTOTAL, TOTAL, adds_up, first_match, money_sql

LESS_TAX = " less tax "
"""Between the total column and its tax column in a view's amount source."""
TAX = re.compile(r"^(total[ _-]?|sales[ _-]?)?(tax(es)?|vat|gst)([ _-]?(total|amount))?$", re.IGNORECASE)
"""A tax column beside a total (``Tax``, ``VAT``, ``Tax total``, ``Sales Tax Amount``)."""
_PRICE = re.compile(r"^(unit[ _-]?|item[ _-]?)?price$", re.IGNORECASE)
_QUANTITY = re.compile(r"^(quantity|qty)$", re.IGNORECASE)


def tax_inside(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], amount: str,
               order: str | None) -> str | None:
    """The tax column the order total ``amount`` holds, or None: on nine in ten of at least three taxed rows
    the total is the row's price × quantity − discount + tax, or its subtotal + tax. A subtotal repeated on
    an order's lines does not say a line's total, so a line export is read by its price only."""
    tax, price, quantity = (first_match(columns, p) for p in (TAX, _PRICE, _QUANTITY))
    if not (tax and TOTAL.match(amount.strip())):
        return None
    total, taxed = money_sql(amount, dict(columns)[amount]), money_sql(*tax)
    less = f" - abs({money_sql(*discount)})" if (discount := first_match(columns, DISCOUNT)) else ""
    goods = [f"{money_sql(*price)} * {money_sql(*quantity)}{less}"] if price and quantity else []
    lines = order and con.execute(f"SELECT count(*) > count(DISTINCT {qi(order)}) "
                                  f"FROM {qi(table)}").fetchone()[0]
    goods += [money_sql(c, t) for c, t in columns if SUBTOTAL.match(c.strip()) and not lines][:1]
    tests = " OR ".join(f"abs({g} + {taxed} - {total}) < 0.015" for g in goods)
    if not tests:
        return None
    return tax[0] if adds_up(con, table, tests, taxed) else None


def less_tax(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], amount: str,
             source: str, order: str | None) -> tuple[str, str]:
    """The view's ``amount`` and ``source``, less the tax where ``source`` is an order total holding it."""
    tax = tax_inside(con, table, columns, source, order) if source in dict(columns) else None
    if not tax:
        return amount, source
    taxed = money_sql(tax, dict(columns)[tax])
    return f"(({amount}) - sign({amount}) * abs({taxed}))", source + LESS_TAX + tax
