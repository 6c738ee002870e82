"""JSON exports as web APIs write them: records inside an envelope, objects inside records.

``{"status": "ok", "count": 400, "data": [{…}, …]}`` (or ``{"result": {"orders": […]}}``) was
one row holding a list, and ``{"customer": {"id": 7}}`` a STRUCT column no analysis groups by.
A one-row document with a list of records becomes those records (the envelope's other fields
describe the response, not the customers; with several lists, the shallowest, then the
longest), a document of
columns (pandas' default ``to_json()``: ``{"amount": {"0": 12.5, …}}``) becomes one row per
key, and nested objects become ``customer.id`` columns (pandas' ``json_normalize`` naming).
Lists inside a record (an order's line items) stay lists: exploding them would repeat the
order's amount per line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.workspace.sqlutil import qi, sql_str

RECORD = "__record"
KEY = "__row"


def records_source(con, options: str, path: str) -> str:
    """A SELECT (one ``?`` for the file) over the JSON file's records, nested objects flattened;
    ``options`` are ``read_json_auto``'s. A key in few of a column's objects still makes a column of
    its own (DuckDB's default made the whole object a MAP when each key was in under a tenth of them:
    Segment's ``properties``, ``{}`` on page calls, kept its orders' ``revenue`` in a MAP no sum reads);
    an object of over 200 distinct keys stays a MAP."""
    reader = f"read_json_auto(?, {options}, field_appearance_threshold=0)"
    columns, one_row = _head(con, reader, path)
    if one_row and _column_document(columns):  # few row labels read as objects: read as maps
        reader = f"read_json_auto(?, {options}, map_inference_threshold=0)"
        columns, one_row = _head(con, reader, path)
    if one_row and _split_document(columns):
        return _split_source(con, reader, path, any(name == "index" for _, name, _ in columns))
    base = reader
    if one_row and all(dtype.id == "map" for _, _, dtype in columns):
        base = f"(SELECT unnest(map_keys({columns[0][0]})) AS {KEY}, * FROM {reader})"
        columns = [(f"{expr}[{KEY}]", name, dict(dtype.children)["value"])
                   for expr, name, dtype in columns]
    elif one_row:
        lists = [found for expr, _, dtype in columns for found in _record_lists(expr, dtype)]
        lists = [(e, r) for d, e, r in lists if d == min((d for d, _, _ in lists), default=0)]
        if len(lists) > 1:  # the shallowest lists first (pandas' orient="table" nests its schema)
            lengths = con.execute(f"SELECT {', '.join(f'len({e})' for e, _ in lists)} FROM {reader}",
                                  [path]).fetchone()
            lists = [lists[lengths.index(max(lengths))]]
        if lists:
            expr, record = lists[0]
            base = f"(SELECT unnest({expr}) AS {RECORD} FROM {reader})"
            columns = [(f"{RECORD}.{qi(n)}", n, t) for n, t in record.children]
    return _flat_select(columns, base)


def flat_source(con, select: str, path: str) -> str:
    """``select`` (one ``?`` for the file) with its nested objects as ``customer.id`` columns: a
    Parquet file's STRUCT columns, as a JSON file's objects are."""
    columns, _ = _head(con, f"({select})", path)
    return _flat_select(columns, f"({select})")


def _flat_select(columns: list[tuple[str, str, object]], base: str) -> str:
    """SELECT of ``base``'s columns, nested objects flattened (:func:`_flatten`)."""
    flat = [f"{expr} AS {qi(name)}" for column in columns for expr, name in _flatten(*column)]
    return f"SELECT {', '.join(flat)} FROM {base}"


def _split_document(columns: list[tuple[str, str, object]]) -> bool:
    """pandas' ``to_json(orient="split")``: ``{"columns": [names], "index": […], "data": [[row]]}``."""
    types = {name: dtype for _, name, dtype in columns}
    data, names = types.get("data"), types.get("columns")
    return (set(types) <= {"columns", "index", "data"} and data is not None and names is not None
            and data.id == "list" and data.child.id == "list" and str(names) == "VARCHAR[]")


def _split_source(con, reader: str, path: str, has_index: bool) -> str:
    """The rows of a split document under their column names, as text (typed like a CSV's).
    The index becomes a column ``index`` unless it is pandas' default row number."""
    default = "coalesce(TRY_CAST(index AS BIGINT[]) = range(len(data)), false)" if has_index else "true"
    names, plain = con.execute(f"SELECT columns, {default} FROM {reader}", [path]).fetchone()
    cells = [f"json_extract_string(to_json({RECORD}[{i + 1}]), '$') AS {qi(n)}" for i, n in enumerate(names)]
    index = [] if plain else [f"json_extract_string(to_json({KEY}), '$') AS {qi('index')}"]
    unnest = f"unnest(data) AS {RECORD}" + ("" if plain else f", unnest(index) AS {KEY}")
    return f"SELECT {', '.join(index + cells)} FROM (SELECT {unnest} FROM {reader})"


def _head(con, reader: str, path: str) -> tuple[list[tuple[str, str, object]], bool]:
    """(quoted column, name, type) of the file's columns, and whether it has one row only."""
    head = con.sql(f"SELECT * FROM {reader} LIMIT 2", params=[path])
    columns = [(qi(n), n, t) for n, t in zip(head.columns, head.types, strict=True)]
    return columns, len(head.fetchall()) == 1


def _column_document(columns: list[tuple[str, str, object]]) -> bool:
    """pandas' ``to_json()`` default: every column an object keyed by the same row labels."""
    keys = [tuple(n for n, _ in t.children) if t.id == "struct" else None for _, _, t in columns]
    return len(columns) >= 2 and keys[0] is not None and all(k == keys[0] for k in keys)


def _record_lists(expr: str, dtype, depth: int = 0) -> Iterator[tuple[int, str, object]]:
    """Lists of objects in a value with their depth, looking inside objects: ``data``,
    ``result.orders``."""
    if dtype.id == "list" and dtype.child.id == "struct":
        yield depth, expr, dtype.child
    elif dtype.id == "struct":
        for field, child in dtype.children:
            yield from _record_lists(f"{expr}.{qi(field)}", child, depth + 1)


def _flatten(expr: str, name: str, dtype) -> Iterator[tuple[str, str]]:
    """A column, or one column per leaf of a nested object (``customer.address.city``). A key
    whose values differ in type (``"amount": 12.5`` here, ``"12.50"`` there) is DuckDB's JSON
    type, which no sum reads: its values as written, as text, typed afterwards as a CSV's."""
    if dtype.id == "struct" and dtype.children:
        for field, child in dtype.children:
            yield from _flatten(f"{expr}.{qi(field)}", f"{name}.{field}", child)
    elif str(dtype) == "JSON":
        yield f"({expr} ->> '$')", name
    else:
        yield expr, name


LINES = "__lines"


def read_lines(con, path: str) -> tuple[int, list[int]]:
    """Read a JSON-lines file line by line into the temp table ``__lines`` (``line``; its number
    is ``rowid + 1``: the table keeps the file's order); returns the count of lines that are not
    blank and the numbers of those that are no JSON object (a truncated last line, a log message
    written among the records)."""
    con.execute(f"DROP TABLE IF EXISTS {LINES}")
    con.execute(
        f"CREATE TEMP TABLE {LINES} AS SELECT column0 AS line FROM read_csv(?, columns = "
        "{'column0': 'VARCHAR'}, delim = chr(0), quote = '', escape = '', header = false, "
        "auto_detect = false, parallel = false, strict_mode = false)", [path])
    filled, bad = con.execute(
        f"SELECT count(*) FILTER (WHERE trim(coalesce(line, '')) <> ''), "
        f"list(rowid + 1 ORDER BY rowid) FILTER (WHERE trim(coalesce(line, '')) <> '' "
        f"AND NOT coalesce(json_valid(line) AND starts_with(ltrim(line), '{{'), false)) FROM {LINES}"
    ).fetchone()
    return int(filled), list(bad or [])


def few_enough(con, filled: int, bad: list[int]) -> bool:
    """Whether the broken lines of ``__lines`` may be left out: at most one in a hundred, or a
    lone last line cut short (an interrupted download). A floor of one bad line in any file
    loaded a two-line file from its second line alone, its broken first record dropped."""
    if len(bad) * 100 <= filled:
        return True
    last = con.execute(f"SELECT max(rowid) + 1 FROM {LINES} WHERE trim(coalesce(line, '')) <> ''")
    return bad == [last.fetchone()[0]]


def copy_object_lines(con, copy: str) -> None:
    """Write the JSON-object lines of ``__lines`` to ``copy`` (a valid line holds no raw control
    character, so no delimiter or quote of the CSV writer can touch it)."""
    con.execute(f"COPY (SELECT line FROM {LINES} WHERE json_valid(line) AND starts_with(ltrim(line), '{{') "
                f"ORDER BY rowid) TO {sql_str(copy)} "
                "(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER chr(1))")


def forget_lines(con) -> None:
    """Drop ``__lines`` (the file's text held in memory)."""
    con.execute(f"DROP TABLE IF EXISTS {LINES}")


LOCATE_BYTES = 32 << 20
"""The largest broken JSON document whose break is looked for (Python's parser holds it whole)."""


def broken_document(path: str, name: str) -> CrmError | None:
    """Where a JSON document (not JSON lines) breaks, in words: DuckDB says "Malformed JSON … at
    byte 50 in record/value 2", which names no line an analyst can open the file at. None when
    Python's parser reads the document (DuckDB refused it for another reason) or the file is
    larger than :data:`LOCATE_BYTES`: DuckDB's reason is said as it is."""
    if os.path.getsize(path) > LOCATE_BYTES:
        return None
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        text = fh.read()
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        key = "load.error.json_cut" if _cut_at(text, exc) else "load.error.json_broken"
        return CrmError(Sentence(key, file=name, line=f"{exc.lineno:,}", column=f"{exc.colno:,}"))
    return None


def _cut_at(text: str, exc: json.JSONDecodeError) -> bool:
    """The document ends where it breaks (a download cut short): nothing after the break, or a
    string opened there that runs to the end."""
    rest = text[exc.pos:].strip()
    return not rest or (exc.msg.startswith("Unterminated string") and "\n" not in rest)
