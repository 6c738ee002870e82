"""A visit paid in parts: a clinic's export writes what the client (or patient) paid and what the insurer
paid side by side (SimplePractice's ``Client Paid`` beside ``Insurance Paid``), or an invoice's total beside
what was collected of it (Jane's ``Collected`` on a ``Partially Paid`` invoice). The money received is what
came in; the client's share alone read 38 % low on judge77's sessions, the ``Total Fee`` charged, paid or not,
28 % high, and Jane's part-paid invoices whole 1.1 % high."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store
from crm_core.workspace.invoice_states import STATUS
from crm_core.workspace.role_names import bare_header, is_numeric_type
from crm_core.workspace.sqlutil import qi

_OWN_SHARE = re.compile(r"^(client|patient)[ _-]?paid$", re.IGNORECASE)
_INSURER_SHARE = re.compile(r"^(insurance|insurer)[ _-]?paid$", re.IGNORECASE)
_COLLECTED = re.compile(r"^(collected|amount[ _-]?(paid|collected|received)|paid[ _-]?amount"
                        r"|total[ _-]?(paid|collected|received)|已收(款|金额)|已付(款|金额))$", re.IGNORECASE)
_INVOICED = re.compile(r"^(invoice[ _-]?)?total([ _-]?amount)?$|^(订单|发票)?总(额|金额)$", re.IGNORECASE)
_PAID_ALREADY = re.compile(r"paid|collected|received|实收|已收|已付", re.IGNORECASE)
PART_PAID = ("partially paid", "partly paid", "part paid", "partial", "partial payment",
             "部分付款", "部分支付", "部分收款")
"""A payment status saying an invoice is paid in part (Jane's ``Partially Paid``)."""


def insurer_column(columns: list[tuple[str, str]], amount: str | None) -> str | None:
    """The numeric insurer's-share column beside a client's-share ``amount`` (None where there is none)."""
    if not amount or not _OWN_SHARE.match(amount.strip()):
        return None
    found = (c for c, dtype in columns if _INSURER_SHARE.match(c.strip()) and is_numeric_type(dtype))
    return next(found, None)


def with_insurer(columns: list[tuple[str, str]], amount: str | None, money: str) -> str:
    """``money`` plus the row's insurer share where :func:`insurer_column` finds one."""
    insurer = insurer_column(columns, amount)
    return f"(({money}) + coalesce({qi(insurer)}, 0))" if insurer else money


def _first(columns: list[tuple[str, str]], rule: re.Pattern[str], numeric: bool = True) -> str | None:
    """The first column headed by ``rule``: a number (money), or text where ``numeric`` is off (a status)."""
    found = (c for c, dtype in columns
             if rule.match(bare_header(c)) and (is_numeric_type(dtype) if numeric else dtype == "VARCHAR"))
    return next(found, None)


def with_part_paid(columns: list[tuple[str, str]], amount: str | None, money: str) -> str:
    """``money`` times the share collected on a row whose status says paid in part, where a numeric
    collected column sits beside the invoice's total: the amount before tax stays the sale (Jane's
    ``Subtotal``), at the part that came in. An amount that is itself the money paid is left as it is."""
    found = _part_paid_columns(columns, amount)
    if not found:
        return money
    paid, total = (qi(c) for c in found[1:])
    share = f"({money}) * coalesce({paid}, 0) / {total}"
    return f"(CASE WHEN {_part_paid_test(found)} THEN {share} ELSE {money} END)"


def _part_paid_columns(columns: list[tuple[str, str]], amount: str | None) -> tuple[str, str, str] | None:
    """The status, collected and invoiced-total columns beside an ``amount`` that is no money paid itself."""
    if not amount or _PAID_ALREADY.search(amount):
        return None
    status, paid, total = (_first(columns, STATUS, numeric=False), _first(columns, _COLLECTED),
                           _first(columns, _INVOICED))
    return (status, paid, total) if status and paid and total else None


def _part_paid_test(found: tuple[str, str, str]) -> str:
    states = ", ".join(f"'{state}'" for state in PART_PAID)
    return f"lower(trim({qi(found[0])})) IN ({states}) AND {qi(found[2])} > 0"


def payer_notes(con: duckdb.DuckDBPyConnection, table: str, amount: str | None) -> dict[str, dict[str, str]]:
    """The load's notes, by key, on the rows whose money is the client's share plus the insurer's, and on the
    rows paid in part and counted at that part: the spend then matches no one column (judge77, left84)."""
    columns = store.columns_of(con, table)
    notes, insurer = {}, insurer_column(columns, amount)
    if insurer:
        n, share = con.execute(f"SELECT count(*), sum({qi(insurer)}) FROM {qi(table)} "
                               f"WHERE {qi(insurer)} <> 0").fetchone()
        if n:
            notes["insurer_share_added"] = {"count": f"{n:,}", "share": f"{share:,.2f}", "amount": amount,
                                            "insurer": insurer}
    found = _part_paid_columns(columns, amount)
    if found and is_numeric_type(dict(columns)[amount]):
        state, n, whole, kept = con.execute(
            f"SELECT min(trim({qi(found[0])})), count(*), sum({qi(amount)}), "
            f"sum({qi(amount)} * coalesce({qi(found[1])}, 0) / {qi(found[2])}) "
            f"FROM {qi(table)} WHERE {_part_paid_test(found)}").fetchone()
        if n:
            notes["part_paid_share"] = {"count": f"{n:,}", "state": state, "amount": amount, "paid": found[1],
                                        "total": found[2], "kept": f"{kept:,.2f}", "whole": f"{whole:,.2f}"}
    return notes
