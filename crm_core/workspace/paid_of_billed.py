"""An invoice's paid amount beside its total (FreshBooks' ``Amount Paid`` beside ``Invoice Total``): the
money every analysis counts is what came in, and the load says it against what was billed, so a reader of
the export's totals knows why spend is lower (left88: 303,253.20 received of 382,082.40 billed, unsaid)."""

from __future__ import annotations

import re

import duckdb

from crm_core.report import format as fmt
from crm_core.workspace import store, transactions
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi

_PAID = re.compile(r"^(amount|total)[ _]?paid$|^paid[ _]?(amount|total)$", re.IGNORECASE)
_BILLED = re.compile(r"^(invoice|invoiced|billed)[ _]?(total|amount)$|^(amount|total)[ _]?(invoiced|billed)$",
                     re.IGNORECASE)


def paid_of_billed_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> dict[str, str]:
    """The load's note on the paid amount against the invoice total, each once per invoice over the invoices
    kept ({} when the amount is no paid amount or no total is beside it)."""
    amount, columns = roles.get("amount"), store.columns_of(con, table)
    total = next((c for c, dtype in columns if _BILLED.match(c.strip()) and is_numeric_type(dtype)), None)
    if not (amount and total and _PAID.match(amount.strip())):
        return {}
    order, types = roles.get("order_id"), dict(columns)
    gone = transactions.cancelled_sql(columns, table, amount, order)
    kept = f"WHERE NOT coalesce({gone}, false)" if gone else ""
    paid, billed = (transactions.number_sql(qi(c), types[c]) for c in (amount, total))
    picked = (f"max({paid}) AS paid, max({billed}) AS billed" if order
              else f"{paid} AS paid, {billed} AS billed")
    rows = f"SELECT {picked} FROM {qi(table)} {kept}" + (f" GROUP BY {qi(order)}" if order else "")
    count, received, billed = con.execute(f"SELECT count(*), sum(paid), sum(billed) FROM ({rows})").fetchone()
    if not count or received is None or billed is None or round(received, 2) == round(billed, 2):
        return {}
    currency = fmt.table_currency(con, table)
    return {"amount": amount, "total": total, "count": f"{count:,}",
            "received": fmt.money(received, currency), "billed": fmt.money(billed, currency)}
