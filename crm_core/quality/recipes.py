"""Cleaning recipes: an ordered list of steps, saved as JSON and re-applied to next month's export.

Each step is a small dataclass that turns the previous relation into a SELECT (DuckDB SQL,
identifiers quoted, values as parameters). A recipe compiles to one chain of CTEs over the
raw table, so applying it is a single ``CREATE TABLE … AS`` inside :func:`store.write_table`:
the raw table is never touched, and a failing step leaves every table as it was.
A hidden row number (the raw table's ``rowid``) rides along so previews can line up each
row before and after a step and "keep first/last" means file order.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

import duckdb

from crm_core.errors import CrmError
from crm_core.quality.profile import (
    blank_sql,
    cancel_id_sql,
    duplicate_rows,
    is_text_type,
    outlier_fences,
)
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles, is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import (
    COMPACT_DATE_FORMAT,
    DATE_FORMATS,
    number_expr,
    qi,
    sql_str,
    timestamp_expr,
)
from crm_core.workspace.transactions import number_sql

ROW = "__crm_row"
FORMAT = "crm-recipe"
VERSION = 1
DATE_SNIFF_ROWS = 2000
PREVIEW_ROWS = 20


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
            raise CrmError(f"there is no column '{name}' at this step (columns: "
                           + ", ".join(self.types) + ")")
        return qi(name)

    def numeric(self, name: str) -> str:
        col = self.column(name)
        if not is_numeric_type(self.types[name]):
            raise CrmError(f"column '{name}' is {self.types[name]}, not a number; add a "
                           "'cast to number' step before this one")
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
        raise CrmError(f"'{name}' must be one of {', '.join(allowed)} (got {value!r})")


def _columns_list(value: Any, name: str = "columns") -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise CrmError(f"'{name}' must be a non-empty list of column names")


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
            raise CrmError("fill with a constant needs a 'value'")

    def touched(self, roles):
        return [self.column]

    def build(self, ctx):
        col, dtype = ctx.column(self.column), ctx.types.get(self.column, "")
        blank = blank_sql(col, dtype)
        params: list = []
        if self.method == "constant":
            if not ctx.fetch("SELECT TRY_CAST(? AS " + dtype + ") IS NOT NULL", [str(self.value)])[0][0]:
                raise CrmError(f"the value {self.value!r} does not fit column '{self.column}' ({dtype})")
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
            raise CrmError("forward fill needs an 'order' column (or a date role on the table)")
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
            raise CrmError(f"date format {self.format!r} needs strftime codes such as %Y-%m-%d")

    def touched(self, roles):
        return [self.column]

    def build(self, ctx):
        col, dtype = ctx.column(self.column), ctx.types.get(self.column, "")
        if self.to == "text":
            expr = f"CAST({col} AS VARCHAR)"
        elif self.to in ("number", "integer"):
            number = (f"CAST({col} AS DOUBLE)" if is_numeric_type(dtype)
                      else number_expr(f"CAST({col} AS VARCHAR)", self.decimal))
            expr = number if self.to == "number" else f"CAST(round({number}) AS BIGINT)"
        else:
            expr = self._date(ctx, col, dtype)
        return _replace(ctx, {self.column: expr}), []

    def _date(self, ctx: Context, col: str, dtype: str) -> str:
        if is_temporal_type(dtype):
            return f"CAST({col} AS TIMESTAMP)"
        if is_numeric_type(dtype):
            return timestamp_expr(f"CAST({col} AS BIGINT)", [COMPACT_DATE_FORMAT])
        fmt = self.format if self.format != "auto" else detect_date_format(ctx, col)
        expr = timestamp_expr(col, [fmt])
        return expr if any(code in fmt for code in ("%H", "%M", "%S")) else f"CAST({expr} AS DATE)"


def detect_date_format(ctx: Context, col: str) -> str:
    """The known format that parses most of a sample of the column (ISO wins ties)."""
    formats = [*DATE_FORMATS, COMPACT_DATE_FORMAT]
    counts = ", ".join(f"count(try_strptime(v, {sql_str(f)}))" for f in formats)
    row = ctx.fetch(f"SELECT {counts} FROM (SELECT trim(CAST({col} AS VARCHAR)) AS v FROM {ctx.rel} "
                    f"WHERE {col} IS NOT NULL AND trim(CAST({col} AS VARCHAR)) <> '' LIMIT ?)",
                    [DATE_SNIFF_ROWS])[0]
    best = max(range(len(formats)), key=lambda i: (row[i], -i))
    if not row[best]:
        raise CrmError(f"no known date format fits column {col}; give the format, e.g. %d/%m/%Y")
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
                raise CrmError(f"column '{name}' is {ctx.types[name]}, not text")
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
            raise CrmError("'mapping' must be a non-empty object of old value → new value")
        seen: dict[str, str] = {}
        for old, new in self.mapping.items():
            key = self._key(str(old))
            if key in seen and seen[key] != new:
                raise CrmError(f"the mapping sends {old!r} to both {seen[key]!r} and {new!r}")
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


@dataclass
class FilterRange(Step):
    """Keep rows whose number or date lies in [min, max] (e.g. age 18–60)."""

    kind: ClassVar[str] = "filter_range"
    column: str = ""
    min: Any = None
    max: Any = None
    keep_missing: bool = False

    def __post_init__(self) -> None:
        if self.min in (None, "") and self.max in (None, ""):
            raise CrmError("a range filter needs a 'min', a 'max' or both")

    def build(self, ctx):
        col, dtype = ctx.column(self.column), ctx.types.get(self.column, "")
        if is_temporal_type(dtype):
            target = "TIMESTAMP"
        elif is_numeric_type(dtype):
            target = "DOUBLE"
        else:
            raise CrmError(f"column '{self.column}' is {dtype}; cast it to a number or date first")
        conds, params = [], []
        for op, bound in ((">=", self.min), ("<=", self.max)):
            if bound in (None, ""):
                continue
            if ctx.fetch(f"SELECT TRY_CAST(? AS {target}) IS NULL", [str(bound)])[0][0]:
                raise CrmError(f"the bound {bound!r} is not a valid {target.lower()} for '{self.column}'")
            conds.append(f"CAST({col} AS {target}) {op} CAST(? AS {target})")
            params.append(str(bound))
        where = " AND ".join(conds)
        if self.keep_missing:
            where = f"({where}) OR {col} IS NULL"
        return f"SELECT * FROM {ctx.rel} WHERE {where}", params


@dataclass
class Returns(Step):
    """Cancellations/returns (order id ``C…`` or negative quantity/amount): remove, or keep as
    negative revenue so net sales are right."""

    kind: ClassVar[str] = "returns"
    action: str = "remove"

    def __post_init__(self) -> None:
        _choice(self.action, ("remove", "negative"), "action")

    def touched(self, roles):
        if self.action == "remove":
            return []
        return [c for c in (roles.get("quantity"), roles.get("amount")) if c]

    def build(self, ctx):
        signs = [c for c in (ctx.role("quantity"), ctx.role("amount")) if c]
        order = ctx.role("order_id")
        tests = [cancel_id_sql(qi(order))] if order else []
        tests += [f"{number_sql(qi(c), ctx.types[c])} < 0" for c in signs]
        if not tests:
            raise CrmError("finding returns needs an order id, quantity or amount role on the table")
        is_return = "coalesce(" + " OR ".join(tests) + ", false)"
        if self.action == "remove":
            return f"SELECT * FROM {ctx.rel} WHERE NOT {is_return}", []
        for name in signs:
            ctx.numeric(name)
        return _replace(ctx, {c: f"CASE WHEN {is_return} THEN -abs({qi(c)}) ELSE {qi(c)} END"
                              for c in signs}), []


@dataclass
class Outliers(Step):
    """Cap values at, or drop rows beyond, the outlier fences the profile reports."""

    kind: ClassVar[str] = "outliers"
    column: str = ""
    action: str = "cap"

    def __post_init__(self) -> None:
        _choice(self.action, ("cap", "drop"), "action")

    def touched(self, roles):
        return [self.column] if self.action == "cap" else []

    def build(self, ctx):
        col = ctx.numeric(self.column)
        quantiles, mad = ctx.fetch(
            f"SELECT quantile_cont({col}::DOUBLE, [0.05, 0.25, 0.5, 0.75, 0.95]), mad({col}::DOUBLE) "
            f"FROM {ctx.rel}")[0]
        fences = outlier_fences(quantiles, mad) if quantiles and quantiles[2] is not None else None
        if fences is None:
            return f"SELECT * FROM {ctx.rel}", []
        low, high, _ = fences
        if self.action == "drop":
            return f"SELECT * FROM {ctx.rel} WHERE {col} IS NULL OR {col} BETWEEN ? AND ?", [low, high]
        dtype = ctx.types[self.column]
        capped = f"CAST(CASE WHEN {col} < ? THEN ? WHEN {col} > ? THEN ? ELSE {col} END AS {dtype})"
        return _replace(ctx, {self.column: capped}), [low, low, high, high]


DERIVE_OPS = {"multiply": "({a}) * ({b})", "add": "({a}) + ({b})", "subtract": "({a}) - ({b})",
              "divide": "({a}) / NULLIF({b}, 0)"}


@dataclass
class Derive(Step):
    """A new (or replaced) column from two others, e.g. amount = quantity × unit_price."""

    kind: ClassVar[str] = "derive"
    name: str = ""
    left: str = ""
    op: str = "multiply"
    right: str = ""

    def __post_init__(self) -> None:
        _choice(self.op, tuple(DERIVE_OPS), "op")
        if not str(self.name).strip():
            raise CrmError("a derived column needs a 'name'")

    def touched(self, roles):
        return [self.name]

    def build(self, ctx):
        a = number_sql(ctx.column(self.left), ctx.types.get(self.left, ""))
        b = number_sql(ctx.column(self.right), ctx.types.get(self.right, ""))
        return _replace(ctx, {self.name: DERIVE_OPS[self.op].format(a=a, b=b)}), []


STEP_KINDS: dict[str, type[Step]] = {cls.kind: cls for cls in (
    DropMissing, FillMissing, DropDuplicates, Cast, TrimText, MapValues, FilterRange, Returns,
    Outliers, Derive)}
"""Every step kind a recipe may use, by its JSON ``kind``."""


def step_from_dict(data: Any, position: int = 1) -> Step:
    """Build a step from its JSON object; errors say which step and which field is wrong."""
    if not isinstance(data, dict) or "kind" not in data:
        raise CrmError(f"Step {position} must be an object with a 'kind'.")
    kind = data["kind"]
    cls = STEP_KINDS.get(kind)
    if cls is None:
        raise CrmError(f"Step {position}: unknown kind {kind!r}; known kinds: {', '.join(STEP_KINDS)}.")
    allowed = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(allowed) - {"kind"})
    if unknown:
        raise CrmError(f"Step {position} ({kind}): unknown field(s) {', '.join(unknown)}; "
                       f"allowed: {', '.join(allowed)}.")
    missing = [n for n, f in allowed.items() if n not in data and f.default is MISSING
               and f.default_factory is MISSING]
    if missing:
        raise CrmError(f"Step {position} ({kind}): missing field(s) {', '.join(missing)}.")
    for name in ("column", "name", "left", "right"):
        if name in allowed and (not isinstance(data.get(name, ""), str) or not data.get(name)):
            raise CrmError(f"Step {position} ({kind}): '{name}' must name a column.")
    try:
        return cls(**{k: v for k, v in data.items() if k != "kind"})
    except CrmError as exc:
        raise CrmError(f"Step {position} ({kind}): {exc}") from None


@dataclass
class Recipe:
    """An ordered list of steps; JSON round-trips exactly."""

    steps: list[Step] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "steps": [s.to_dict() for s in self.steps]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Recipe:
        """Parse a saved recipe; a malformed file raises a CrmError saying where."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CrmError(f"The recipe is not valid JSON: {exc}.") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Recipe:
        steps = data.get("steps") if isinstance(data, dict) else data
        if not isinstance(steps, list):
            raise CrmError("A recipe is a JSON object with a 'steps' list.")
        if isinstance(data, dict) and data.get("version", VERSION) > VERSION:
            raise CrmError(f"This recipe is version {data['version']}; this app reads up to {VERSION}.")
        return cls([step_from_dict(s, i) for i, s in enumerate(steps, start=1)])

    def add(self, step: Step) -> Recipe:
        return Recipe([*self.steps, step])

    def without_last(self) -> Recipe:
        """The recipe with its last step undone."""
        return Recipe(self.steps[:-1])


def mapping_from_text(text: str) -> dict[str, str]:
    """``old = new`` lines (as typed on the page) into a mapping; ``=`` or ``→`` separate."""
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        sep = "→" if "→" in line else "="
        if sep not in line:
            raise CrmError(f"Mapping line {number} needs 'old = new' (got {line.strip()!r}).")
        old, new = line.split(sep, 1)
        mapping[old.strip()] = new.strip()
    return mapping


def load_recipe(path) -> Recipe:
    """Read a recipe file; a missing file is a clear error."""
    file = Path(path)
    if not file.is_file():
        raise CrmError(f"Recipe file {file} does not exist.")
    return Recipe.from_json(file.read_bytes())


@dataclass
class Compiled:
    """The CTE chain: stage 0 is the raw table (plus row number), stage i is after step i."""

    table: str
    stages: list[tuple[str, list]]
    types: list[dict[str, str]]

    def prefix(self, upto: int) -> tuple[str, list]:
        """``WITH s0 AS (…), … s<upto> AS (…)`` and its parameters, in text order."""
        parts = [f"s{i} AS ({sql})" for i, (sql, _) in enumerate(self.stages[: upto + 1])]
        params = [p for _, ps in self.stages[: upto + 1] for p in ps]
        return "WITH " + ", ".join(parts) + " ", params

    def final(self) -> tuple[str, list]:
        """The SELECT producing the cleaned rows, in the raw table's order."""
        prefix, params = self.prefix(len(self.stages) - 1)
        return f"{prefix}SELECT * EXCLUDE ({qi(ROW)}) FROM s{len(self.stages) - 1} ORDER BY {qi(ROW)}", params


def compile_recipe(con: duckdb.DuckDBPyConnection, table: str, recipe: Recipe,
                   roles: dict[str, str] | None = None, stage_tables: list[str] | None = None) -> Compiled:
    """Check every step against the columns it will see and build the SQL chain.

    With ``stage_tables`` (a list to fill) each stage is also materialised as a temporary
    table, so applying a recipe runs every step once (fences, counts and the final write
    read the stage instead of recomputing the chain); the caller drops them.
    """
    roles = roles if roles is not None else get_roles(con, table)
    base = f"SELECT *, rowid AS {qi(ROW)} FROM {qi(table)}"
    compiled = Compiled(table, [(base, [])], [dict(store.columns_of(con, table))])
    for i, step in enumerate(recipe.steps, start=1):
        prefix, params = compiled.prefix(i - 1)
        ctx = Context(con, table, f"s{i - 1}", compiled.types[-1], roles, prefix, params)
        try:
            sql, step_params = step.build(ctx)
            described = con.execute(f"DESCRIBE {prefix}{sql}", params + step_params).fetchall()
            if stage_tables is not None:
                temp = f"__crm_stage_{uuid.uuid4().hex[:10]}"
                con.execute(f"CREATE TEMP TABLE {qi(temp)} AS {prefix}{sql}", params + step_params)
                stage_tables.append(temp)
                sql, step_params = f"SELECT * FROM {qi(temp)}", []
        except CrmError as exc:
            raise CrmError(f"Step {i} ({step.kind}) on table '{table}': {exc}.") from None
        except duckdb.Error as exc:
            raise CrmError(f"Step {i} ({step.kind}) does not fit table '{table}': "
                           f"{str(exc).splitlines()[0]}") from None
        compiled.stages.append((sql, step_params))
        compiled.types.append({r[0]: r[1] for r in described if r[0] != ROW})
    return compiled


def table_summary(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
    """Rows, empty cells and exact duplicate rows: the before/after numbers."""
    columns = store.columns_of(con, table)
    blanks = " + ".join(f"count(*) FILTER (WHERE {blank_sql(qi(c), t)})" for c, t in columns) or "0"
    rows, empty = con.execute(f"SELECT count(*), {blanks} FROM {qi(table)}").fetchone()
    dupes = duplicate_rows(con, table, columns) if columns else 0
    return {"rows": int(rows), "empty_cells": int(empty), "duplicate_rows": dupes}


def default_target(table: str) -> str:
    return f"{table}_clean"


def _check_target(con: duckdb.DuckDBPyConnection, table: str, into: str) -> None:
    if into == table:
        raise CrmError(f"A recipe never overwrites its raw table '{table}'; choose another name.")
    if store.table_exists(con, into):
        kind = con.execute(f"SELECT kind FROM {store.META}.catalog WHERE name = ?", [into]).fetchone()
        if not kind or kind[0] != "clean":
            raise CrmError(f"Table '{into}' exists and was not made by a recipe; choose another name.")


def apply_recipe(con: duckdb.DuckDBPyConnection, table: str, recipe: Recipe, into: str | None = None,
                 roles: dict[str, str] | None = None) -> dict[str, Any]:
    """Write the cleaned table (``<table>_clean`` unless ``into``) and report rows per step.

    The raw table stays as it is; the cleaned one carries the raw table's roles for the
    columns it still has, and replaces an earlier cleaned table of the same name.
    """
    store.require_table(con, table)
    into = into or default_target(table)
    _check_target(con, table, into)
    roles = roles if roles is not None else get_roles(con, table)
    stages: list[str] = []
    try:
        compiled = compile_recipe(con, table, recipe, roles, stage_tables=stages)
        counts = [con.execute(f"SELECT count(*) FROM {qi(t)}").fetchone()[0] for t in [table, *stages]]
        sql, params = compiled.final()
        kept_roles = {r: c for r, c in roles.items() if c in compiled.types[-1]}
        info = store.write_table(con, into, sql, params, source=f"recipe on {table}", kind="clean",
                                 parent=table, roles=kept_roles, replace=True,
                                 run_params=json.dumps(recipe.to_dict(), ensure_ascii=False))
    except duckdb.Error as exc:
        raise CrmError(f"The recipe could not be applied to '{table}' (nothing was changed): "
                       f"{str(exc).splitlines()[0]}") from None
    finally:
        for temp in stages:
            con.execute(f"DROP TABLE IF EXISTS {qi(temp)}")
    steps = [{"step": i, "kind": s.kind, "summary": s.summary(), "rows_before": counts[i - 1],
              "rows_after": counts[i]} for i, s in enumerate(recipe.steps, start=1)]
    return {"table": table, "into": into, "rows_before": counts[0], "rows_after": info.rows,
            "steps": steps, "before": table_summary(con, table), "after": table_summary(con, into)}


@dataclass
class StepPreview:
    """What one step would do: rows removed, values changed or emptied, and examples."""

    rows_before: int
    rows_after: int
    removed: int
    changed: int
    emptied: int
    examples: Any = None


def preview_step(con: duckdb.DuckDBPyConnection, table: str, recipe: Recipe, index: int,
                 roles: dict[str, str] | None = None, limit: int = PREVIEW_ROWS) -> StepPreview:
    """Preview step ``index`` (1-based) of ``recipe``: compare the rows before and after it."""
    if not 1 <= index <= len(recipe.steps):
        raise CrmError(f"The recipe has no step {index}.")
    compiled = compile_recipe(con, table, Recipe(recipe.steps[:index]), roles)
    prefix, params = compiled.prefix(index)
    before, after = compiled.types[index - 1], compiled.types[index]
    roles = roles if roles is not None else get_roles(con, table)
    touched = [c for c in recipe.steps[index - 1].touched(roles) if c in after]
    join = f"s{index - 1} b JOIN s{index} a USING ({qi(ROW)})"
    diff = " OR ".join(f"CAST({_side('b', c, before)} AS VARCHAR) IS DISTINCT FROM CAST(a.{qi(c)} AS VARCHAR)"
                       for c in touched) or "false"
    emptied = " OR ".join(f"(b.{qi(c)} IS NOT NULL AND a.{qi(c)} IS NULL)"
                          for c in touched if c in before) or "false"
    row = con.execute(
        f"""{prefix}SELECT (SELECT count(*) FROM s{index - 1}), (SELECT count(*) FROM s{index}),
                   (SELECT count(*) FROM s{index - 1} b ANTI JOIN s{index} a USING ({qi(ROW)})),
                   (SELECT count(*) FROM {join} WHERE {diff}),
                   (SELECT count(*) FROM {join} WHERE {emptied})""", params).fetchone()
    if touched:
        shown = ", ".join(f"{_side('b', c, before)} AS {qi(c + ' (before)')}, "
                          f"a.{qi(c)} AS {qi(c + ' (after)')}" for c in touched)
        sample_sql = f"SELECT {shown} FROM {join} WHERE {diff} ORDER BY b.{qi(ROW)} LIMIT ?"
    else:
        sample_sql = (f"SELECT b.* EXCLUDE ({qi(ROW)}) FROM s{index - 1} b ANTI JOIN s{index} a "
                      f"USING ({qi(ROW)}) ORDER BY b.{qi(ROW)} LIMIT ?")
    examples = con.execute(prefix + sample_sql, params + [limit]).df()
    return StepPreview(*(int(v) for v in row), examples=examples)


def _side(alias: str, column: str, types: dict[str, str]) -> str:
    return f"{alias}.{qi(column)}" if column in types else "NULL"

