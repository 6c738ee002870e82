"""The rows an analysis uses and the ones it leaves out, by reason — counted to be shown, never dropped
silently. A no-sale row is counted under the rule that left it out (``cancelled.<rule>``), so the page
says "36 rows of orders whose payment and refund net to nothing", not every rule the app knows (walk32)."""

from __future__ import annotations

import duckdb

from crm_core.workspace import store
from crm_core.workspace.currency_rows import counted
from crm_core.workspace.invoice_states import flags_without_status
from crm_core.workspace.order_lines import first_rule_counts
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import TransactionView


def coverage(con: duckdb.DuckDBPyConnection, view: TransactionView) -> dict[str, int]:
    """Rows an analysis can use and the ones it leaves out, by reason (shown to the analyst);
    refunded or cancelled orders are a reason of their own, with the count of each rule behind it."""
    row = con.execute(
        f"""SELECT count(*),
                   count(*) FILTER (WHERE customer_id IS NULL),
                   count(*) FILTER (WHERE customer_id IS NOT NULL AND ts IS NULL),
                   count(*) FILTER (WHERE customer_id IS NOT NULL AND ts IS NOT NULL
                                    AND amount IS NULL)
            FROM ({view.sql})"""
    ).fetchone()
    total, no_customer, no_date, no_amount = (int(v) for v in row)
    other = counted(con, view.other_money, view.params)  # its money written, in a currency left out
    elsewhere = other.get("other_currency", 0)
    no_amount -= elsewhere
    counts = other | {
        "rows": total,
        "no_customer_id": no_customer,
        "no_date": no_date,
        "no_amount": no_amount if view.has_amount else 0,
        "used": total - no_customer - no_date - (no_amount if view.has_amount else 0) - elsewhere,
    }
    if view.cancelled_by:  # left out by the view itself: counted so "rows" is the table's
        gone = no_sale_counts(con, view.table, view.cancelled_by)
        counts.update({**gone, "rows": counts["rows"] + gone["cancelled"]})
    if view.not_purchase:
        n = con.execute(f"SELECT count(*) FROM {qi(view.table)} WHERE {view.not_purchase}").fetchone()[0]
        counts.update({"rows": counts["rows"] + n, "not_purchases": n})
    if view.keep:
        n = con.execute(f"SELECT count(*) FROM ({view.unfiltered}) WHERE ts NOT BETWEEN ? AND ?",
                        list(view.keep)).fetchone()[0]
        counts.update(rows=counts["rows"] + n, stray_dates=n)
    return counts


def no_sale_counts(con: duckdb.DuckDBPyConnection, table: str,
                   rules: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """The rows the no-sale ``rules`` leave out of ``table``: ``cancelled``, and ``cancelled.<rule>`` for each
    rule that left some, in the words the rule's rows are said in (an event log's too, left97)."""
    by = [int(n) for n in con.execute(first_rule_counts(dict(rules), table)).fetchone()]
    keys = [_rule_said(con, table, key) for key, _ in rules]
    return {"cancelled": sum(by), **{f"cancelled.{key}": n for key, n in zip(keys, by, strict=True) if n}}


def _rule_said(con: duckdb.DuckDBPyConnection, table: str, key: str) -> str:
    """The words a no-sale rule's rows are said in: a refund flag's where it alone found the refunds
    (Gumroad's ``Fully Refunded?``), not the status words of ``cancelled_orders``."""
    flagged = key == "cancelled_orders" and flags_without_status(store.columns_of(con, table))
    return "refunded_flagged" if flagged else key
