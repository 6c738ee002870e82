"""The rows whose money is only in a currency the load left out of every sum (:mod:`currencies`), counted
as a reason of their own: Ko-fi's USD rows beside GBP read "177 without an amount" though their amount is
written (walk40)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from crm_core.workspace.currencies import Mixed, code_sql


@dataclass(frozen=True)
class OtherMoney:
    """The view marking the rows whose money is in a currency left out, and those currencies."""

    sql: str
    """The view with ``amount`` the 1-based place in ``codes`` of the row's currency where its money is left
    out of sums, NULL elsewhere."""
    codes: tuple[str, ...]


def other_money(found: Mixed | None, amount: str, view_of: Callable[[str], str]) -> OtherMoney | None:
    """:class:`OtherMoney` for the money ``amount`` (SQL) in several currencies, built by ``view_of`` (the
    view's SQL with this in place of the amount); None in one currency."""
    if found is None:
        return None
    codes = tuple(code for code, _, _ in found.others)
    code = code_sql(found.column)
    unconverted = f" AND NOT coalesce({found.rate} > 0, false)" if found.rate else ""
    places = " ".join(f"WHEN {code} = '{name}' THEN {place}" for place, name in enumerate(codes, 1))
    return OtherMoney(view_of(f"(CASE WHEN ({amount}) IS NOT NULL{unconverted} THEN CASE {places} END END)"),
                      codes)


def counted(con: duckdb.DuckDBPyConnection, found: OtherMoney | None, params: tuple = ()) -> dict[str, int]:
    """``other_currency`` (the rows with a customer and a date whose money is left out for its currency)
    and ``other_currency.<code>`` for each currency; {} when there are none."""
    if found is None:
        return {}
    rows = con.execute(f"SELECT amount, count(*) FROM ({found.sql}) WHERE customer_id IS NOT NULL "
                       f"AND ts IS NOT NULL AND amount IS NOT NULL GROUP BY 1 ORDER BY 1",
                       list(params)).fetchall()
    by = {f"other_currency.{found.codes[int(place) - 1]}": int(n) for place, n in rows}
    return {"other_currency": sum(by.values()), **by} if by else {}
