"""One sentence saying which key roles a table lacks, for every analysis to show.

Without an amount an analysis counts activity, it does not measure money; without dates
nothing follows time; without an order id each customer-day is one order. Summaries, pages and
reports call :func:`missing_roles_note` so they say so the same way, in English or Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from crm_core import i18n

KEY_ROLES: tuple[str, ...] = ("amount", "date", "order_id")


def missing_roles(roles: Mapping[str, str] | object, needed: tuple[str, ...] = KEY_ROLES) -> list[str]:
    """The key roles with no column, in :data:`KEY_ROLES` order.

    ``roles`` is a role → column mapping or any object with a ``roles`` mapping (a resolved view).
    A unit price (times the quantity, if any) stands in for the amount.
    """
    mapping = roles if isinstance(roles, Mapping) else getattr(roles, "roles", {}) or {}
    has = {r for r, c in mapping.items() if c}
    if "unit_price" in has:  # times the quantity, or one unit per line (transaction_view)
        has.add("amount")
    return [r for r in needed if r not in has]


def missing_roles_note(roles: Mapping[str, str] | object, lang: str = "en", table: str = "",
                       needed: tuple[str, ...] = KEY_ROLES) -> str:
    """``"'cdnow' has no amount column, so results count purchases …"`` or "" when nothing is missing."""
    gaps = missing_roles(roles, needed)
    if not gaps:
        return ""
    name = table or getattr(roles, "table", "") or getattr(roles, "name", "") or "—"
    joiner = "；" if lang == "zh" else "; "
    parts = joiner.join(i18n.t(f"roles.missing.{r}", lang) for r in gaps)
    return i18n.t("roles.missing.sentence", lang, table=name, parts=parts)


def run_note(con: duckdb.DuckDBPyConnection, run: object, roles: Mapping[str, str] | None = None) -> str:
    """The sentence for a finished run: the roles it declares it needs (``needs_roles``: on the
    run class, or per run — a churn run on a labelled customer table needs no orders) that its
    table lacks; "" when none are missing."""
    needed = getattr(run, "needs_roles", ())
    if getattr(getattr(run, "config", None), "value_col", None):
        # the analyst named the column to measure: "results count purchases" would be untrue
        needed = tuple(r for r in needed if r != "amount")
    if not needed:
        return ""
    from crm_core.workspace.roles import get_roles

    return missing_roles_note(get_roles(con, run.table, dict(roles or {})), run.lang, run.table, needed)


def table_note(con: duckdb.DuckDBPyConnection, table: str, lang: str = "en") -> str:
    """The sentence for a table on the Data page: "" for a customer table (one row per customer
    has no purchases to count and no orders, so the purchase-log gaps do not apply)."""
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.table_kind import detect_kind

    if detect_kind(con, table).kind == "customers":
        return ""
    return missing_roles_note(get_roles(con, table), lang, table)
