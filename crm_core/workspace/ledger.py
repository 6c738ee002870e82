"""A payment ledger's rows that are no sale (PayPal's activity download): PayPal lists the payments
received beside withdrawals, refunds, currency conversions and the shop's own purchases, all under
``Type``, and keeps a payment's row whatever became of it (``Status``, a later refund's row)."""

from __future__ import annotations

import duckdb

from crm_core.workspace import store
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


def _sale(columns: list[tuple[str, str]], names: dict[str, str], alias: str = "") -> str:
    """A customer's payment: a ``… Payment`` with money in (not a refund or a reversal)."""
    kind = f"{alias}{qi(names['type'])}"
    return (f"regexp_matches({kind}, 'payment', 'i') AND NOT regexp_matches({kind}, 'refund|reversal', 'i')"
            f" AND {_gross(columns, names, alias)} > 0")


def not_sales_tests(columns: list[tuple[str, str]], table: str) -> list[str]:
    """A row that is not a customer's payment: only a ``… Payment`` with money in is a sale."""
    names = _ledger(columns)
    if names is None:
        return []
    return [f"NOT coalesce({_sale(columns, names)}, false)"]


def _refunded(columns: list[tuple[str, str]], names: dict[str, str], table: str, given_back: str) -> str:
    """The ``Transaction ID`` of each payment whose refunds (rows naming it under ``Reference Txn ID``)
    give back ``given_back`` of its ``Gross`` (SQL over ``back`` and ``paid``)."""
    txn, ref = qi(names["transaction id"]), qi(names["reference txn id"])
    back, paid = f"-sum({_gross(columns, names, 'r.')})", f"max({_gross(columns, names, 'p.')})"
    return (f"SELECT r.{ref} FROM {qi(table)} r JOIN {qi(table)} p ON p.{txn} = r.{ref} "
            f"WHERE regexp_matches(r.{qi(names['type'])}, 'refund', 'i') AND {_sale(columns, names, 'p.')} "
            f"GROUP BY r.{ref} HAVING {given_back.format(back=back, paid=paid)}")


def net_of_part_refunds(columns: list[tuple[str, str]], table: str, amount: str, money: str) -> str:
    """``money`` (a row's ``amount``) less what the refunds naming the row under ``Reference Txn ID`` gave
    back, in the payment's own currency (before any conversion): a payment refunded in part counts at
    what the seller kept (judge28; one refunded in full is left out, :func:`unsettled_tests`)."""
    names = _ledger(columns)
    if names is None or not {"transaction id", "reference txn id"} <= names.keys():
        return money
    from crm_core.workspace.transactions import number_sql

    ref, kind, txn = (qi(names[key]) for key in ("reference txn id", "type", "transaction id"))
    back = (f"SELECT abs(sum({number_sql(f'r.{qi(amount)}', dict(columns)[amount])})) FROM {qi(table)} r "
            f"WHERE r.{ref} = {qi(table)}.{txn} AND regexp_matches(r.{kind}, 'refund', 'i')")
    return f"(({money}) - coalesce(({back}), 0))"


def unsettled_tests(columns: list[tuple[str, str]], table: str) -> list[str]:
    """A payment the seller does not hold: ``Status`` pending, denied … (:data:`NOT_RECEIVED`), or named
    under ``Reference Txn ID`` by refunds that give back its whole ``Gross``. A payment refunded in part
    stays whole (the refund's row is no sale and names no buyer)."""
    names = _ledger(columns)
    if names is None:
        return []
    tests = [listed(names["status"], NOT_RECEIVED)] if "status" in names else []
    if {"transaction id", "reference txn id"} <= names.keys():
        whole = _refunded(columns, names, table, "{back} >= {paid} - 0.005")
        tests.append(f"coalesce({qi(names['transaction id'])} IN ({whole}), false)")
    return tests


def refunded_in_part(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """How many payments kept as sales a refund gave part of back, for the load's note ({} when none):
    they count less what was given back, and unlike a full refund nothing else said so (judge28)."""
    columns = store.columns_of(con, table)
    names = _ledger(columns)
    if names is None or not {"transaction id", "reference txn id"} <= names.keys():
        return {}
    part = _refunded(columns, names, table, "{back} > 0 AND {back} < {paid} - 0.005")
    n = con.execute(f"SELECT count(*) FROM ({part})").fetchone()[0]
    return {"count": f"{n:,}"} if n else {}
