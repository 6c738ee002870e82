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
from crm_core.link import fields
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi, sql_str

KEY = "customer_key"


def rekey(con: duckdb.DuckDBPyConnection, table: str, identity: pd.DataFrame) -> store.TableInfo:
    """Write ``<table>_by_customer`` from ``table`` and an identity map (table, record_id, key)."""
    exports = identity["table"].drop_duplicates()
    ids = pd.DataFrame({"table": exports, "id_column": [_id_column(con, t) for t in exports]})
    with store.registered(con, identity[["table", "record_id", "customer_key"]]) as view, \
            store.registered(con, ids) as columns:
        return _write(con, table, view, columns)


def _id_column(con: duckdb.DuckDBPyConnection, export: str) -> str | None:
    """The id column the link read ``export`` by (None once the export is gone from the workspace)."""
    try:
        return fields.detect(con, export).id_column
    except CrmError:
        return None


def _write(con: duckdb.DuckDBPyConnection, table: str, identity: str, columns: str) -> store.TableInfo:
    roles = crm_roles.get_roles(con, table)
    customer = roles.get("customer_id")
    if not customer:
        raise CrmError(Sentence("roles.need.customer_rekey", table=table))
    if customer == KEY:
        raise CrmError(Sentence("link.error.already_keyed", table=table))
    own = f"CAST(t.{qi(customer)} AS VARCHAR)"
    sql = (f"SELECT t.*, coalesce(m.key, {own}) AS {qi(KEY)} FROM {qi(table)} t "
           f"LEFT JOIN ({_keys_of(table, customer, identity, columns)}) m ON m.record_id = {own}")
    return store.write_table(con, f"{table}_by_customer", sql, source=table, kind="derived", parent=table,
                             roles={**roles, "customer_id": KEY}, replace=True)


def _keys_of(table: str, customer: str, identity: str, columns: str) -> str:
    """Each of the log's ids with the customer of the export it belongs to: the log itself when
    it was linked, else the export whose id column has the log's header (会员卡号 in the till's
    log and its member file), else the one holding most of the log's ids. Two exports numbering
    their customers alike (web 1001, till card 1001: two people) gave a till log's 1001 whichever
    customer key sorted first. Ids unknown to every export stay themselves."""
    ids = f"SELECT DISTINCT CAST({qi(customer)} AS VARCHAR) AS record_id FROM {qi(table)}"
    return f"""
        WITH known AS (SELECT i."table", i.record_id, min(i.customer_key) AS key FROM {qi(identity)} i
                       SEMI JOIN ({ids}) l ON l.record_id = i.record_id GROUP BY ALL),
        held AS (SELECT k."table", count(*) AS n, any_value(c.id_column) = {sql_str(customer)} AS header
                 FROM known k JOIN {qi(columns)} c ON c."table" = k."table" GROUP BY k."table"),
        rank AS (SELECT "table", row_number() OVER (ORDER BY ("table" = {sql_str(table)}) DESC,
                                                    header DESC, n DESC, "table") AS r FROM held)
        SELECT record_id, arg_min(key, r) AS key FROM known JOIN rank USING ("table") GROUP BY ALL"""
