"""An order's payment written on each of its item rows (Shopee's 买家总支付金额, judge34): the export has a
row per item and repeats the order's fields on every one, the money too. Summed per row, an order of three
items counted three times; the money is the order's once, shared evenly over its kept rows."""

from __future__ import annotations

import duckdb

from crm_core.workspace.sqlutil import qi

ONE_VALUE_SHARE = 0.95
"""The share of orders of several different products that must show one amount on every row."""
MIN_ORDERS = 5
"""Orders of several products the rule needs to see before it speaks (two can agree by chance)."""
SAMPLE_ROWS = 200_000
"""The first rows the rule reads: every view is built with it, and 3M lines need no more to tell."""


def repeated_order_total(con: duckdb.DuckDBPyConnection, table: str, amount: str | None, order: str | None,
                         product: str | None) -> int:
    """The orders of several different products whose ``amount`` column is one value on every row, when
    (nearly) every such order shows it so (0 otherwise): the amount is the order's, not a line's. A line
    amount differs between two products nearly always; equal lines (two loaves at $1.00) say nothing."""
    if not (amount and order and product):
        return 0
    money, key, item = qi(amount), qi(order), qi(product)
    orders, one = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE n = 1) FROM (SELECT count(DISTINCT {money}) AS n "
        f"FROM (SELECT {money}, {key}, {item} FROM {qi(table)} LIMIT {SAMPLE_ROWS}) "
        f"WHERE {money} IS NOT NULL GROUP BY {key} HAVING count(DISTINCT {item}) > 1)"
    ).fetchone()
    return orders if orders >= MIN_ORDERS and one >= ONE_VALUE_SHARE * orders else 0


def once_per_order_money(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                         amount: str) -> str:
    """The view's ``amount``, shared over the order's rows the view keeps when the amount column is the
    order's total written on each row (:func:`repeated_order_total`); the amount itself otherwise."""
    product = roles.get("product_id") or roles.get("product_name")
    if not repeated_order_total(con, table, roles.get("amount"), roles.get("order_id"), product):
        return amount
    return f"(({amount}) / count(*) OVER (PARTITION BY {qi(roles['order_id'])}))"


def order_total_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> dict[str, str]:
    """The load's note on an amount counted once per order ({} when the rule does not apply)."""
    product = roles.get("product_id") or roles.get("product_name")
    orders = repeated_order_total(con, table, roles.get("amount"), roles.get("order_id"), product)
    return {"column": roles["amount"], "orders": f"{orders:,}", "order": roles["order_id"]} if orders else {}
