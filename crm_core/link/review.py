"""The analyst's confirm/reject decisions on record pairs, kept in the workspace.

A decision names both records by (table, record id), not by row position, so it survives a
reload of the exports and is reapplied on every later run: a confirmed pair is linked whatever
its score, a rejected one never — not even through a third record linked to both.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.workspace import store

DECISIONS = f"{store.META}.link_decisions"
CHOICES = ("confirm", "reject")
_DDL = f"""CREATE TABLE IF NOT EXISTS {DECISIONS} (
    left_table VARCHAR, left_id VARCHAR, right_table VARCHAR, right_id VARCHAR,
    decision VARCHAR, decided_by VARCHAR, decided_at TIMESTAMP,
    PRIMARY KEY (left_table, left_id, right_table, right_id))"""


def _ordered(left: tuple[str, str], right: tuple[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    return (left, right) if left <= right else (right, left)


def decide(con: duckdb.DuckDBPyConnection, left: tuple[str, str], right: tuple[str, str],
           decision: str, user: str = "local") -> None:
    """Record (or replace) the decision on one pair; ``decision`` is confirm, reject or undo."""
    if decision not in (*CHOICES, "undo"):
        raise CrmError(Sentence("link.error.decision", choices=", ".join(CHOICES), decision=decision))
    (lt, li), (rt, ri) = _ordered((str(left[0]), str(left[1])), (str(right[0]), str(right[1])))
    con.execute(_DDL)
    with store.transaction(con):
        con.execute(f"DELETE FROM {DECISIONS} WHERE left_table = ? AND left_id = ? AND right_table = ? "
                    "AND right_id = ?", [lt, li, rt, ri])
        if decision != "undo":
            con.execute(f"INSERT INTO {DECISIONS} VALUES (?, ?, ?, ?, ?, ?, now()::TIMESTAMP)",
                        [lt, li, rt, ri, decision, user])


def decisions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every kept decision (left/right table and id, decision), ordered pairs."""
    con.execute(_DDL)
    return con.execute(f"SELECT left_table, left_id, right_table, right_id, decision, decided_by, "
                       f"decided_at FROM {DECISIONS} ORDER BY decided_at").df()
