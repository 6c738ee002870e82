"""A text date read once per SELECT on Spark.

DuckDB SQL repeats a text date's ``try_strptime`` freely: the short-year second look names its first reading
three times, and a bookings table with a text arrival reads it in the view's date and in every rule that
tests a booking still to come (52 readings, left38's rule). DuckDB shares the work; on Spark each reading
becomes one regex per format (:mod:`crm_core.engine.text_dates`), 2.7 MB of Spark SQL that Spark did not
finish in 24 min ("Code grows beyond 64 KB", spark27). Each distinct reading of a SELECT over one table (or
one named subquery) is made once, as a column of a subquery over it under its own name, and the SELECT
names it.
"""

from __future__ import annotations

_PREFIX = "__crm_read_"


def read_once(tree):
    """``tree`` (DuckDB SQL, parsed) with each SELECT's repeated ``try_strptime`` readings computed once (a
    reading made once stays where it is: the short-year second look is made only where the first needs it)."""
    from sqlglot import exp

    for number, select in enumerate(list(tree.find_all(exp.Select))):
        _hoist(select, f"{_PREFIX}{number}_")
    return tree


def _hoist(select, prefix: str) -> None:
    """Move ``select``'s own readings into a subquery over its one source (a table, or a named subquery:
    ``table_kind.date_share``'s sample), when nothing there can tell."""
    from sqlglot import exp

    source = select.args.get("from_")
    table = source.this if source else None
    named = isinstance(table, exp.Table) or (isinstance(table, exp.Subquery) and table.alias)
    if not named or select.args.get("joins") or _has_star(select):
        return
    name = table.alias_or_name
    aliases = {p.alias for p in select.expressions if p.alias}
    readings = [node for node in select.find_all(exp.Anonymous) if node.name.lower() == "try_strptime"
                and node.find_ancestor(exp.Select) is select and _own(node, name, aliases)]
    texts = [node.sql(dialect="duckdb") for node in readings]
    repeated = [text for text in dict.fromkeys(texts) if texts.count(text) > 1]  # one stays where it is
    if not repeated:
        return
    columns = {text: f"{prefix}{k}" for k, text in enumerate(repeated)}
    made = [exp.alias_(readings[texts.index(text)].copy(), column) for text, column in columns.items()]
    for node, text in zip(readings, texts, strict=True):
        if text in columns:
            node.replace(exp.column(columns[text]))
    inner = exp.select(exp.Star(), *made).from_(table.copy())
    source.set("this", exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier(name))))


def _has_star(select) -> bool:
    """A ``*`` would show the made columns."""
    from sqlglot import exp

    return any(isinstance(p, exp.Star) or (isinstance(p, exp.Column) and isinstance(p.this, exp.Star))
               for p in select.expressions)


def _own(node, table: str, aliases: set[str]) -> bool:
    """A reading of the table's own columns only: no subquery, no other table, no alias of the SELECT."""
    from sqlglot import exp

    columns = list(node.find_all(exp.Column))
    return (node.find(exp.Select) is None
            and all(c.table in ("", table) and c.name not in aliases for c in columns))
