"""A business customer in a support desk's export: Freshdesk's requester is a person (``Full name``,
``patricia@allencafe.com.au``) writing for a business under ``Company Name``, while the supplier's
accounting exports hold the business itself (QuickBooks' ``Customer``, Xero's ``ContactName``: Allen
Cafe). Compared as people, no ticket met its business (judge31: 0 pairs).

The column is taken by its header and kept only when its values say so: another export holds more of
them as its names than it holds of the export's own person names. A contact list's ``Company`` beside
shoppers buying for themselves names employers no other export holds, and the export keeps its people."""

from __future__ import annotations

from dataclasses import replace

from crm_core.link.fields import COMPANY, TableFields
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

MIN_SHARED = 2
"""Businesses another export must hold by name at least: one in common is chance."""
PERSONS = ("email", "phone")
"""A requester's own contacts: the person's, not the business's (``patricia@`` against Xero's
``accounts@`` would count against the business)."""


def for_companies(con, exports: list[TableFields]) -> list[TableFields]:
    """``exports`` where an export's company column names the businesses other exports hold: that column
    plays its name and its people's own contacts are left out, so its records stand for their
    businesses."""
    names = {e.table: _values(con, e.table, e.columns["name"]) for e in exports
             if isinstance(e.columns.get("name"), str)}
    out = []
    for tf in exports:
        column = _company_column(con, tf)
        if column and _names_businesses(_values(con, tf.table, column), names.get(tf.table, set()),
                                        [v for t, v in names.items() if t != tf.table]):
            kept = {f: c for f, c in tf.columns.items() if f not in ("name", *PERSONS)}
            tf = replace(tf, columns={"name": column, **kept},
                         masked={f: k for f, k in tf.masked.items() if f not in ("name", *PERSONS)})
        out.append(tf)
    return out


def _names_businesses(companies: set[str], people: set[str], others: list[set[str]]) -> bool:
    """Whether another export holds more of ``companies`` as its names than of the export's own
    ``people`` (and at least ``MIN_SHARED``): its names are the businesses, not the persons."""
    return any(len(companies & o) >= max(MIN_SHARED, len(people & o) + 1) for o in others)


def _company_column(con, tf: TableFields) -> str | None:
    """The export's column whose header says company, when it is not already a field it plays."""
    used = {c for c in tf.columns.values() if isinstance(c, str)}
    return next((c for c, _ in store.columns_of(con, tf.table)
                 if COMPANY.match(c.strip()) and c not in used and c != tf.id_column), None)


def _values(con, table: str, column: str) -> set[str]:
    """The column's distinct filled values, trimmed and in lower case."""
    return {v for (v,) in con.execute(
        f"SELECT DISTINCT lower(trim(CAST({qi(column)} AS VARCHAR))) AS v FROM {qi(table)} "
        f"WHERE nullif(v, '') IS NOT NULL").fetchall()}
