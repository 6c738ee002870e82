"""People a masked load used to keep plain (pii27): a buyer's nickname, a list of associated
contacts, and the row's own name or company repeated inside free text.

- ``nickname``: 微店 / 有赞 ``买家昵称``, ``微信昵称``, eBay ``Buyer Username``, ``From Name``. Chosen by the
  person and often their name in part (🎵建华); pseudonymised, never linked on.
- ``people``: HubSpot's ``Associated Contact`` ("Jane Doe;John Roe", "Richard Moore (e-mail)"): names,
  so the whole value is pseudonymised (a token per distinct list keeps counts).
- a free-text column (``Deal Name`` "Dallas Cycles - 2012 season", a 买家留言 "张伟的订单") where a row
  repeats its own masked name or company: that text becomes ``[company]`` / ``[name]``, the rest stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import duckdb

from crm_core.workspace.sqlutil import qi

HINTS: dict[str, re.Pattern[str]] = {
    "nickname": re.compile(r"昵称|nick[ _-]?name|user[ _-]?name|^from[ _-]?name$", re.IGNORECASE),
    "people": re.compile(r"^(associated[ _-]?)?contacts?([ _-]?names?)?$|^关联联系人$", re.IGNORECASE),
}
"""Headers naming these kinds; like a name, they are only looked for under such a header."""

_LIST_SEPARATOR = re.compile(r"[;；]")
_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
PLACEHOLDERS = {"name": "[name]", "staff": "[name]", "remark_name": "[name]", "company": "[company]"}
"""Masked kinds whose raw value is looked for inside the same row's free text, and what replaces it."""
MIN_CHARS = 2


def is_nickname(value: str) -> bool:
    """A chosen handle: short text that is not a bare number (an id or a count is not a nickname)."""
    return len(value) <= 40 and not value.replace(".", "").isdigit()


def people_check(is_name: Callable[[str], bool]) -> Callable[[str], bool]:
    """Every entry of a ``;`` list is a name, a trailing ``(e-mail)`` or ``(title)`` aside."""
    def is_people(value: str) -> bool:
        parts = [_TRAILING_NOTE.sub("", p).strip() for p in _LIST_SEPARATOR.split(value)]
        return all(p and is_name(p) for p in parts)
    return is_people


UNNAMED_SQL = "crm_unnamed"
_WORD = "0-9A-Za-z"


@lru_cache(maxsize=4096)
def _own_pattern(value: str) -> re.Pattern[str]:
    """The row's own value in a text whatever its case ("JOHN SMITH", "john smith"); a Latin name as
    whole words only (Linda in "LINDA's" and in "Linda的订单", never in "Belinda"), a Chinese one
    anywhere (刘勇的订单)."""
    before = "" if _is_han(value[0]) else f"(?<![{_WORD}])"
    after = "" if _is_han(value[-1]) else f"(?![{_WORD}])"
    return re.compile(before + re.escape(value) + after, re.IGNORECASE)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def unnamed(text: str | None, value: str | None, placeholder: str) -> str | None:
    """``text`` with the row's own ``value`` (:func:`_own_pattern`) replaced by ``placeholder``; a value
    shorter than :data:`MIN_CHARS` is looked for nowhere."""
    own = (value or "").strip()
    if text is None or len(own) < MIN_CHARS:
        return text
    return _own_pattern(own).sub(placeholder, text)


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Make :func:`unnamed` callable from SQL: DuckDB compiles a regular expression taken from a column once
    per row (12 s for 100,000 notes, 57 s with word edges); Python's is compiled once per distinct value."""
    if not con.execute("SELECT 1 FROM duckdb_functions() WHERE function_name = ?", [UNNAMED_SQL]).fetchall():
        con.create_function(UNNAMED_SQL, unnamed, ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR",
                            null_handling="special", side_effects=False)


def _unnamed_call(expr: str, source: str, placeholder: str) -> str:
    return f"{UNNAMED_SQL}({expr}, CAST({qi(source)} AS VARCHAR), '{placeholder}')"


def named_texts(con: duckdb.DuckDBPyConnection, stage: str, texts: list[str],
                sources: list[str]) -> list[str]:
    """The text columns in which some row (all rows are read) repeats that row's own name or company, in
    any case."""
    if not texts or not sources:
        return []
    register(con)

    def holds_own(text: str) -> str:
        value = f"CAST({qi(text)} AS VARCHAR)"
        return " OR ".join(f"{_unnamed_call(value, s, '')} <> {value}" for s in sources)

    counts = con.execute("SELECT " + ", ".join(f"count_if({holds_own(t)})" for t in texts)
                         + f" FROM {qi(stage)}").fetchone()
    return [t for t, n in zip(texts, counts, strict=True) if n]


def unnamed_sql(expr: str, sources: dict[str, str]) -> str:
    """``expr`` with each source column's value of the row, in any case, replaced by its placeholder
    (needs :func:`register` on the connection)."""
    for source, kind in sources.items():
        expr = _unnamed_call(expr, source, PLACEHOLDERS[kind])
    return expr
