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
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.quality.describe import describe
from crm_core.quality.profile import blank_sql, duplicate_rows
from crm_core.quality.steps import (
    ROW,
    Cast,
    Context,
    DropDuplicates,
    DropMissing,
    FillMissing,
    MapValues,
    Step,
    TrimText,
)
from crm_core.quality.steps_numeric import Derive, FilterRange, Outliers, Returns
from crm_core.workspace import dberrors, store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.sqlutil import qi

FORMAT = "crm-recipe"
VERSION = 1
PREVIEW_ROWS = 20


STEP_KINDS: dict[str, type[Step]] = {cls.kind: cls for cls in (
    DropMissing, FillMissing, DropDuplicates, Cast, TrimText, MapValues, FilterRange, Returns,
    Outliers, Derive)}
"""Every step kind a recipe may use, by its JSON ``kind``."""


def step_from_dict(data: Any, position: int = 1) -> Step:
    """Build a step from its JSON object; errors say which step and which field is wrong."""
    if not isinstance(data, dict) or "kind" not in data:
        raise CrmError(Sentence("clean.error.step_object", position=position))
    kind = data["kind"]
    cls = STEP_KINDS.get(kind)
    if cls is None:
        raise CrmError(Sentence("clean.error.step_kind", position=position, kind=kind,
                                kinds=Listing(STEP_KINDS)))
    allowed = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(allowed) - {"kind"})
    if unknown:
        raise CrmError(Sentence("clean.error.step_unknown_fields", position=position, kind=kind,
                                fields=Listing(unknown), allowed=Listing(allowed)))
    missing = [n for n, f in allowed.items() if n not in data and f.default is MISSING
               and f.default_factory is MISSING]
    if missing:
        raise CrmError(Sentence("clean.error.step_missing_fields", position=position, kind=kind,
                                fields=Listing(missing)))
    for name in ("column", "name", "left", "right"):
        if name in allowed and (not isinstance(data.get(name, ""), str) or not data.get(name)):
            raise CrmError(Sentence("clean.error.step_column", position=position, kind=kind, name=name))
    try:
        return cls(**{k: v for k, v in data.items() if k != "kind"})
    except CrmError as exc:
        raise CrmError(Sentence("clean.error.step_invalid", position=position, kind=kind,
                                error=exc.args[0])) from None


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
            raise CrmError(Sentence("clean.error.recipe_json", reason=exc)) from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Recipe:
        steps = data.get("steps") if isinstance(data, dict) else data
        if not isinstance(steps, list):
            raise CrmError(Sentence("clean.error.recipe_shape"))
        if isinstance(data, dict) and data.get("version", VERSION) > VERSION:
            raise CrmError(Sentence("clean.error.recipe_newer", version=data['version'], supported=VERSION))
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
            raise CrmError(Sentence("clean.error.mapping_line", number=number, line=repr(line.strip())))
        old, new = line.split(sep, 1)
        mapping[old.strip()] = new.strip()
    return mapping


def load_recipe(path) -> Recipe:
    """Read a recipe file; a missing file is a clear error."""
    file = Path(path)
    if not file.is_file():
        raise CrmError(Sentence("clean.error.recipe_file", file=file))
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
            raise CrmError(Sentence("clean.error.step_on_table", i=i, kind=step.kind, table=table,
                                    error=exc.args[0])) from None
        except duckdb.Error as exc:
            raise CrmError(Sentence("clean.error.step_misfit", i=i, kind=step.kind, table=table,
                                    reason=dberrors.reason(exc))) from None
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
        raise CrmError(Sentence("clean.error.raw_table", table=table))
    if store.table_exists(con, into):
        kind = con.execute(f"SELECT kind FROM {store.META}.catalog WHERE name = ?", [into]).fetchone()
        if not kind or kind[0] != "clean":
            raise CrmError(Sentence("clean.error.not_recipe_table", into=into))


def apply_recipe(con: duckdb.DuckDBPyConnection, table: str, recipe: Recipe, into: str | None = None,
                 roles: dict[str, str] | None = None, lang: str = "en") -> dict[str, Any]:
    """Write the cleaned table (``<table>_clean`` unless ``into``) and report rows per step, each
    described in ``lang``.

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
        info = store.write_table(con, into, sql, params, source=table, kind="clean",
                                 parent=table, roles=kept_roles, replace=True,
                                 run_params=json.dumps(recipe.to_dict(), ensure_ascii=False))
    except duckdb.Error as exc:
        raise CrmError(Sentence("clean.error.apply_failed", table=table,
                                reason=dberrors.reason(exc))) from None
    finally:
        for temp in stages:
            con.execute(f"DROP TABLE IF EXISTS {qi(temp)}")
    steps = [{"step": i, "kind": s.kind, "summary": s.summary(), "description": describe(s, lang),
              "rows_before": counts[i - 1], "rows_after": counts[i]}
             for i, s in enumerate(recipe.steps, start=1)]
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
        raise CrmError(Sentence("clean.error.no_step", index=index))
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
