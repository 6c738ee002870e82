"""A tip charged with the sale: Vagaro's ``Amount Paid`` and SumUp's ``Total amount`` are what the card was
charged, the tip in, with the tip beside them (``Tip``, ``Tip amount``). The tip is the staff's, no sale of
the business (Square's ``Net Sales`` and Toast's ``Amount`` leave it out), so the spend is the charge less
the tip: judge64's Vagaro spend read 12.8 % high. A bare ``Amount`` beside a tip (Toast's) is before it."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store
from crm_core.workspace.role_names import is_numeric_type
from crm_core.workspace.sqlutil import qi

_TIP = re.compile(r"^(tips?|tip[ _-]?amount|gratuity|小费(金额)?)$", re.IGNORECASE)
_CHARGED = re.compile(r"paid|collected|^total([ _-]?amount)?$|实付|实收", re.IGNORECASE)
"""An amount that is the money charged (paid, collected, a bare or ``Total amount``), which holds the tip."""


def tip_column(columns: list[tuple[str, str]], amount: str | None) -> str | None:
    """The tip column of numbers beside a charged ``amount`` (None where the amount is no charge or no tip
    is written beside it)."""
    if not amount or not _CHARGED.search(amount.strip()):
        return None
    return next((c for c, dtype in columns if _TIP.match(c.strip()) and is_numeric_type(dtype)), None)


def net_of_tip(columns: list[tuple[str, str]], amount: str | None, money: str) -> str:
    """``money`` less the row's tip where :func:`tip_column` finds one."""
    tip = tip_column(columns, amount)
    return f"(({money}) - coalesce({qi(tip)}, 0))" if tip else money


def tips_notes(con: duckdb.DuckDBPyConnection, table: str, amount: str | None) -> dict[str, dict[str, str]]:
    """The load's note on the rows whose tip was taken off ``amount`` and the tips' sum, by its key ({} when
    none): the analyst sees why the spend is below the export's own total."""
    tip = tip_column(store.columns_of(con, table), amount)
    if not tip:
        return {}
    n, total = con.execute(f"SELECT count(*), sum({qi(tip)}) FROM {qi(table)} "
                           f"WHERE {qi(tip)} <> 0").fetchone()
    said = {"count": f"{n:,}", "tips": f"{total:,.2f}", "tip": tip, "amount": amount}
    return {"tips_taken_off": said} if n else {}
