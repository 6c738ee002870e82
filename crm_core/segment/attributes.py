"""Customer-table features: which columns describe a customer, one row per customer, in SQL.

Chosen from the values unless the analyst names them: numbers with more than two values are
numeric; Yes/No, 0/1 and short text with few levels are categorical; identifiers (a value per
row), free text (long or nearly unique values), dates and the outcome column (label role,
e.g. churn: a segmentation that is given the answer cannot show it) are left out, each with
its reason so the page and the report can say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles, is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import id_sql, number_sql

MAX_LEVELS = 30
"""Text columns with more distinct values than this (and than 5% of rows) are not categories."""
FREE_TEXT_LENGTH = 40
ROW_ID = "row"
"""Customer ids of a table without an id column: ``row 1``, ``row 2`` … (table order)."""


@dataclass(frozen=True)
class AttributeColumns:
    """The columns used (by kind) and the ones left out, with the reason."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    left_out: dict[str, str] = field(default_factory=dict)


def _column_facts(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]) -> dict:
    """Distinct count, average text length and numeric share per column, in one pass."""
    parts = []
    for column, _ in columns:
        text = f"NULLIF(trim(CAST({qi(column)} AS VARCHAR)), '')"
        parts.append(f"count(DISTINCT {text}), avg(length({text})), "
                     f"avg(CASE WHEN TRY_CAST({text} AS DOUBLE) IS NOT NULL THEN 1.0 "
                     f"WHEN {text} IS NULL THEN NULL ELSE 0.0 END)")
    row = con.execute(f"SELECT count(*), {', '.join(parts)} FROM {qi(table)}").fetchone()
    facts = {"rows": int(row[0])}
    for i, (column, _) in enumerate(columns):
        facts[column] = (int(row[1 + 3 * i] or 0), float(row[2 + 3 * i] or 0.0), float(row[3 + 3 * i] or 0.0))
    return facts


def _auto_kind(dtype: str, distinct: int, length: float, numeric_share: float, rows: int) -> str:
    """``numeric``, ``categorical`` or the reason the column is left out."""
    if is_temporal_type(dtype):
        return "date"
    if distinct <= 1:
        return "constant"
    if distinct == 2:
        return "categorical"
    if is_numeric_type(dtype) or numeric_share >= 0.95:
        # a value per row in integer or digit-text columns is a key or a phone number; measured
        # decimals (income, charges) may all differ
        decimal = dtype.upper().startswith(("DOUBLE", "FLOAT", "DECIMAL", "REAL"))
        return "identifier" if not decimal and distinct >= 0.98 * rows and rows > 50 else "numeric"
    if length > FREE_TEXT_LENGTH:
        return "free text"
    if distinct > max(MAX_LEVELS, 0.05 * rows):
        return "identifier" if distinct >= 0.5 * rows else "too many levels"
    return "categorical"


def choose_columns(con: duckdb.DuckDBPyConnection, table: str, id_col: str | None, *,
                   numeric: tuple[str, ...] = (), categorical: tuple[str, ...] = (),
                   exclude: tuple[str, ...] = (), roles: dict[str, str] | None = None) -> AttributeColumns:
    """The analyst's columns when named, else every column that describes a customer."""
    columns = store.columns_of(con, table)
    known = dict(columns)
    unknown = [c for c in (*numeric, *categorical, *exclude) if c not in known]
    if unknown:
        raise CrmError(Sentence("segment.error.no_columns", table=table, columns=quoted(unknown),
                                known=Listing(list(known)[:40])))
    if numeric or categorical:
        return AttributeColumns(tuple(c for c in numeric if c not in exclude),
                                tuple(c for c in categorical if c not in exclude))
    roles = get_roles(con, table, roles)
    left_out = {c: "excluded" for c in exclude}
    if id_col:
        left_out[id_col] = "customer id"
    if roles.get("label"):
        left_out.setdefault(roles["label"], "outcome (label)")
    candidates = [(c, dtype) for c, dtype in columns if c not in left_out]
    facts = _column_facts(con, table, candidates) if candidates else {"rows": 0}
    found: dict[str, list[str]] = {"numeric": [], "categorical": []}
    for column, dtype in candidates:
        kind = _auto_kind(dtype, *facts[column], facts["rows"])
        if kind in found:
            found[kind].append(column)
        else:
            left_out[column] = kind
    if len(found["numeric"]) + len(found["categorical"]) < 2:
        usable = [*found["numeric"], *found["categorical"]]
        raise CrmError(Sentence("segment.error.not_customer_table", table=table,
                                usable=Listing(usable) if usable else Sentence("segment.why.none"),
                                left_out=left_out_said(left_out)))
    return AttributeColumns(tuple(found["numeric"]), tuple(found["categorical"]), left_out)


def quoted(columns) -> Listing:
    """Column names quoted as the language quotes them ('age' / “年龄”), listed."""
    return Listing(Sentence("kind.evidence.quoted", column=c) for c in columns)


def left_out_said(left_out: dict[str, str]) -> Listing:
    """Columns left out with the reason in words ("plan (free text)" / "plan（自由文本）"): the
    run's summary keeps the English reasons, which the Chinese page showed as they were."""
    def key(why: str) -> str:
        return "segment.why." + why.replace("(", "").replace(")", "").replace(" ", "_")
    return Listing(Sentence("segment.why.left_out", column=column, why=Sentence(key(why)))
                   for column, why in left_out.items())


def attribute_sql(con: duckdb.DuckDBPyConnection, table: str, id_col: str | None,
                  chosen: AttributeColumns, prefix: str = "") -> str:
    """SELECT of one row per customer id (``row N`` without an id column), columns prefixed:
    numbers as DOUBLE (currency text parsed), categories as trimmed text."""
    types = dict(store.columns_of(con, table))
    parts = [f"{number_sql(qi(c), types[c])} AS {qi(prefix + c)}" for c in chosen.numeric]
    parts += [f"NULLIF(trim(CAST({qi(c)} AS VARCHAR)), '') AS {qi(prefix + c)}" for c in chosen.categorical]
    names = ", ".join(f"any_value({qi(prefix + c)}) AS {qi(prefix + c)}"
                      for c in (*chosen.numeric, *chosen.categorical))
    if id_col is None:
        key = f"'{ROW_ID} ' || CAST(rowid + 1 AS VARCHAR)"
    else:
        key = id_sql(qi(id_col), types[id_col])
    return (f"SELECT customer_id, {names} FROM (SELECT {key} AS customer_id, {', '.join(parts)} "
            f"FROM {qi(table)}) WHERE customer_id IS NOT NULL GROUP BY customer_id")
