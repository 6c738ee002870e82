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

_TICKET_ID = re.compile(r"^(ticket|case|incident)[ _.-]?(id|no\.?|nr|number|#)$|^工单(编号|号|id)$",
                        re.IGNORECASE)
_HELP_DESK = re.compile(r"priority|assignee|agent|resolution|first[ _-]?response|\bsla\b"
                        r"|优先级|处理人|受理人|客服|解决时", re.IGNORECASE)
"""A field only a help desk writes beside its ticket id (a till's ``Ticket`` number is a receipt)."""


def ticket_log_columns(columns: list[str]) -> list[str]:
    """The ticket id and help-desk fields that make ``columns`` a ticket log, [] when they do not."""
    ids = [c for c in columns if _TICKET_ID.match(c.strip())]
    desk = [c for c in columns if _HELP_DESK.search(c.strip())]
    return [ids[0], *desk[:2]] if ids and desk else []


def refuse_ticket_log(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Raise, naming the commands that fit, when ``table`` is a ticket log (else nothing): called where
    money or a product is missing, so a table with either is never refused here."""
    said = ticket_log_columns([c for c, _ in store.columns_of(con, table)])
    if said:
        raise CrmError(Sentence("roles.need.ticket_log", table=table, columns=Listing(said)))
