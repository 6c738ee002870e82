"""One system's order or invoice states (WooCommerce, Chargebee, Xero), read only where a status column
holds that system's states alone: ``pending`` or ``submitted`` mean other things elsewhere."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.events import listed, present
from crm_core.workspace.sqlutil import qi

WOOCOMMERCE = ("pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed",
               "checkout-draft", "pending payment", "on hold", "draft")  # slugs, then labels
WOO_ONLY = ("processing", "on-hold", "on hold")
"""WooCommerce's order states: a status holding only these (and one only an order has, ``processing``
or ``on-hold``) is its orders', so ``pending`` and ``on-hold`` (a bank transfer awaited) are unpaid."""
CHARGEBEE_UNPAID = ("posted", "payment_due", "not_paid", "pending")
"""Chargebee's invoice states that are no money received (``posted`` waits for its due date,
``payment_due`` is being retried, ``not_paid`` failed for good, ``pending`` is not yet closed);
the others are ``paid`` and ``voided``."""
STATUS = re.compile(r"^(financial|payment|order|transaction|charge|booking|reservation|appointment)?"
                    r"[ _-]?status$|^(订单|交易|支付|付款|当前|售后|退款|预约|预订|预定)?状态$",
                    re.IGNORECASE)
"""A header naming an order's, payment's or booking's status: the one pattern the rules that leave rows
out, their notes (:func:`xero_left_out`) and the link's refund rows read (``transactions.STATUS``)."""

XERO = ("draft", "submitted", "authorised", "paid", "voided", "deleted")
"""Xero's invoice states: ``AUTHORISED`` (approved, awaiting payment) and ``PAID`` are sales; ``DRAFT`` and
``VOIDED`` are no sale anywhere (``transactions.CANCELLED``)."""
XERO_NOT_SALES = ("submitted", "deleted")
"""``SUBMITTED`` waits for approval and ``DELETED`` was a draft thrown away (judge31): no sale, but only
under Xero's own states (``submitted`` is an order placed in other systems)."""
XERO_MARKER = ("authorised",)
"""The state only Xero writes (British spelling), which says the column is Xero's."""


def only_states(column: str, table: str, marker: tuple[str, ...], states: tuple[str, ...]) -> str:
    """True when ``column`` holds only one system's ``states``, one of ``marker`` among them: then
    its unpaid words are that system's order or invoice states, not a ticket's or a delivery's."""
    listed_states = ", ".join(repr(v) for v in states)
    return (f"({present(table, listed(column, marker))} AND NOT EXISTS (SELECT 1 "
            f"FROM {qi(table)} WHERE lower(trim({qi(column)})) NOT IN ({listed_states})))")


def woo_unpaid(column: str, table: str, unpaid: tuple[str, ...]) -> str:
    """True on an unpaid WooCommerce order (``unpaid`` words or ``on-hold``: a bank transfer awaited),
    under a status holding WooCommerce's states alone."""
    return (f"({listed(column, (*unpaid, 'on-hold', 'on hold'))} AND "
            f"{only_states(column, table, WOO_ONLY, WOOCOMMERCE)})")


def invoices_unpaid(column: str, table: str) -> str:
    """True on a Chargebee invoice not paid or a Xero invoice not approved, each under a bare status
    holding that system's states alone."""
    paid = only_states(column, table, ("paid",), ("paid", "voided", *CHARGEBEE_UNPAID))
    xero = only_states(column, table, XERO_MARKER, XERO)
    return (f"(({listed(column, CHARGEBEE_UNPAID)} AND {paid}) OR "
            f"({listed(column, XERO_NOT_SALES)} AND {xero}))")


XERO_LEFT_OUT = ("draft", "submitted", "voided", "deleted")
"""Xero's states that are no sale, in the order the load note names them."""


def xero_left_out(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, list[str]] | None:
    """The status column holding Xero's states alone and the no-sale states it has, None when no column
    does: the rows it leaves out are invoices, and the note names them by their states, as an accountant
    looks for them ("draft, submitted, voided invoices", not "cancelled … orders and bookings")."""
    for name, dtype in store.columns_of(con, table):
        if dtype != "VARCHAR" or not STATUS.match(name.strip()):
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
