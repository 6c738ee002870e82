"""The recipient as the buyer: an export that names no buyer and masks its only phone (唯品会's and
拼多多's 手机号 ``138****1234``) still names whoever signed for each parcel in full (收货人 朱军平). Every
analysis was refused; the analyst expects the recipients as the customers, told who they are: the
one who signed, not always who ordered, and two recipients of one name count as one (left60)."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Sentence
from crm_core.workspace import store
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.role_values import Evidence, masked_values, says_nobody
from crm_core.workspace.sqlutil import qi

RECIPIENT = re.compile(r"收(货|件)人|recipient|consignee|ship[ _-]?to", re.IGNORECASE)


def masked_phone(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]) -> str | None:
    """The phone column whose values are masked by the system that exported them, or None."""
    return next((c for c, dtype in columns if dtype == "VARCHAR" and "phone" in name_candidates(c)
                 and says_nobody(con, table, c)), None)


def recipient_name(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]) -> str | None:
    """A recipient's name shown whole (拼多多's 收货人 张强瑞), another way to say who bought beside a
    masked phone; None when there is none or it is masked too (高**, judge20)."""
    return next((c for c, dtype in columns if dtype == "VARCHAR" and RECIPIENT.search(c)
                 and "name" in name_candidates(c) and not says_nobody(con, table, c)), None)


def buyer(con: duckdb.DuckDBPyConnection, table: str, found: dict) -> tuple[str, Evidence] | None:
    """(the recipient's column, why) as the customer when nothing else names the buyer, else None."""
    if "customer_id" in found:
        return None
    columns = store.columns_of(con, table)
    phone = masked_phone(con, table, columns)
    name = phone and recipient_name(con, table, columns)
    return (name, Evidence().add("recipient_buyer", column=name, phone=phone)) if name else None


def recipient_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> Sentence | None:
    """The load note saying the customers are the recipients, and what that costs; None otherwise."""
    columns = store.columns_of(con, table)
    name = roles.get("customer_id")
    phone = masked_phone(con, table, columns) if name and RECIPIENT.search(name) else None
    if not phone or name != recipient_name(con, table, columns):
        return None
    names = con.execute(f"SELECT count(DISTINCT {qi(name)}) FROM {qi(table)}").fetchone()[0]
    return Sentence("load.note.recipient_as_buyer", table=table, column=name, phone=phone,
                    example=masked_values(con, table, phone)[1], names=f"{names:,}")
