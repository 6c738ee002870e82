"""Count people, not accounts: a copy of a transaction table keyed by ``customer_key``.

``<table>_by_customer`` is the table plus a ``customer_key`` column (the linked customer of the
row's customer id, or the id itself when no export knew it), with the customer-id role moved to
that column, so segments, churn, spend and recommendations run on it unchanged.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

KEY = "customer_key"


def rekey(con: duckdb.DuckDBPyConnection, table: str, identity: pd.DataFrame) -> store.TableInfo:
    """Write ``<table>_by_customer`` from ``table`` and an identity map (table, record_id, key)."""
    with store.registered(con, identity[["record_id", "customer_key"]]) as view:
        return _write(con, table, view)


def _write(con: duckdb.DuckDBPyConnection, table: str, identity: str) -> store.TableInfo:
    roles = crm_roles.get_roles(con, table)
    customer = roles.get("customer_id")
    if not customer:
        raise CrmError(Sentence("roles.need.customer_rekey", table=table))
    if customer == KEY:
        raise CrmError(Sentence("link.error.already_keyed", table=table))
    # an id found in several exports maps to one key when linked; ids unknown to every export stay
    sql = (f"SELECT t.*, coalesce(m.key, CAST(t.{qi(customer)} AS VARCHAR)) AS {qi(KEY)} "
           f"FROM {qi(table)} t LEFT JOIN (SELECT record_id, min(customer_key) AS key FROM {qi(identity)} "
           f"GROUP BY record_id) m ON m.record_id = CAST(t.{qi(customer)} AS VARCHAR)")
    return store.write_table(con, f"{table}_by_customer", sql, source=table, kind="derived", parent=table,
                             roles={**roles, "customer_id": KEY}, replace=True)
