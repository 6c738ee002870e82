"""A text export's column of JSON objects, one per row, read as columns of their own.

PostHog's events export (and a SQL client's dump of any JSON column) keeps every event property in one
``properties`` cell: ``{"$current_url": "…", "revenue": 29.0}``. As text, nothing in it can be a role, so a
purchase event's revenue was no amount (judge48). Each top-level key becomes a ``properties.<key>`` column,
named as :mod:`crm_core.load.jsonshape` names a JSON file's nested objects; the JSON column stays as uploaded.
"""

from __future__ import annotations

from crm_core.workspace.sqlutil import qi

MAX_KEYS = 80
"""Keys unpacked per column, the most frequent first: a property bag can carry hundreds."""
_HEAD_ROWS = 1000
_OBJECT = "coalesce(json_valid({c}) AND starts_with(ltrim({c}), '{{'), false)"


def object_columns(con, table: str) -> list[str]:
    """Text columns whose every filled cell is a JSON object (and that have some); the first rows pick
    the columns to check in full, so a long export's other text columns are not parsed."""
    text = [c for c, t, *_ in con.execute(f"DESCRIBE {qi(table)}").fetchall() if t == "VARCHAR"]
    for rows in (f"(SELECT * FROM {qi(table)} LIMIT {_HEAD_ROWS})", qi(table)):
        if not text:
            return []
        found = con.execute(f"SELECT {', '.join(_all_objects(c) for c in text)} FROM {rows}").fetchone()
        text = [c for c, yes in zip(text, found, strict=True) if yes]
    return text


def _all_objects(column: str) -> str:
    """True when the column has a filled cell and every filled cell is a JSON object."""
    filled, test = f"FILTER (WHERE trim({qi(column)}) <> '')", _OBJECT.format(c=qi(column))
    return f"(count({qi(column)}) {filled} > 0 AND coalesce(bool_and({test}) {filled}, false))"


def unpack(con, table: str) -> list[str]:
    """Add the JSON columns' keys as columns (text, typed by the caller); returns the names added."""
    existing = {c for c, *_ in con.execute(f"DESCRIBE {qi(table)}").fetchall()}
    added: list[tuple[str, str, str]] = []
    for column in object_columns(con, table):
        keys = con.execute(f"SELECT k FROM (SELECT unnest(json_keys({qi(column)})) k FROM {qi(table)} "
                           f"WHERE trim({qi(column)}) <> '') GROUP BY k ORDER BY count(*) DESC, k "
                           f"LIMIT {MAX_KEYS}").fetchall()
        added += [(column, _path(k), f"{column}.{k}") for (k,) in keys if f"{column}.{k}" not in existing]
    if added:
        select = ", ".join(f"NULLIF(json_extract_string({qi(c)}, ?), '') AS {qi(n)}" for c, _, n in added)
        con.execute(f"CREATE OR REPLACE TABLE {qi(table)} AS SELECT *, {select} FROM {qi(table)}",
                    [p for _, p, _ in added])
    return [n for *_, n in added]


def _path(key: str) -> str:
    """The JSON path of a top-level key, quoted (``$``, dots and spaces are common in property names)."""
    return '$."' + key.replace('"', '\\"') + '"'
