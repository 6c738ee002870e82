"""Accounting systems' invoice states, read only where a status column holds one system's states alone."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

_STATE_HEADER = re.compile(r"status|state|状态", re.IGNORECASE)

XERO = ("draft", "submitted", "authorised", "paid", "voided", "deleted")
"""Xero's invoice states: ``AUTHORISED`` (approved, awaiting payment) and ``PAID`` are sales; ``DRAFT`` and
``VOIDED`` are no sale anywhere (``transactions.CANCELLED``)."""
XERO_NOT_SALES = ("submitted", "deleted")
"""``SUBMITTED`` waits for approval and ``DELETED`` was a draft thrown away (judge31): no sale, but only
under Xero's own states (``submitted`` is an order placed in other systems)."""
XERO_MARKER = ("authorised",)
"""The state only Xero writes (British spelling), which says the column is Xero's."""
XERO_LEFT_OUT = ("draft", "submitted", "voided", "deleted")
"""Xero's states that are no sale, in the order the load note names them."""


def xero_left_out(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, list[str]] | None:
    """The status column holding Xero's states alone and the no-sale states it has, None when no column
    does: the rows it leaves out are invoices, and the note names them by their states, as an accountant
    looks for them ("draft, submitted, voided invoices", not "cancelled … orders and bookings")."""
    for name, dtype in store.columns_of(con, table):
        if dtype != "VARCHAR" or not _STATE_HEADER.search(name):
            continue
        state = f"nullif(lower(trim({qi(name)})), '')"  # 7 states would be one beyond Xero's 6
        found = {v for (v,) in con.execute(f"SELECT DISTINCT {state} FROM {qi(table)} "
                                           f"WHERE {state} IS NOT NULL LIMIT 7").fetchall()}
        if found <= set(XERO) and found & set(XERO_MARKER):
            return name, [state for state in XERO_LEFT_OUT if state in found]
    return None


def invoices_note(con: duckdb.DuckDBPyConnection, table: str, count: str) -> Sentence | None:
    """The note on the rows a Xero status leaves out (:func:`xero_left_out`), None for other tables."""
    found = xero_left_out(con, table)
    if not found or not found[1]:
        return None
    states = Listing([Sentence(f"load.invoice_state.{state}") for state in found[1]])
    return Sentence("load.note.cancelled_invoices", count=count, states=states, column=found[0])
