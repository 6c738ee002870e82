"""DuckDB's spans of time in Spark's words.

A date column kept as Unix seconds, milli-, micro- or nanoseconds (a lake's Parquet, an external
CSV: nothing typed it at load; :func:`crm_core.workspace.sqlutil.epoch_expr`) is read with
``to_seconds``, ``to_milliseconds`` and ``to_microseconds``, which Spark has not: such a table was
refused on Spark by name. Each is Spark's ``make_dt_interval`` over an exact decimal of seconds (a
double would lose the microseconds of a 2024 stamp; Spark's own ``timestamp_seconds`` family answers
in the session's time zone, not DuckDB's zone-less TIMESTAMP).
"""

from __future__ import annotations

_SECONDS_PER = {"to_seconds": 1, "to_milliseconds": 1000, "to_microseconds": 10**6}
"""DuckDB's spans of time by their unit: how many make a second."""


def date_form(node):
    """``to_seconds(n)``, ``to_milliseconds(n)`` and ``to_microseconds(n)`` as Spark's
    day-to-second interval, exact to the microsecond (NULL in, NULL out); any other node unchanged."""
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.lower() in _SECONDS_PER
            and len(node.expressions) == 1):
        return node
    seconds = exp.cast(node.expressions[0].copy(), exp.DataType.build("DECIMAL(38, 6)"))
    per_second = _SECONDS_PER[node.name.lower()]
    if per_second != 1:
        seconds = exp.Div(this=seconds, expression=exp.Literal.number(per_second))
    zero = exp.Literal.number(0)
    return exp.Anonymous(this="make_dt_interval", expressions=[zero, zero.copy(), zero.copy(), seconds])
