"""The load's notes on how a table's money and orders were read: refunds taken off, tips, discounts,
renewals, order totals on every row, freight left out, the tax and shipping beside the goods, a processor's
fee kept in, the paid part of invoices, purchases sent twice, rows that are no purchase, a till's walk-ins
and returns, names the platform masked. Each rule lives in its own workspace module; this gathers their
notes so the reader stays a reader."""

from __future__ import annotations

import duckdb

from crm_core.i18n import Sentence
from crm_core.load import coltypes
from crm_core.load.till_notes import till_notes
from crm_core.workspace import events, order_lines, transactions
from crm_core.workspace.after_sale import after_sale_note
from crm_core.workspace.freight import freight_note
from crm_core.workspace.ledger import refunded_in_part
from crm_core.workspace.money_beside import money_beside_note
from crm_core.workspace.order_discount import discount_note
from crm_core.workspace.order_total import order_total_note
from crm_core.workspace.paid_of_billed import paid_of_billed_note
from crm_core.workspace.payer_shares import payer_notes
from crm_core.workspace.platform_masks import platform_masked_note
from crm_core.workspace.processor_fee import fee_note
from crm_core.workspace.recipient import recipient_note
from crm_core.workspace.renewals import renewed
from crm_core.workspace.tips import tips_notes


def money_notes(con: duckdb.DuckDBPyConnection, target: str, roles: dict[str, str]) -> list[Sentence]:
    """Every note the rules on money and orders have on the loaded ``target``, in a fixed order."""
    amount = roles.get("amount")
    keyed = {**transactions.refund_notes(con, target, amount, roles.get("order_id")),
             **tips_notes(con, target, amount), **payer_notes(con, target, amount),
             "ledger_refunded_in_part": refunded_in_part(con, target),
             "order_discount": discount_note(con, target, roles), "renewals": renewed(con, target, roles),
             "order_total_on_rows": order_total_note(con, target, roles),
             "freight_left_out": freight_note(con, target, roles),
             "processor_fee_kept_in": fee_note(con, target, roles),
             "paid_of_billed": paid_of_billed_note(con, target, roles),
             "purchases_sent_twice": order_lines.repeated_purchases(con, target, roles)}
    said = (events.types_note(con, target, "load.note.not_purchases"),
            events.mailing_note(con, target, "load.note.sends_left_out"),
            after_sale_note(con, target), recipient_note(con, target, roles),
            platform_masked_note(con, target), money_beside_note(con, target, roles))
    return ([coltypes.note(key, **values) for key, values in keyed.items() if values] + [n for n in said if n]
            + till_notes(con, target, roles))
