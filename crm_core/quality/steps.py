"""Cleaning steps: each a small dataclass that turns the previous relation into one SELECT.

DuckDB SQL with identifiers quoted and values as parameters; a hidden row number (``ROW``)
rides along so previews line up rows before and after a step. Numeric and derived steps are
in :mod:`crm_core.quality.steps_numeric`; recipes chain them (:mod:`crm_core.quality.recipes`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, Term
from crm_core.load.coltypes import markers_sql
from crm_core.quality.profile import blank_sql, is_text_type
from crm_core.report.format import type_word
from crm_core.workspace.roles import is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import (
    COMPACT_DATE_FORMAT,
    DATE_FORMATS,
    number_expr,
    qi,
    sql_str,
    timestamp_expr,
)

ROW = "__crm_row"
DATE_SNIFF_ROWS = 2000


def type_said(dtype: str) -> Term:
    """A column's type as DuckDB names it in the English refusal (what scripts and tests read),
    in words in Chinese ("VARCHAR" meant nothing on the Chinese Clean page)."""
    return Term(dtype, zh=type_word(dtype, "zh"))


@dataclass
class Context:
    """What a step sees: the relation before it, its columns and the table's roles."""

    con: duckdb.DuckDBPyConnection
    table: str
    rel: str
    types: dict[str, str]
    roles: dict[str, str]
    prefix: str
    params: list

    def column(self, name: str) -> str:
        """The quoted column, or a clear error naming the columns that exist at this step."""
        if name not in self.types:
            raise CrmError(Sentence("clean.error.step_no_column", name=name, columns=Listing(self.types)))
        return qi(name)

    def numeric(self, name: str) -> str:
        col = self.column(name)
        if not is_numeric_type(self.types[name]):
            said = type_said(self.types[name])
            raise CrmError(Sentence("clean.error.step_not_number", name=name, type=said))
        return col

    def role(self, role: str) -> str | None:
        """The column playing ``role`` if it is still in the relation."""
        name = self.roles.get(role)
        return name if name in self.types else None

    def fetch(self, select_sql: str, params: list | None = None) -> list[tuple]:
        """Run a query over the relation at this step (used to learn fences, date formats)."""
        return self.con.execute(self.prefix + select_sql, self.params + (params or [])).fetchall()


def _choice(value: str, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise CrmError(Sentence("clean.error.field_choice", name=name, allowed=Listing(allowed),
                                value=repr(value)))


def _columns_list(value: Any, name: str = "columns") -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise CrmError(Sentence("clean.error.field_columns", name=name))


def _replace(ctx: Context, assignments: dict[str, str]) -> str:
    """``SELECT * REPLACE (…)`` for existing columns, new ones appended."""
    existing = {c: e for c, e in assignments.items() if c in ctx.types}
    new = {c: e for c, e in assignments.items() if c not in ctx.types}
    star = "*"
    if existing:
        star += " REPLACE (" + ", ".join(f"{e} AS {qi(c)}" for c, e in existing.items()) + ")"
    extra = "".join(f", {e} AS {qi(c)}" for c, e in new.items())
    return f"SELECT {star}{extra} FROM {ctx.rel}"


@dataclass
class Step:
    """Base of every step: ``kind`` names it in JSON; subclasses build one SELECT."""

    kind: ClassVar[str] = ""

    def __post_init__(self) -> None:
        """Check the parameters' shape (columns are checked against the table later)."""

    def build(self, ctx: Context) -> tuple[str, list]:
        raise NotImplementedError

    def touched(self, roles: dict[str, str]) -> list[str]:
        """Columns whose values this step rewrites (none for pure row filters)."""
        return []

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **asdict(self)}

    def summary(self) -> str:
        """A compact, language-neutral description: ``cast(column=date, to=date)``."""
        parts = [f"{k}={_short(v)}" for k, v in asdict(self).items() if v not in (None, [], {}, "")]
        return f"{self.kind}({', '.join(parts)})"


def _short(value: Any) -> str:
    if isinstance(value, list):
        return "+".join(map(str, value))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}→{v}" for k, v in list(value.items())[:4]) + \
            (", …" if len(value) > 4 else "") + "}"
    return str(value)


@dataclass
class DropMissing(Step):
    """Drop rows where any of ``columns`` is empty (NULL or blank text)."""

    kind: ClassVar[str] = "drop_missing"
    columns: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        _columns_list(self.columns)

    def build(self, ctx):
        conds = [f"NOT {blank_sql(ctx.column(c), ctx.types[c])}" for c in self.columns]
        return f"SELECT * FROM {ctx.rel} WHERE " + " AND ".join(conds), []


FILL_METHODS = ("constant", "mean", "median", "mode", "ffill")


@dataclass
class FillMissing(Step):
    """Fill empty values: a constant, the mean/median/mode, or the customer's previous value."""

    kind: ClassVar[str] = "fill_missing"
    column: str = ""
    method: str = "constant"
    value: Any = None
    by: str | None = None
    order: str | None = None

    def __post_init__(self) -> None:
        _choice(self.method, FILL_METHODS, "method")
        if self.method == "constant" and self.value in (None, ""):
            raise CrmError(Sentence("clean.error.fill_value"))

    def touched(self, roles):
        return [self.column]

    def build(self, ctx):
        col, dtype = ctx.column(self.column), ctx.types.get(self.column, "")
        blank = blank_sql(col, dtype)
        params: list = []
        if self.method == "constant":
            if not ctx.fetch("SELECT TRY_CAST(? AS " + dtype + ") IS NOT NULL", [str(self.value)])[0][0]:
                raise CrmError(Sentence("clean.error.fill_misfit", value=repr(self.value), column=self.column,
                                        dtype=type_said(dtype)))
            fill, params = f"CAST(? AS {dtype})", [str(self.value)]
        elif self.method in ("mean", "median"):
            ctx.numeric(self.column)
            agg = "avg" if self.method == "mean" else "median"
            fill = f"(SELECT CAST({agg}({col}) AS {dtype}) FROM {ctx.rel})"
        elif self.method == "mode":
            fill = f"(SELECT mode({col}) FROM {ctx.rel} WHERE NOT {blank})"
        else:
            fill = self._previous(ctx, col, blank)
        return _replace(ctx, {self.column: f"CASE WHEN {blank} THEN {fill} ELSE {col} END"}), params

    def _previous(self, ctx: Context, col: str, blank: str) -> str:
        by = self.by or ctx.role("customer_id")
        order = self.order or ctx.role("date")
        if not order:
            raise CrmError(Sentence("clean.error.ffill_order"))
        partition = f"PARTITION BY {ctx.column(by)} " if by else ""
        return (f"last_value(CASE WHEN {blank} THEN NULL ELSE {col} END IGNORE NULLS) OVER "
                f"({partition}ORDER BY {ctx.column(order)}, {qi(ROW)} "
                "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")


@dataclass
class DropDuplicates(Step):
    """Drop exact duplicate rows, or rows repeating a key; keep the first or last (file order)."""

    kind: ClassVar[str] = "drop_duplicates"
    columns: list[str] | None = None
    keep: str = "first"

    def __post_init__(self) -> None:
        _choice(self.keep, ("first", "last"), "keep")
        if self.columns is not None:
            _columns_list(self.columns)

    def build(self, ctx):
        keys = [ctx.column(c) for c in self.columns] if self.columns else [qi(c) for c in ctx.types]
        direction = "ASC" if self.keep == "first" else "DESC"
        return (f"SELECT * FROM {ctx.rel} QUALIFY row_number() OVER (PARTITION BY {', '.join(keys)} "
                f"ORDER BY {qi(ROW)} {direction}) = 1"), []


CAST_TARGETS = ("number", "integer", "date", "text")


@dataclass
class Cast(Step):
    """Change a column's type: numbers with currency/separators, dates in a given or found format."""

    kind: ClassVar[str] = "cast"
    column: str = ""
    to: str = "number"
    decimal: str = "."
    format: str = "auto"

    def __post_init__(self) -> None:
        _choice(self.to, CAST_TARGETS, "to")
        _choice(self.decimal, (".", ","), "decimal")
        if self.format != "auto" and "%" not in self.format:
            raise CrmError(Sentence("clean.error.date_format_codes", format=self.format))

    def touched(self, roles):
        return [self.column]

    def build(self, ctx):
        col, dtype = ctx.column(self.column), ctx.types.get(self.column, "")
        if self.to == "text":
            expr = f"CAST({col} AS VARCHAR)"
        elif self.to in ("number", "integer"):
            number = (f"CAST({col} AS DOUBLE)" if is_numeric_type(dtype)
                      else number_expr(f"CAST({col} AS VARCHAR)", self.decimal))
            number = f"CASE WHEN isfinite({number}) THEN {number} END"  # NaN / inf poison sums
            expr = number if self.to == "number" else f"CAST(round({number}) AS BIGINT)"
        else:
            expr = self._date(ctx, col, dtype)
        if is_text_type(dtype) and self.to != "text":  # 无, -, N/A, #N/A, ¥-, 0000-00-00 as on load
            expr = f"CASE WHEN {markers_sql(f'trim({col})')} THEN NULL ELSE {expr} END"
        return _replace(ctx, {self.column: expr}), []

    def _date(self, ctx: Context, col: str, dtype: str) -> str:
        if is_temporal_type(dtype):
            return f"CAST({col} AS TIMESTAMP)"
        if is_numeric_type(dtype):
            return timestamp_expr(f"CAST({col} AS BIGINT)", [COMPACT_DATE_FORMAT])
        fmt = self.format if self.format != "auto" else detect_date_format(ctx, col)
        expr = timestamp_expr(col, [fmt])
        return expr if any(code in fmt for code in ("%H", "%M", "%S")) else f"CAST({expr} AS DATE)"


CAST_SNIFF_ROWS = 5000


def number_like_first(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> list[str]:
    """``columns`` (text) ordered by the share of their filled cells, placeholders aside, that
    read as numbers on a sample (``$11.77``, ``1.234,50`` …): Convert type opens on the column
    that needs it, not on ``channel`` (web, store), which a conversion would empty."""
    if not columns:
        return []
    shares = ", ".join(
        f"count({number_expr(f'v{i}')}) / greatest(count(v{i}) FILTER (WHERE NOT {markers_sql(f'v{i}')}), 1)"
        for i in range(len(columns)))
    inner = ", ".join(f"nullif(trim(CAST({qi(c)} AS VARCHAR)), '') AS v{i}" for i, c in enumerate(columns))
    sample = f"SELECT {inner} FROM {qi(table)} LIMIT {CAST_SNIFF_ROWS}"
    row = con.execute(f"SELECT {shares} FROM ({sample})").fetchone()
    return [c for _, c in sorted(zip(row, columns, strict=True), key=lambda pair: -pair[0])]


def detect_date_format(ctx: Context, col: str) -> str:
    """The known format that parses most of a sample of the column (ISO wins ties)."""
    formats = [*DATE_FORMATS, COMPACT_DATE_FORMAT]
    counts = ", ".join(f"count(try_strptime(v, {sql_str(f)}))" for f in formats)
    row = ctx.fetch(f"SELECT {counts} FROM (SELECT trim(CAST({col} AS VARCHAR)) AS v FROM {ctx.rel} "
                    f"WHERE {col} IS NOT NULL AND trim(CAST({col} AS VARCHAR)) <> '' LIMIT ?)",
                    [DATE_SNIFF_ROWS])[0]
    best = max(range(len(formats)), key=lambda i: (row[i], -i))
    if not row[best]:
        raise CrmError(Sentence("clean.error.date_format_unknown", col=col))
    return formats[best]


@dataclass
class TrimText(Step):
    """Trim, collapse inner spaces, optionally lower/upper-case; blank text becomes empty (NULL)."""

    kind: ClassVar[str] = "trim_text"
    columns: list[str] = field(default_factory=list)
    case: str = "none"

    def __post_init__(self) -> None:
        _columns_list(self.columns)
        _choice(self.case, ("none", "lower", "upper"), "case")

    def touched(self, roles):
        return list(self.columns)

    def build(self, ctx):
        assignments = {}
        for name in self.columns:
            col = ctx.column(name)
            if not is_text_type(ctx.types[name]):
                raise CrmError(Sentence("clean.error.not_text", name=name, type=type_said(ctx.types[name])))
            expr = f"NULLIF(regexp_replace(trim({col}), '\\s+', ' ', 'g'), '')"
            assignments[name] = expr if self.case == "none" else f"{self.case}({expr})"
        return _replace(ctx, assignments), []


@dataclass
class MapValues(Step):
    """Replace values by a mapping (``M``/``male``/``男`` → ``Male``), ignoring case and spaces."""

    kind: ClassVar[str] = "map_values"
    column: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    ignore_case: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.mapping, dict) or not self.mapping:
            raise CrmError(Sentence("clean.error.mapping_empty"))
        seen: dict[str, str] = {}
        for old, new in self.mapping.items():
            key = self._key(str(old))
            if key in seen and seen[key] != new:
                raise CrmError(Sentence("clean.error.mapping_twice", old=repr(old), first=repr(seen[key]),
                                        new=repr(new)))
            seen[key] = new

    def _key(self, value: str) -> str:
        return value.strip().lower() if self.ignore_case else value

    def touched(self, roles):
        return [self.column]

    def build(self, ctx):
        col = ctx.column(self.column)
        text = f"CAST({col} AS VARCHAR)"
        probe = f"lower(trim({text}))" if self.ignore_case else text
        whens, params = [], []
        for old, new in self.mapping.items():
            whens.append("WHEN ? THEN ?")
            params += [self._key(str(old)), None if new is None else str(new)]
        return _replace(ctx, {self.column: f"CASE {probe} {' '.join(whens)} ELSE {text} END"}), params
