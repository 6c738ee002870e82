"""A customer's look-up reads only the lines that may be theirs: a cheap test on the raw id column before
the view trims and rewrites every id (:func:`crm_core.workspace.transactions.transaction_view`'s ``ids``)."""

from __future__ import annotations

INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
            "UBIGINT", "UHUGEINT")


def raw_id_test(col: str | None, dtype: str, ids: list[str]) -> tuple[str, tuple[str, ...]]:
    """A test on the raw id column that every line of ``ids`` passes, and its parameters ("" when
    the view's id is not always part of the column's text). The view's id of a text column is the
    trimmed text, ``.0`` dropped: tested first, the lines of other customers skip the trim and the
    regular expression (0.64 → 0.28 s CPU for one customer's lines at 5M). Not for numbers: a
    DOUBLE's text can be ``1e+20`` where the view says the digits, and an integer has no regular
    expression to skip."""
    if not col or not ids or dtype.upper().startswith(("DOUBLE", "FLOAT", "REAL", "DECIMAL", *INTEGERS)):
        return "", ()
    return " OR ".join([f"contains(CAST({col} AS VARCHAR), ?)"] * len(ids)), tuple(ids)
