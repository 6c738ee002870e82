"""A help desk's ticket export, named in the refusals of what needs money or a product.

Freshdesk's tickets (judge31) have ``Resolution time (in hrs)`` for numbers and ``Subject`` for a text with
few values: spend offered the duration as the amount, recommend and basket the subject as what was bought.
A ticket log has neither; the refusal says what the table is and which commands read it."""

from __future__ import annotations

import re

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

_TICKET_ID = re.compile(r"^(ticket|case|incident)[ _.-]?(id|no\.?|nr|number|#)$|^工单(编号|号|id)$",
                        re.IGNORECASE)
_HELP_DESK = re.compile(r"priority|assignee|agent|resolution|first[ _-]?response|\bsla\b"
                        r"|优先级|处理人|受理人|客服|解决时", re.IGNORECASE)
"""A field only a help desk writes beside its ticket id (a till's ``Ticket`` number is a receipt)."""
_BARE_ID = re.compile(r"^(conversation[ _.-]?)?id$", re.IGNORECASE)
_STATE = re.compile(r"^(conversation[ _.-]?)?state$", re.IGNORECASE)
CONVERSATION_STATES = ("open", "closed", "snoozed")
"""Intercom's conversation states: ``snoozed`` is its own (a ticket is pending or on hold)."""


def ticket_log_columns(columns: list[str]) -> list[str]:
    """The ticket id and help-desk fields that make ``columns`` a ticket log, [] when they do not."""
    ids = [c for c in columns if _TICKET_ID.match(c.strip())]
    desk = [c for c in columns if _HELP_DESK.search(c.strip())]
    return [ids[0], *desk[:2]] if ids and desk else []


def conversation_log_columns(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> list[str]:
    """The id, state and help-desk field of an Intercom conversation export, [] otherwise: its id is a bare
    ``id``, so the state's values (``snoozed`` beside open and closed) say what the table is (judge33)."""
    ids = [c for c in columns if _BARE_ID.match(c.strip())]
    states = [c for c in columns if _STATE.match(c.strip())]
    desk = [c for c in columns if _HELP_DESK.search(c.strip())]
    if not (ids and states and desk):
        return []
    state = f"lower(trim(CAST({qi(states[0])} AS VARCHAR)))"
    found = {v for (v,) in con.execute(f"SELECT DISTINCT {state} FROM {qi(table)} WHERE {state} <> '' "
                                       f"LIMIT {len(CONVERSATION_STATES) + 1}").fetchall()}
    intercom = "snoozed" in found and found <= set(CONVERSATION_STATES)
    return [ids[0], states[0], desk[0]] if intercom else []


def ticket_log_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The columns that make ``table`` a help desk's ticket or conversation log, [] when it is none."""
    names = [c for c, _ in store.columns_of(con, table)]
    return ticket_log_columns(names) or conversation_log_columns(con, table, names)


def refuse_ticket_log(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Raise, naming the commands that fit, when ``table`` is a ticket log (else nothing): called where
    money or a product is missing, so a table with either is never refused here."""
    said = ticket_log_of(con, table)
    if said:
        raise CrmError(Sentence("roles.need.ticket_log", table=table, columns=Listing(said)))
