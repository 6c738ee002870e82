"""JSON exports as web APIs write them: records inside an envelope, objects inside records.

``{"status": "ok", "count": 400, "data": [{…}, …]}`` (or ``{"result": {"orders": […]}}``) was
one row holding a list, and ``{"customer": {"id": 7}}`` a STRUCT column no analysis groups by.
A one-row document with exactly one list of records becomes those records (the envelope's other
fields describe the response, not the customers), and nested objects become ``customer.id``
columns (pandas' ``json_normalize`` naming). Lists inside a record (an order's line items) stay
lists: exploding them would repeat the order's amount per line.
"""

from __future__ import annotations

from collections.abc import Iterator

from crm_core.workspace.sqlutil import qi

RECORD = "__record"


def records_source(con, reader: str, path: str) -> str:
    """A SELECT (one ``?`` for the file) over the JSON file's records, nested objects flattened."""
    head = con.sql(f"SELECT * FROM {reader} LIMIT 2", params=[path])
    columns = [(qi(n), n, t) for n, t in zip(head.columns, head.types, strict=True)]
    base = reader
    if len(head.fetchall()) == 1:
        lists = [found for expr, _, dtype in columns for found in _record_lists(expr, dtype)]
        if len(lists) == 1:
            expr, record = lists[0]
            base = f"(SELECT unnest({expr}) AS {RECORD} FROM {reader})"
            columns = [(f"{RECORD}.{qi(n)}", n, t) for n, t in record.children]
    flat = [f"{expr} AS {qi(name)}" for column in columns for expr, name in _flatten(*column)]
    return f"SELECT {', '.join(flat)} FROM {base}"


def _record_lists(expr: str, dtype) -> Iterator[tuple[str, object]]:
    """Lists of objects in a value, looking inside objects: ``data``, ``result.orders``."""
    if dtype.id == "list" and dtype.child.id == "struct":
        yield expr, dtype.child
    elif dtype.id == "struct":
        for field, child in dtype.children:
            yield from _record_lists(f"{expr}.{qi(field)}", child)


def _flatten(expr: str, name: str, dtype) -> Iterator[tuple[str, str]]:
    """A column, or one column per leaf of a nested object (``customer.address.city``)."""
    if dtype.id == "struct" and dtype.children:
        for field, child in dtype.children:
            yield from _flatten(f"{expr}.{qi(field)}", f"{name}.{field}", child)
    else:
        yield expr, name
