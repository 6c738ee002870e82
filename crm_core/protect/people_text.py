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


def _own_value(source: str) -> str:
    """SQL for a regular expression finding the row's own value of ``source`` in a text whatever its case
    ("JOHN SMITH", "john smith"), a Latin name as whole words only (Linda in "LINDA's", never in "Belinda");
    a Chinese name has no spaces round it (刘勇的订单). Groups 1 and 2 hold the characters beside it. A value
    shorter than :data:`MIN_CHARS` looks for chr(1), which no text holds."""
    value = f"trim(CAST({qi(source)} AS VARCHAR))"
    found = f"CASE WHEN length({value}) >= {MIN_CHARS} THEN {value} ELSE chr(1) END"
    before = rf"CASE WHEN regexp_matches({found}, '^\p{{Han}}') THEN '()' ELSE '(^|[^\pL\pN])' END"
    after = rf"CASE WHEN regexp_matches({found}, '\p{{Han}}$') THEN '()' ELSE '($|[^\pL\pN])' END"
    quoted = rf"'\Q' || replace({found}, '\E', '\E\\E\Q') || '\E'"  # the value's own characters, literally
    return f"('(?i)' || {before} || {quoted} || {after})"


def named_texts(con: duckdb.DuckDBPyConnection, stage: str, texts: list[str],
                sources: list[str]) -> list[str]:
    """The text columns in which some row (all rows are read) repeats that row's own name or company."""
    if not texts or not sources:
        return []
    def holds_own(text: str) -> str:
        return " OR ".join(f"regexp_matches(CAST({qi(text)} AS VARCHAR), {_own_value(s)})" for s in sources)

    counts = con.execute("SELECT " + ", ".join(f"count_if({holds_own(t)})" for t in texts)
                         + f" FROM {qi(stage)}").fetchone()
    return [t for t, n in zip(texts, counts, strict=True) if n]


def unnamed_sql(expr: str, sources: dict[str, str]) -> str:
    """``expr`` with each source column's value of the row, in any case, replaced by its placeholder."""
    for source, kind in sources.items():
        expr = rf"regexp_replace({expr}, {_own_value(source)}, '\1{PLACEHOLDERS[kind]}\2', 'g')"
    return expr
