"""DuckDB's JSON questions in Spark's words. On Spark JSON is text: ``TRY_CAST(x AS JSON)`` is the
text itself (SQLGlot writes ``to_json``, which serialises a value and never parses one), whether it
parses is ``try_parse_json`` and its kind the head of ``schema_of_variant``; a JSON array's items
are ``from_json(…, 'array<string>')`` (an object item comes back as its own JSON text).

Recommend asks so of a column named like an item list (GA4's ``items`` flattened to CSV) before
reading it one row per item: without these spellings it was refused on Spark ("uses json_valid").
"""

from __future__ import annotations

_SPARK_KINDS = {"STRING": "VARCHAR", "VOID": "NULL", "DECIMAL": "DOUBLE"}
"""``schema_of_variant``'s head word where DuckDB's ``json_type`` says another (an integer is
``UBIGINT`` there unless negative; a number with a point or beyond 64 bits ``DOUBLE``)."""


def json_text(node):
    """A cast to JSON as the text cast: Spark keeps JSON as text (first pass, so ``json_type`` and
    ``json_array_length`` of a cast are spelt on the text in the next)."""
    from sqlglot import exp

    if isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.JSON):
        return node.this
    return node


def json_form(node):
    """``json_valid``, ``json_type``, ``json_array_length`` and
    ``unnest(CAST(json_extract(x, '$…[*]') AS JSON[]))`` as Spark says them, with DuckDB's
    answers (NULL in, NULL out); any other node unchanged."""
    from sqlglot import exp

    if _one_argument(node, "json_valid"):
        text = node.expressions[0]
        return exp.If(this=exp.Is(this=text.copy(), expression=exp.Null()), true=exp.Null(),
                      false=exp.Not(this=exp.Is(this=_parsed(text), expression=exp.Null())))
    if isinstance(node, exp.JSONType):
        return _json_kind(node.this)
    if _one_argument(node, "json_array_length"):
        text = node.expressions[0]  # DuckDB: 0 for JSON that is no array, Spark NULL
        length = exp.Coalesce(this=node.copy(), expressions=[exp.Literal.number(0)])
        return exp.If(this=exp.Is(this=_parsed(text), expression=exp.Null()), true=exp.Null(), false=length)
    if isinstance(node, exp.Cast) and _is_json_list(node.to) and _all_items(node.this):
        path = node.this.expression
        array = exp.JSONPath(expressions=path.expressions[:-1])
        whole = exp.JSONExtract(this=node.this.this, expression=array)
        return exp.Anonymous(this="FROM_JSON", expressions=[whole, exp.Literal.string("ARRAY<STRING>")])
    return node


def _one_argument(node, name: str) -> bool:
    from sqlglot import exp

    return isinstance(node, exp.Anonymous) and node.name.lower() == name and len(node.expressions) == 1


def _parsed(text):
    from sqlglot import exp

    return exp.Anonymous(this="TRY_PARSE_JSON", expressions=[text.copy()])


def _json_kind(text):
    """DuckDB's ``json_type`` of JSON text: ARRAY, OBJECT, VARCHAR, BOOLEAN, NULL, DOUBLE, BIGINT or
    UBIGINT (a non-negative integer)."""
    from sqlglot import exp

    schema = exp.Anonymous(this="SCHEMA_OF_VARIANT", expressions=[_parsed(text)])
    head = exp.RegexpExtract(this=schema, expression=exp.Literal.string("^[A-Z]+"),
                             group=exp.Literal.number(0))
    negative = exp.Like(this=exp.Trim(this=text.copy()), expression=exp.Literal.string("-%"))
    integer = exp.If(this=negative, true=exp.Literal.string("BIGINT"), false=exp.Literal.string("UBIGINT"))
    ifs = [exp.If(this=exp.Literal.string(spark), true=exp.Literal.string(duck))
           for spark, duck in _SPARK_KINDS.items()]
    ifs.append(exp.If(this=exp.Literal.string("BIGINT"), true=integer))
    return exp.Case(this=head, ifs=ifs, default=head.copy())


def _is_json_list(kind) -> bool:
    from sqlglot import exp

    return (kind.is_type(exp.DataType.Type.ARRAY) and len(kind.expressions) == 1
            and kind.expressions[0].is_type(exp.DataType.Type.JSON))


def _all_items(node) -> bool:
    """Whether ``node`` is ``json_extract(x, '$…[*]')``: every item of an array."""
    from sqlglot import exp

    if not isinstance(node, exp.JSONExtract) or not isinstance(node.expression, exp.JSONPath):
        return False
    last = node.expression.expressions[-1]
    return isinstance(last, exp.JSONPathSubscript) and isinstance(last.this, exp.JSONPathWildcard)
