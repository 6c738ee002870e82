"""An order's discount written on each of its lines (WooCommerce's ``Cart Discount``): the lines' unit
prices are before it, so an order's money is its lines less the discount, taken off once per order."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.subtotal_discount import discount_under_subtotal, less_discount
from crm_core.workspace.total_less_tax import less_tax

_ORDER_DISCOUNT = re.compile(r"^(cart|order|coupon)[ _-]?discount([ _-]?(amount|total))?$"
                             r"|^(订单|整单|店铺|购物车)(优惠|折扣)(金额)?$|^优惠(金额)?$", re.IGNORECASE)
"""An order-level discount's header (not a bare ``Discount``, which a line or a check may hold on its own, nor
a bare 折扣, often a rate): a bare 优惠金额 (店管家, judge89) only where one value fills its order's lines."""
LESS_DISCOUNT = " less order discount"
"""How a view's amount source ends when the order's discount was taken off its lines' price × quantity."""
ONE_VALUE_SHARE = 0.95
"""The share of discounted orders of several lines that must show one discount on every line."""


def _discount(column: str, dtype: str) -> str:
    from crm_core.workspace.transactions import number_sql  # transactions applies this discount

    return f"abs(coalesce({number_sql(qi(column), dtype)}, 0))"


def order_discount(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                   order: str) -> tuple[str, str] | None:
    """The order-level discount of a line export, its column and its SQL (positive), or None: a header
    saying so whose value is the same on every line of (nearly) every discounted order of several lines
    (a per-line discount differs from line to line). A bare ``Discount`` counts where the order's subtotal
    beside it is before it (:func:`discount_under_subtotal`)."""
    beside = discount_under_subtotal(con, table, columns)
    for name, dtype in ((c, t) for c, t in columns if _ORDER_DISCOUNT.match(c.strip()) or c == beside):
        d = _discount(name, dtype)
        orders, one = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE n = 1) FROM (SELECT count(DISTINCT {d}) AS n "
            f"FROM {qi(table)} GROUP BY {qi(order)} HAVING count(*) > 1 AND max({d}) > 0)").fetchone()
        if orders and one >= ONE_VALUE_SHARE * orders:
            return name, d
    return None


def discount_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> dict[str, str]:
    """The orders the view keeps whose discount :func:`net_of_order_discount` shares over their lines, and
    the discount once each, for the load's note ({} when none): the analyst saw revenue below the lines'
    prices with no reason given (left27's WooCommerce ``Cart Discount``)."""
    from crm_core.workspace.transactions import cancelled_sql  # transactions applies this discount

    order = roles.get("order_id")
    if roles.get("amount") or not roles.get("unit_price") or not order:
        return {}
    columns = store.columns_of(con, table)
    found = order_discount(con, table, columns, order)
    if not found:
        return {}
    gone = cancelled_sql(columns, table, None, order)
    kept = f"WHERE NOT coalesce({gone}, false) " if gone else ""
    n, money = con.execute(f"SELECT count(*), sum(d) FROM (SELECT max({found[1]}) AS d FROM {qi(table)} "
                           f"{kept}GROUP BY {qi(order)} HAVING max({found[1]}) > 0)").fetchone()
    return {"count": f"{n:,}", "column": found[0], "money": f"{money:,.2f}"} if n else {}


def net_of_order_discount(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                          amount: str, source: str, order: str | None) -> tuple[str, str]:
    """The view's ``amount`` and its ``source``; where it is a line's price × quantity in an export with
    an ``order`` id and an order-level discount, that line less its share of the discount, shared by the
    lines' money: the order's lines add up to its money less the discount once, not once per line. An
    amount column (``Order Total``, Shopify's ``Subtotal``) is after the discount already. The source then
    says :data:`LESS_DISCOUNT`, so a run's words say the discount was taken off as the load note did. A
    subtotal before the discount beside it is taken less it (:mod:`subtotal_discount`), an order total
    less the tax it holds (:mod:`total_less_tax`)."""
    if source and not source.endswith("unit_price"):
        return less_tax(con, table, columns, *less_discount(con, table, columns, amount, source), order)
    found = order_discount(con, table, columns, order) if order and source.endswith("unit_price") else None
    if not found:
        return amount, source
    discount = found[1]
    key = qi(order)
    share = f"max({discount}) OVER (PARTITION BY {key}) / nullif(sum({amount}) OVER (PARTITION BY {key}), 0)"
    return f"(({amount}) * greatest(1 - coalesce({share}, 0), 0))", source + LESS_DISCOUNT
