"""The buying firm of a B2B order export over its contact's phone (judge93). 红圈CRM's 订单导出 writes
客户名称 (苏州白云贸易有限公司) beside the firm's 联系人 and 联系电话; a phone is one person, but a firm has
several contacts and a platform masks some numbers (``138****1234``), so keyed by the phone one firm was
two or three customers (114 of 58 firms)."""

from __future__ import annotations

import duckdb

from crm_core.protect.work_kinds import is_firm
from crm_core.workspace.role_values import Evidence
from crm_core.workspace.sqlutil import qi

_OVER_NAME = {"phone_over_name": "phone", "email_over_name": "email"}
FIRMS_SHARE = 0.8
"""Share of a name column's values that must read as firms for the firm to be the customer."""


def over_contact(con: duckdb.DuckDBPyConnection, table: str, found: dict, masked: dict[str, str]) -> None:
    """Make the name column the customer again where a contact's phone or e-mail took its place and
    the names are firms (masked as companies at load, else read as firms); the contact stays a contact."""
    key = found.get("customer_id")
    over = next(((k, v) for k, v in key[1].items if k in _OVER_NAME), None) if key else None
    if over is None:
        return
    name = over[1]["name"]
    if masked.get(name) == "company" or _reads_as_firms(con, table, name):
        found[_OVER_NAME[over[0]]] = (key[0], Evidence().add("firm_contact", column=key[0], name=name))
        found["customer_id"] = (name, Evidence().add("firm_over_contact", column=name, contact=key[0]))


def _reads_as_firms(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    names = [v for (v,) in con.execute(f"SELECT DISTINCT CAST({qi(column)} AS VARCHAR) FROM {qi(table)} "
                                       f"WHERE {qi(column)} IS NOT NULL LIMIT 500").fetchall()]
    return bool(names) and sum(is_firm(v.strip()) for v in names) >= FIRMS_SHARE * len(names)
