"""An order's freight beside line prices (1688's 运费(元), 楽天's 送料): where the money is the goods, unit
price × quantity, the freight is in no spend or revenue. That is what a seller reads as sales (the freight
goes on to the carrier), but one reading 实付款 sees about 5 % less than paid (judge65): the load says so."""

from __future__ import annotations

import re

import duckdb

from crm_core.report import format as fmt
from crm_core.workspace import store, transactions
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi

_FREIGHT = re.compile(r"运费|運費|邮费|送料|freight|shipping|postage|ongkir", re.IGNORECASE)
_NOT_FEE = re.compile(r"weight|重量|date|time|days|tax|税|zip|code", re.IGNORECASE)
"""A shipping header that names no fee: a parcel's weight, a date, a tax on the freight."""


def freight_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> dict[str, str]:
    """The load's note on the freight of the orders kept ({} when the money is an amount column, which may
    hold the freight, or when no kept order paid any); an order's freight counts once, not once per row."""
    order, price, quantity = roles.get("order_id"), roles.get("unit_price"), roles.get("quantity")
    columns = store.columns_of(con, table)
    freight = next((c for c, dtype in columns if _FREIGHT.search(c) and not _NOT_FEE.search(c)
                    and is_numeric_type(dtype)), None)
    if roles.get("amount") or not (order and price and quantity and freight):
        return {}
    gone = transactions.cancelled_sql(columns, table, None, order)
    kept = f"WHERE NOT coalesce({gone}, false)" if gone else ""
    orders, total = con.execute(
        f"SELECT count(*), sum(f) FROM (SELECT max({qi(freight)}) AS f FROM {qi(table)} {kept} "
        f"GROUP BY {qi(order)}) WHERE f > 0").fetchone()
    if not orders:
        return {}
    money = fmt.money(total, fmt.table_currency(con, table))
    return {"column": freight, "money": money, "count": f"{orders:,}", "price": price, "quantity": quantity}
