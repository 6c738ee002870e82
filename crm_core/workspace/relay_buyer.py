"""Why an order export names no buyer when its phone is the platform's relay number (美团闪购's 收货人电话,
judge85): ``17023063797_1001`` is a pooled number and an extension lent for one order's delivery, written
beside masks (``187****4319``) and surnames (王**, 王先生). "No customer id column; mark one" invited that
column: taken as the customer, each order's new extension would be a new customer, each mask several."""

from __future__ import annotations

import duckdb

from crm_core import i18n
from crm_core.protect.relay_phone import relay_number
from crm_core.workspace.recipient import recipient_name
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.role_values import MASKED_SHARE
from crm_core.workspace.sqlutil import qi

RELAY_BUYER = "roles.need.relay_buyer"
SAMPLE = 2000


def relay_buyer(con: duckdb.DuckDBPyConnection, table: str,
                columns: list[tuple[str, str]]) -> i18n.Sentence | None:
    """The refusal for a phone column of relay numbers and masks with no whole recipient's name beside it
    (a whole name is the masked-phone refusal's offer), or None."""
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
