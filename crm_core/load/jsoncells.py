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
_OBJECT = "coalesce(json_valid({c}) AND starts_with(ltrim({c}), '{{'), false)"


def object_columns(con, table: str) -> list[str]:
    """Text columns whose every filled cell is a JSON object (and that have some)."""
    text = [c for c, t, *_ in con.execute(f"DESCRIBE {qi(table)}").fetchall() if t == "VARCHAR"]
    if not text:
        return []
    tests = ", ".join(f"count({qi(c)}) FILTER (WHERE trim({qi(c)}) <> '') > 0 AND "
                      f"bool_and({_OBJECT.format(c=qi(c))}) FILTER (WHERE trim({qi(c)}) <> '')" for c in text)
    found = con.execute(f"SELECT {tests} FROM {qi(table)}").fetchone()
    return [c for c, yes in zip(text, found, strict=True) if yes]


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
