"""Order numbers compared across exports: a shop's payment bill names the order it paid. 微信支付's 交易账单
and 支付宝's 账务明细 carry the 微店 订单号 as 商户订单号, PayPal's activity an eBay or Etsy order under
``Invoice Number`` (judge28, judge29). One order has one buyer, so a payment naming it is that buyer's,
whatever the names or masked phones say; main refused the 微信 bill, which holds no name, phone or e-mail.

The column is found by its values, not its header: most of its distinct values are another export's order
ids (the saved ``order_id`` role). A bill's row that is no payment of a buyer names the order too — 支付宝's
服务费 under its own account, a refund, PayPal's conversions — and its order number is not read there."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from crm_core.link import fields, normalise
from crm_core.link.fields import TableFields
from crm_core.workspace import store
from crm_core.workspace.bill_types import shop_money_tests
from crm_core.workspace.ledger import not_sales_tests
from crm_core.workspace.refund_rows import refund_row_sql
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import STATUS

MOST = 0.5
"""Share of a column's distinct values that must be another export's order ids."""
MIN_ORDERS = 20
"""Order ids a column must share at least: a handful in common is chance."""
MIN_LENGTH = 6
"""Characters an order number has at least to count: two exports numbering 1…N (a shop's first orders,
a list's rows, quantities) share short numbers that are no one's order."""


def with_order_numbers(con, tables: list[str]) -> list[TableFields]:
    """Each export's fields (:func:`fields.detect`), with ``order_no`` where its column holds another
    export's order ids or its order ids are held by another's column (:func:`order_columns`)."""
    found = order_columns(con, tables)
    return [_named_ids(con, fields.detect(con, t, order=found.get(t))) for t in tables]


def _named_ids(con, tf: TableFields) -> TableFields:
    """An export of orders keyed by its payers' names (支付宝's 对方名称, the saved customer id): its records
    are no one person by id. 王伟 paid for 25 buyers of 微店 in judge29's ledger, and read as one id, her
    orders made them one customer; compared as names too, a payer's refund joined namesakes (50 keys mixing
    buyers), so the order numbers speak alone."""
    if not (tf.columns.get("order_no") and tf.id_column) or tf.id_column in tf.columns.values() \
            or not fields.holds_names(con, tf.table, tf.id_column):
        return tf
    return replace(tf, named_ids=True)


def apart_by_id(records: pd.DataFrame, exports: list[TableFields]) -> pd.DataFrame:
    """``records`` (with ``piece``, :func:`crm_core.link.shared_ids.pieces`) where a record of an export
    whose ids are names is a piece of its own."""
    named = records["src"].isin([e.table for e in exports if e.named_ids]).to_numpy()
    return records.assign(piece=np.where(named, records["rid"].to_numpy(), records["piece"].to_numpy()),
                          shared=np.where(named, -1, records["shared"].to_numpy()))


def order_columns(con, tables: list[str]) -> dict[str, tuple[str, str]]:
    """Per export, its order-number column and the SQL test of rows whose number names no buyer ("" when
    every row's does): the column of one export whose values are mostly another's order ids, and that
    other export's order-id column."""
    found: dict[str, tuple[str, str]] = {}
    for table, (column, other, order) in references(con, tables).items():
        found[table] = (column, not_the_buyers(con, table))
        found.setdefault(other, (order, ""))
    return found


def references(con, tables: list[str]) -> dict[str, tuple[str, str, str]]:
    """Per export with a column of another export's order ids (:func:`_referring`): that column, the other
    export and its order-id column. One order-number column each, the surest first: judge29's 微店 orders
    are mostly (57%) numbers 微信's bill names, the bill's all 微店's, and listed first, 微店 was read as
    naming the bill's orders (the bill's refund rows then named their orders too)."""
    ids = {t: role for t in tables if (role := (store.saved_roles(con, t) or {}).get("order_id"))
           and role in dict(store.columns_of(con, t))}  # a table written back without it keeps the role
    hits = [(share, table, column, other, ids[other]) for table in tables for other in ids if other != table
            for share, column in [_referring(con, table, other, ids[other])] if column]
    found: dict[str, tuple[str, str, str]] = {}
    named: set[str] = set()
    for _, table, column, other, order in sorted(hits, key=lambda hit: -hit[0]):
        if table not in named:
            found[table] = (column, other, order)
            named |= {table, other}
    return found


def _referring(con, table: str, other: str, order: str) -> tuple[float, str | None]:
    """``table``'s first column whose distinct values are mostly ``other``'s order ids (``MOST``), at
    least ``MIN_ORDERS`` of them, and the share that are."""
    ids = f"SELECT DISTINCT {_number(order)} AS v FROM {qi(other)}"
    for column, dtype in store.columns_of(con, table):
        if dtype != "VARCHAR" and not is_numeric_type(dtype):
            continue
        values, shared = con.execute(f"""
            SELECT count(*), count(*) FILTER (WHERE v IN ({ids})) FROM (
                SELECT DISTINCT {_number(column)} AS v FROM {qi(table)}) WHERE v IS NOT NULL""").fetchone()
        if shared >= MIN_ORDERS and shared > MOST * values:
            return shared / values, column
    return 0.0, None


def _number(column: str) -> str:
    """An order number as the link compares it (no spaces, dashes or leading zeros; ``MIN_LENGTH`` long)."""
    code = normalise.postcode_sql(f"CAST({qi(column)} AS VARCHAR)")
    return f"CASE WHEN length({code}) >= {MIN_LENGTH} THEN {code} END"


def not_the_buyers(con, table: str) -> str:
    """SQL true on a row of ``table`` that is no payment of the order's buyer: the shop's own money (a
    fee, a withdrawal), a ledger's row that is not a customer's payment, a refund row."""
    columns = store.columns_of(con, table)
    tests = [*shop_money_tests(columns, table), *not_sales_tests(columns, table),
             refund_row_sql(columns, STATUS)]
    return " OR ".join(f"coalesce({test}, false)" for test in tests if test)
