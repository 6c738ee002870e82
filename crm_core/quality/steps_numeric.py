"""Cleaning steps on numbers and rows: keep a range, returns, outliers, derived columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from crm_core.errors import CrmError
from crm_core.i18n import Sentence, Term
from crm_core.quality.profile import cancel_id_sql, outlier_fences
from crm_core.quality.steps import Step, _choice, _replace, type_said
from crm_core.report.format import type_word
from crm_core.workspace.roles import is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import number_sql


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
            raise CrmError(Sentence("clean.error.range_bounds"))

    def build(self, ctx):
        col, dtype = ctx.column(self.column), ctx.types.get(self.column, "")
        if is_temporal_type(dtype):
            target = "TIMESTAMP"
        elif is_numeric_type(dtype):
            target = "DOUBLE"
        else:
            raise CrmError(Sentence("clean.error.range_type", column=self.column, dtype=type_said(dtype)))
        conds, params = [], []
        for op, bound in ((">=", self.min), ("<=", self.max)):
            if bound in (None, ""):
                continue
            if ctx.fetch(f"SELECT TRY_CAST(? AS {target}) IS NULL", [str(bound)])[0][0]:
                said = Term(target.lower(), zh=type_word(target, "zh"))
                raise CrmError(Sentence("clean.error.range_bound", bound=repr(bound), target=said,
                                        column=self.column))
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
            raise CrmError(Sentence("clean.error.returns_roles"))
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
            raise CrmError(Sentence("clean.error.derived_name"))

    def touched(self, roles):
        return [self.name]

    def build(self, ctx):
        a = number_sql(ctx.column(self.left), ctx.types.get(self.left, ""))
        b = number_sql(ctx.column(self.right), ctx.types.get(self.right, ""))
        return _replace(ctx, {self.name: DERIVE_OPS[self.op].format(a=a, b=b)}), []
