"""A repeated one-value subquery asked once on Spark, its answer written in.

The transaction view repeats a rule wherever it leaves rows out, and a bookings table's rule for a stay still
to come holds two subqueries over the whole table: the arrival's day order (``day_order.month_first_sql``,
built without a connection) and the newest arrival (a ``max`` over both day orders' readings). DuckDB
computes each once per query; Spark plans and compiles every copy, and segment's aggregate over that view
was a 14,000-line class Janino refused before the driver's heap gave out (spark28). Each such subquery, the
same text at least twice and answering one value, is asked once (a small query of its own) and replaced by
its answer; a ``CASE`` whose test is then a known true or false keeps only its branch.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Ask = Callable[[str], "tuple | None"]
"""Runs DuckDB SQL ``SELECT CAST(x AS VARCHAR), typeof(x) …`` and gives its one row, or None where the
subquery cannot stand alone (it names a column of the query around it)."""

_SINGLE = re.compile(r"boolean|date|timestamp(_ntz)?|tinyint|smallint|int|integer|bigint|hugeint|float|real"
                     r"|double|decimal\(\d+,\s*\d+\)|string|varchar", re.I)
"""The types whose text casts back to the same value (a list's or an interval's does not)."""


def scalars_once(tree, ask: Ask | None):
    """``tree`` with each repeated one-value subquery replaced by its answer, innermost first (the newest
    arrival holds the day order: once the day order is written in, its copies read the same)."""
    while ask is not None:
        groups = _repeated(tree)
        answered = False
        for copies in groups:
            literal = _answer(copies[0], ask)
            if literal is None:
                continue
            for copy in copies:
                copy.replace(literal.copy())
            answered = True
        if not answered:
            break
        tree = tree.transform(_known_branch)
    return tree


def _repeated(tree) -> list[list]:
    """The copies of each one-value subquery that stands alone and appears at least twice."""
    from sqlglot import exp

    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    copies: dict[str, list] = {}
    for node in tree.find_all(exp.Subquery):
        if _one_value(node, ctes):
            copies.setdefault(node.sql(dialect="duckdb"), []).append(node)
    return [nodes for nodes in copies.values() if len(nodes) > 1]


def _one_value(node, ctes: set[str]) -> bool:
    """A scalar subquery that aggregates one table without grouping: one row, whatever the table holds;
    no subquery inside (asked after its own), no parameter, no name only the query around it knows."""
    from sqlglot import exp

    select = node.this
    if (node.alias or isinstance(node.parent, exp.From | exp.Join | exp.In | exp.Exists)
            or not isinstance(select, exp.Select) or len(select.expressions) != 1
            or list(select.find_all(exp.Select)) != [select]):
        return False
    if any(select.args.get(part) for part in ("group", "having", "limit", "offset", "joins", "qualify")):
        return False
    tables = list(select.find_all(exp.Table))
    own = {t.alias_or_name for t in tables}
    return (len(tables) == 1 and tables[0].name not in ctes
            and select.expressions[0].find(exp.AggFunc) is not None
            and select.find(exp.Window, exp.Placeholder, exp.Parameter) is None
            and all(c.table in ("", *own) for c in select.find_all(exp.Column)))


def _answer(node, ask: Ask):
    """The subquery's value as a typed literal (``true``/``false`` bare), or None if it cannot be asked or
    its text is not its value."""
    from sqlglot import exp

    row = ask(f"SELECT CAST(x AS VARCHAR), typeof(x) FROM (SELECT {node.sql(dialect='duckdb')} AS x) AS one")
    if row is None:
        return None
    text, kind = row
    if kind.lower() in ("null", "void"):  # an untyped NULL
        return exp.Null()
    if not _SINGLE.fullmatch(kind):
        return None
    if kind.lower() == "boolean":
        return exp.Null() if text is None else exp.Boolean(this=text.lower() == "true")
    value = exp.Null() if text is None else exp.Literal.string(text)
    return exp.cast(value, exp.DataType.build(kind, dialect="duckdb"))


def _known_branch(node):
    """A ``CASE WHEN`` whose first tests are known: false ones dropped, a true one its branch."""
    from sqlglot import exp

    if not isinstance(node, exp.Case) or node.args.get("this") is not None:
        return node
    ifs = list(node.args.get("ifs") or [])
    while ifs and isinstance(ifs[0].this, exp.Boolean):
        if ifs[0].this.this:
            return ifs[0].args["true"]
        ifs.pop(0)
    if len(ifs) == len(node.args.get("ifs") or []):
        return node
    if not ifs:
        return node.args.get("default") or exp.Null()
    return exp.Case(ifs=ifs, default=node.args.get("default"))
