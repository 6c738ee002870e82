"""Why an order export names no buyer when its phone is the platform's relay number (美团闪购's 收货人电话,
judge85): ``17023063797_1001`` is a pooled number and an extension lent for one order's delivery, written
beside masks (``187****4319``) and surnames (王**, 王先生). "No customer id column; mark one" invited that
column: taken as the customer, each order's new extension would be a new customer, each mask several."""

from __future__ import annotations

import json

import duckdb

from crm_core import i18n
from crm_core.protect.relay_phone import relay_number, shown_relay
from crm_core.workspace import store
from crm_core.workspace.recipient import recipient_name
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.role_values import MASKED_SHARE
from crm_core.workspace.sqlutil import qi

RELAY_BUYER = "roles.need.relay_buyer"
SAMPLE = 2000


def relay_buyer(con: duckdb.DuckDBPyConnection, table: str,
                columns: list[tuple[str, str]]) -> i18n.Sentence | None:
    """The refusal for a phone column of relay numbers and masks with no whole recipient's name beside it
    (a whole name is the masked-phone refusal's offer), or None; on a masked load the one it recorded."""
    recorded = _recorded(con, table)
    if recorded.get("column") in dict(columns):
        return i18n.Sentence(RELAY_BUYER, table=table, **recorded)
    for column, dtype in columns:
        if dtype != "VARCHAR" or "phone" not in name_candidates(column):
            continue
        values = _filled(con, table, column)
        relayed = [v for v in values if relay_number(v)]
        hidden = len(relayed) + sum("*" in v for v in values)
        if relayed and hidden >= MASKED_SHARE * len(values) and not recipient_name(con, table, columns):
            return i18n.Sentence(RELAY_BUYER, table=table, column=column, example=relayed[0])
    return None


def _filled(con: duckdb.DuckDBPyConnection, table: str, column: str) -> list[str]:
    """The column's first filled values, trimmed."""
    text = f"trim(CAST({qi(column)} AS VARCHAR))"
    return [r[0] for r in con.execute(f"SELECT {text} FROM {qi(table)} WHERE nullif({text}, '') IS NOT NULL "
                                      f"LIMIT {SAMPLE}").fetchall()]


def at_stage(con: duckdb.DuckDBPyConnection, stage: str, staged: list[str], names: list[str],
             exprs: list[str]) -> dict[str, str]:
    """The refusal's column and example (masked) from a load's staging table, read before its masking,
    for the catalogue; empty when it names a buyer."""
    view = f"{stage}_relay"
    said = ", ".join(f"CAST(({e}) AS VARCHAR) AS {qi(n)}" for e, n in zip(exprs, names, strict=True))
    con.execute(f"CREATE OR REPLACE TEMP VIEW {qi(view)} AS SELECT {said} FROM {qi(stage)}")
    try:
        found = relay_buyer(con, view, [(n, "VARCHAR") for n in names])
    finally:
        con.execute(f"DROP VIEW IF EXISTS {qi(view)}")
    if not found:
        return {}
    return {"column": found.values["column"], "example": shown_relay(found.values["example"])}


def _recorded(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """What a masked load recorded of :func:`at_stage` (column, example), or nothing."""
    row = con.execute(f"SELECT params FROM {store.META}.catalog WHERE name = ?", [table]).fetchone()
    try:
        return dict(json.loads(row[0]).get("relay_buyer") or {}) if row and row[0] else {}
    except (ValueError, AttributeError):
        return {}
