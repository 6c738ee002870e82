"""Column roles: which column is the customer id, the date, the amount …

Proposed from header names (English and 中文) and confirmed by the values; the analyst's
corrections are stored with the table in the workspace and win over detection.
"""

from __future__ import annotations

import re

import duckdb

from crm_core.errors import CrmError
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

ROLES: tuple[str, ...] = (
    "customer_id", "order_id", "date", "amount", "quantity", "unit_price", "product_id",
    "product_name", "description", "category", "label", "email", "phone", "name",
)
"""Every role a column can play; pages offer these in this order."""

_ID = r"(id|no|nr|num|number|code|key|编号|编码|号|代码|ID)"
_NAME_PATTERNS: dict[str, str] = {
    "customer_id": rf"^(customer|cust|client|member|user|household|account|buyer|shopper)[ _.-]?{_ID}$"
    r"|^(customer|client|member|household|user)$|^(hshd|cust|household_key)$"
    r"|^(客户|顾客|会员|用户|买家)(id|ID|编号|号|代码|卡号)?$",
    "order_id": rf"^(order|invoice|transaction|trans|txn|receipt|basket|bill|ticket)[ _.-]?{_ID}$"
    r"|^(订单|单据|交易|发票|小票)(号|编号|id|ID)?$|^(invoice|order|basket_id)$",
    "date": r"(^|[ _.-])(date|datetime|timestamp|time|day|dt)($|[ _.-])"
    r"|^(invoice|order|purchase|transaction|txn)[ _.-]?(date|time)|日期|时间|下单",
    "amount": r"^(amount|revenue|sales|total|spend|sum|value|price_total|line_total|total_price|"
    r"sales_amount|net_sales|gross_sales|weekly_sales|spend_amount|monetary|sales_value)$"
    r"|金额|销售额|消费|营业额|总价|实付",
    "quantity": r"^(qty|quantity|units|count|volume|pieces|amount_units|num_items)$|数量|件数|销量",
    "unit_price": r"^(unit[ _.-]?price|price|unitprice|price_each|list_price)$|单价|价格|售价",
    "product_id": rf"^(product|item|sku|article|stock|prod|goods|material|upc)[ _.-]?{_ID}$"
    r"|^(sku|stockcode|upc|product|item)$|^(商品|产品|货品)(id|ID|编号|编码|代码|号)$",
    "product_name": r"^(product|item|goods)[ _.-]?(name|title)$|^(商品|产品|货品)(名称|名)?$",
    "description": r"desc|description|details|text|描述|说明|详情",
    "category": r"^(category|cat|department|dept|class|segment_name|product_category|type|"
    r"commodity|sub_commodity)$|类别|分类|品类|类目",
    "label": r"^(churn|churned|label|target|exited|attrition|is_churn|left|y)$|流失|标签",
    "email": r"e[-_ ]?mail|邮箱|邮件",
    "phone": r"phone|mobile|tel|cell|电话|手机|联系方式",
    "name": r"^(name|full[ _]?name|customer[ _]?name|first[ _]?name|last[ _]?name|contact)$"
    r"|^(姓名|名字|客户名称|联系人)$",
}
_COMPILED = {role: re.compile(p, re.IGNORECASE) for role, p in _NAME_PATTERNS.items()}

_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "DOUBLE", "FLOAT", "DECIMAL",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "REAL")


def is_numeric_type(dtype: str) -> bool:
    """Whether a DuckDB type name is a number type."""
    return dtype.upper().startswith(_NUMERIC)


def is_temporal_type(dtype: str) -> bool:
    """Whether a DuckDB type name is a date or timestamp."""
    return dtype.upper().startswith(("DATE", "TIMESTAMP"))


_CAMEL_DATE = re.compile(r"[a-z](Date|Time|DT|Dt)$")


def name_candidates(column: str) -> list[str]:
    """Roles whose header pattern matches this column name, most specific first."""
    norm = column.strip()
    found = [role for role, rx in _COMPILED.items() if rx.search(norm)]
    if _CAMEL_DATE.search(norm) and "date" not in found:
        found.insert(0, "date")
    return found


def _fits(role: str, dtype: str, stats: dict) -> bool:
    """Whether the column's type and values are plausible for the role."""
    if role in ("amount", "quantity", "unit_price"):
        return is_numeric_type(dtype) or stats["numeric_share"] >= 0.9
    if role == "date":
        return is_temporal_type(dtype) or stats["date_share"] >= 0.9 or (
            is_numeric_type(dtype) and not dtype.upper().startswith(("DOUBLE", "FLOAT")))
    if role == "email":
        return stats["email_share"] >= 0.5
    if role in ("name", "product_name", "description", "category"):
        return stats["email_share"] < 0.5 and stats["numeric_share"] < 0.5
    if role in ("customer_id", "order_id", "product_id"):
        return not is_temporal_type(dtype)
    return True


def _column_stats(con: duckdb.DuckDBPyConnection, table: str, column: str) -> dict:
    """Shares of sampled values that look numeric, like dates or like emails."""
    col = f"CAST({qi(column)} AS VARCHAR)"
    row = con.execute(
        f"""SELECT avg(CASE WHEN regexp_full_match(trim({col}), '[-+]?[\\d.,]+') THEN 1 ELSE 0 END),
                   avg(CASE WHEN try_cast({col} AS TIMESTAMP) IS NOT NULL THEN 1 ELSE 0 END),
                   avg(CASE WHEN regexp_full_match(trim({col}), '[^@\\s]+@[^@\\s]+\\.[a-zA-Z]+')
                       THEN 1 ELSE 0 END),
                   avg(CASE WHEN regexp_full_match(trim({col}), '(19|20)\\d\\d(0[1-9]|1[0-2])[0-3]\\d')
                       THEN 1 ELSE 0 END)
            FROM (SELECT {qi(column)} FROM {qi(table)} WHERE {qi(column)} IS NOT NULL LIMIT 2000)
            AS {qi(column)}"""
    ).fetchone()
    return {"numeric_share": row[0] or 0, "date_share": row[1] or 0, "email_share": row[2] or 0,
            "compact_date_share": row[3] or 0}


def detect_roles(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Propose role → column for a table from its header names, checked against values.

    Each role goes to at most one column and each column to at most one role; the first
    column (in table order) that fits wins, so ``InvoiceDate`` beats a later ``ShipDate``.
    """
    columns = store.columns_of(con, table)
    found: dict[str, str] = {}
    taken: set[str] = set()
    for role in ROLES:
        for column, dtype in columns:
            if column in taken or role not in name_candidates(column):
                continue
            if _fits(role, dtype, _column_stats(con, table, column)):
                found[role] = column
                taken.add(column)
                break
    if "email" not in found:
        _detect_email_by_values(con, table, columns, taken, found)
    if "name" in found and "product_id" in found and "customer_id" not in found:
        found.setdefault("product_name", found.pop("name"))
    if all(_GENERIC.match(c) for c, _ in columns):
        _detect_headerless(con, table, columns, found)
    return found


_GENERIC = re.compile(r"^column_\d+$")


def _detect_headerless(con, table, columns, found) -> None:
    """Roles for a file without a header (aligned research logs: id, date, quantity, amount).

    Only values speak here: a repeated text or integer column is the customer, a date-typed
    or YYYYMMDD column the date, the last decimal column the amount, an integer the quantity.
    """
    taken = set(found.values())
    for column, dtype in columns:
        if column in taken:
            continue
        stats = _column_stats(con, table, column)
        if "date" not in found and (is_temporal_type(dtype) or stats["compact_date_share"] == 1):
            found["date"] = column
        elif "customer_id" not in found and not dtype.upper().startswith(("DOUBLE", "FLOAT")):
            found["customer_id"] = column
        elif dtype.upper().startswith(("DOUBLE", "FLOAT", "DECIMAL")):
            found["amount"] = column
        elif is_numeric_type(dtype) and "quantity" not in found:
            found["quantity"] = column
        else:
            continue
        taken.add(column)


def _detect_email_by_values(con, table, columns, taken, found) -> None:
    for column, dtype in columns:
        if (column not in taken and dtype.upper() == "VARCHAR"
                and _column_stats(con, table, column)["email_share"] >= 0.8):
            found["email"] = column
            return


def get_roles(
    con: duckdb.DuckDBPyConnection, table: str, overrides: dict[str, str | None] | None = None
) -> dict[str, str]:
    """The roles to use for a table: saved mapping (else detection), then explicit overrides.

    Overrides come from CLI flags such as ``--customer-col``; an unknown column is an error
    that names the table's columns.
    """
    store.require_table(con, table)
    roles = store.saved_roles(con, table)
    if roles is None:
        roles = detect_roles(con, table)
    known = [c for c, _ in store.columns_of(con, table)]
    for role, column in (overrides or {}).items():
        if not column:
            continue
        if column not in known:
            raise CrmError(
                f"Table '{table}' has no column '{column}' (for {role}); columns are: "
                + ", ".join(known[:40])
            )
        roles = {r: c for r, c in roles.items() if c != column}
        roles[role] = column
    return roles


def column_overview(con: duckdb.DuckDBPyConnection, table: str):
    """One row per column: name, type, current role, missing share and an example value.

    Computed in one SQL pass so it stays quick on large tables.
    """
    import pandas as pd

    columns = store.columns_of(con, table)
    current = {c: r for r, c in get_roles(con, table).items()}
    parts = ", ".join(
        f"avg(CASE WHEN {qi(c)} IS NULL THEN 1.0 ELSE 0.0 END), "
        f"CAST(any_value({qi(c)}) AS VARCHAR)" for c, _ in columns
    )
    row = con.execute(f"SELECT {parts} FROM {qi(table)}").fetchone() if columns else ()
    return pd.DataFrame({
        "column": [c for c, _ in columns],
        "type": [t for _, t in columns],
        "role": [current.get(c, "") for c, _ in columns],
        "missing": [float(row[2 * i] or 0.0) for i in range(len(columns))],
        "example": [(row[2 * i + 1] or "")[:80] for i in range(len(columns))],
    })
