"""A payment ledger's rows that are no sale (PayPal's activity download): PayPal lists the payments
received beside withdrawals, refunds, currency conversions and the shop's own purchases, all under
``Type``, and keeps a payment's row whatever became of it (``Status``, a later refund's row)."""

from __future__ import annotations

from crm_core.workspace.events import listed
from crm_core.workspace.sqlutil import qi

NOT_RECEIVED = ("pending", "denied", "unclaimed", "held", "placed", "on hold", "expired")
"""PayPal statuses of a payment whose money is not the seller's (yet): an eCheck not cleared, a payment
the seller refused, one never claimed or held; ``Reversed`` and ``Canceled`` are every status column's."""


def _ledger(columns: list[tuple[str, str]]) -> dict[str, str] | None:
    """The ledger's columns by their lower-cased header, None unless it has a text ``Type``, ``Gross``
    and ``Net`` (PayPal's)."""
    names = {c.strip().lower(): c for c, _ in columns}
    if not {"type", "gross", "net"} <= names.keys() or dict(columns)[names["type"]] != "VARCHAR":
        return None
    return names


def _gross(columns: list[tuple[str, str]], names: dict[str, str], alias: str = "") -> str:
    from crm_core.workspace.transactions import number_sql  # transactions applies these rules

    column = names["gross"]
    return number_sql(f"{alias}{qi(column)}", dict(columns)[column])


def not_sales_tests(columns: list[tuple[str, str]], table: str) -> list[str]:
    """A row that is not a customer's payment: only a ``… Payment`` with money in is a sale."""
    names = _ledger(columns)
    if names is None:
        return []
    kind = qi(names["type"])
    sale = (f"regexp_matches({kind}, 'payment', 'i') AND NOT regexp_matches({kind}, 'refund|reversal', 'i')"
            f" AND {_gross(columns, names)} > 0")
    return [f"NOT coalesce({sale}, false)"]


def unsettled_tests(columns: list[tuple[str, str]], table: str) -> list[str]:
    """A payment the seller does not hold: ``Status`` pending, denied … (:data:`NOT_RECEIVED`), or named
    under ``Reference Txn ID`` by refunds that give back its whole ``Gross``. A payment refunded in part
    stays whole (the refund's row is no sale and names no buyer)."""
    names = _ledger(columns)
    if names is None:
        return []
    tests = [listed(names["status"], NOT_RECEIVED)] if "status" in names else []
    txn, ref = names.get("transaction id"), names.get("reference txn id")
    if txn and ref:
        kind = f"r.{qi(names['type'])}"
        tests.append(
            f"coalesce({qi(txn)} IN (SELECT r.{qi(ref)} FROM {qi(table)} r JOIN {qi(table)} p "
            f"ON p.{qi(txn)} = r.{qi(ref)} WHERE regexp_matches({kind}, 'refund', 'i') "
            f"GROUP BY r.{qi(ref)} HAVING -sum({_gross(columns, names, 'r.')}) "
            f">= max({_gross(columns, names, 'p.')}) - 0.005), false)")
    return tests
