"""The day order of a date column kept as text (an external CSV's ``03/01/2026 14:03``, a lake's
Parquet): read value by value, ``01/02/2023`` is 1 February, while the loader reads a column in the order
its days past the 12th show (``03/19/2026`` beside it makes it 2 January). One look at the column gives
the reader that order."""

from __future__ import annotations

from crm_core.load.dayorder import twin
from crm_core.workspace.sqlutil import qi

_LEAD = r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]"
"""The first two numbers of a date written day and month (or month and day) first."""


def month_first(con, table: str, column: str) -> bool:
    """True when some value's second number is past 12 and no value's first is: a US export's
    ``03/19/2026``. Day first stays where nothing says otherwise, as the loader reads such a column."""
    return bool(con.execute(f"SELECT {month_first_sql(table, column)}").fetchone()[0])


def month_first_sql(table: str, column: str) -> str:
    """:func:`month_first` as a scalar subquery, for SQL built without a connection (a booking's arrival
    test in ``bookings``, left38): DuckDB computes it once per query."""
    text = f"CAST({qi(column)} AS VARCHAR)"
    first, second = (f"TRY_CAST(regexp_extract({text}, '{_LEAD}', {n}) AS INTEGER)" for n in (1, 2))
    return (f"(SELECT coalesce(sum(CASE WHEN {first} > 12 THEN 1 ELSE 0 END), 0) = 0 "
            f"AND coalesce(sum(CASE WHEN {second} > 12 THEN 1 ELSE 0 END), 0) > 0 FROM {qi(table)})")


def reads_month_first(con, table: str, column: str, dtype: str) -> bool:
    """Whether ``date_sql`` should read ``column`` (of stored type ``dtype``) month first: one decision per
    column, so the transaction view, profile, summaries and series tests give a text date one day (left36);
    typed columns were decided by the loader."""
    return dtype.upper() == "VARCHAR" and month_first(con, table, column)


def month_first_formats(formats: tuple[str, ...] | list[str]) -> list[str]:
    """``formats`` with each day-first one after its month-first twin: the first that reads a text wins."""
    def day_first(fmt: str) -> bool:
        return twin(fmt) != fmt and twin(fmt) in formats and fmt.index("%d") < fmt.index("%m")
    return sorted(formats, key=day_first)
