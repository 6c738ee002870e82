"""Count people, not accounts: a copy of a transaction table keyed by ``customer_key``.

``<table>_by_customer`` is the table plus a ``customer_key`` column (the linked customer of the
row's customer id, or the id itself when no export knew it), with the customer-id role moved to
that column, so segments, churn, spend and recommendations run on it unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.link import fields
from crm_core.link.fields import TableFields
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi, sql_str

if TYPE_CHECKING:
    from crm_core.link.run import LinkRun

KEY = "customer_key"


def rekey(con: duckdb.DuckDBPyConnection, table: str, run: LinkRun) -> store.TableInfo:
    """Write ``<table>_by_customer`` from ``table`` and a link run's identity map."""
    roles = crm_roles.get_roles(con, table)
    customer = roles.get("customer_id")
    if not customer:
        raise CrmError(Sentence("roles.need.customer_rekey", table=table))
    if customer == KEY:
        raise CrmError(Sentence("link.error.already_keyed", table=table))
    exports = run.scored.exports
    ids = pd.DataFrame({"table": [e.table for e in exports], "id_column": [e.id_column for e in exports]})
    own_export = next((e for e in exports if e.table == table), None)
    split = run.split_records()
    split = split[split["table"] == table]
    own = f"CAST(t.{qi(customer)} AS VARCHAR)"
    with store.registered(con, run.identity[["table", "record_id", "customer_key"]]) as view, \
            store.registered(con, ids) as columns, store.registered(con, split) as people:
        by_person = _people_of(own_export, people, own) if own_export and len(split) else ""
        sql = (f"SELECT t.*, coalesce({'p.key, ' if by_person else ''}m.key, {own}) AS {qi(KEY)} "
               f"FROM {qi(table)} t LEFT JOIN ({_keys_of(table, customer, view, columns)}) m "
               f"ON m.record_id = {own}{by_person}")
        return store.write_table(con, f"{table}_by_customer", sql, source=table, kind="derived", parent=table,
                                 roles={**roles, "customer_id": KEY}, replace=True)


def _people_of(export: TableFields, split: str, own: str) -> str:
    """A linked log's rows under an id split into people (:mod:`crm_core.link.shared_ids`) take
    the customer of the record holding their name and phone: the id's key alone gave both
    households' orders to one of them."""
    name, phone = (fields.raw_sql(export, f, "t.") for f in ("name", "phone"))
    return (f" LEFT JOIN (SELECT record_id, name_raw, phone_raw, min(customer_key) AS key FROM {qi(split)} "
            f"GROUP BY ALL) p ON p.record_id = {own} AND p.name_raw IS NOT DISTINCT FROM {name} "
            f"AND p.phone_raw IS NOT DISTINCT FROM {phone}")


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
