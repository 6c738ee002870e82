"""Columns of a one-row-per-customer table that may say who left, named in the refusal that sends the
analyst to "From a column": Ghost's members carry ``deleted_at`` and Kit's subscribers their ``state``,
yet the refusal named none (judge69, walk37)."""

from __future__ import annotations

import re

import duckdb

from crm_core.customers.labels import parse_labels
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.workspace import store
from crm_core.workspace.role_names import is_temporal_type, name_candidates
from crm_core.workspace.sqlutil import qi

_LEFT_AT = re.compile(r"^(deleted|cancell?ed|churned|unsubscribed|ended|closed|left)[ _-]?(at|on|date|time)?$"
                      r"|^(删除|注销|退订|取消|流失)(时间|日期)$", re.IGNORECASE)
"""A date filled for who left (Ghost's ``deleted_at``); ``subscribed_to_emails`` is not one: it is true
for who stays, and a label reads true as churned."""
_STATE = re.compile(r"^((subscriber|member|subscription|account|customer)[ _-]?)?(state|status)$"
                    r"|^(会员|客户|订阅)?状态$", re.IGNORECASE)
"""A person's state on the list (Kit's ``state``: active, cancelled, cold …)."""
MAX_STATES = 12
"""More distinct values than a list has states: tags, free text or an id, no label."""


def leaving_columns(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> list[str]:
    """Columns whose header says who left: a leaving date, a churn label's header, a state of few values."""
    taken = {roles.get(r) for r in ("customer_id", "email", "name", "phone")}
    found = []
    for name, dtype in store.columns_of(con, table):
        if name in taken:
            continue
        dated = is_temporal_type(dtype) and _LEFT_AT.match(name.strip())
        stated = _STATE.match(name.strip()) or "label" in name_candidates(name)
        if dated or (stated and _reads_as_label(con, table, name)):
            found.append(name)
    return found


def _reads_as_label(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether --label-col would read the column: a few values, each saying left or stayed.
    企业微信's ``标签`` (the label role's header) holds tags (午餐常客;老客), a ``status`` VIP / 普通."""
    values = con.execute(f"SELECT DISTINCT CAST({qi(column)} AS VARCHAR) FROM {qi(table)} "
                         f"LIMIT {MAX_STATES + 1}").df().iloc[:, 0]
    if not 2 <= values.count() <= MAX_STATES:
        return False
    try:
        return parse_labels(values, column).nunique() == 2
    except CrmError:
        return False


def no_purchases(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> Sentence:
    """Churn from behaviour refused on a table with no purchases, naming the columns that may label it."""
    columns = leaving_columns(con, table, roles)
    if not columns:
        return Sentence("customers.error.no_purchases", table=table)
    return Sentence("customers.error.no_purchases_named", table=table,
                    columns=Listing(quoted_name(c) for c in columns))
