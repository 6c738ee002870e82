"""People a masked load used to keep plain (pii27): a buyer's nickname, a list of associated
contacts, and the row's own name or company repeated inside free text.

- ``nickname``: 微店 / 有赞 ``买家昵称``, ``微信昵称``, eBay ``Buyer Username``, ``From Name`` (Ko-fi's bare
  ``From``, judge78), and a ``客户名称`` that is no person's name (企业微信's 客户列表 writes the contact's
  WeChat name there, judge68; a real name is caught first as one). Chosen by the person and often their
  name in part (🎵建华); pseudonymised, never linked on.
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

from crm_core.protect import member_names
from crm_core.workspace.sqlutil import qi

HINTS: dict[str, re.Pattern[str]] = {
    "nickname": re.compile(r"昵称|nick[ _-]?name|user[ _-]?name|^from([ _-]?name)?$|^(客户|粉丝)名称$"
                           rf"|{member_names.HEADER}", re.IGNORECASE),
    "people": re.compile(r"^(associated[ _-]?)?contacts?([ _-]?names?)?$|^关联联系人$", re.IGNORECASE),
    # a gift's dedication (Givebutter, Donorbox, Zeffy; judge73): someone else than the donor
    "honoree": re.compile(r"honou?ree|^in[ _-]?(honou?r|memory)[ _-]?of$|^(dedication|tribute)[ _-]?name$"
                          r"|^dedicated[ _-]?to$|^(被)?(纪念|致敬)(人|对象)(姓名)?$", re.IGNORECASE),
    # the member who brought the row's member in (Skool's Invited By, judge90): another person
    "referrer": re.compile(r"^(invited|referred|introduced)[ _-]?by$|^referr(er|al)[ _-]?name$"
                           r"|^推荐人(姓名)?$|^邀请人$", re.IGNORECASE),
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
CASE_APART = ("\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2"
              "\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442\u044a\u0463"
              "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06")
"""Lower-case letters Python's ``re.IGNORECASE`` also takes for another letter (ı for i, ſ for s, ς for σ:
``re._casefix``). Where neither a text nor a name holds one, a case-blind match is a match of their
lower case."""
SPACES = ("\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
          "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""What ``str.strip()`` takes off a value (the ideographic space of a Chinese export among them)."""
UNFOLDED = "\u0390\u03b0\u1fd3\u1fe3\ufb05\ufb06"
"""Letters Python's ``re.IGNORECASE`` takes for another (ΐ and ΐ, ΰ and ΰ, ﬅ and ﬆ) that DuckDB's
``lower(upper(x))`` keeps apart; every other pair it equates (ı and i, ſ and s, ς and σ, K and k) gets one
form there."""


_APART = re.compile(f"[{CASE_APART}\u0307]")
"""Python's ``lower()`` writes İ as i + U+0307 (the one letter whose lower case is two characters)."""
_WORD_CHAR = re.compile(f"[{_WORD}]", re.IGNORECASE)
"""A character that ends a word for :func:`_own_pattern`'s edges (K, ı, ſ among them, case-blind as there)."""
_FIELD_KEY = re.compile(r":\S")
"""A word right before ``:`` and a value names a field, not a person: Big Cartel's packed ``Items`` cell
(``quantity:1|price:28.0``) beside a buyer surnamed Price (judge86)."""


def _re2_class(chars: str) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"


@lru_cache(maxsize=4096)
def _own_pattern(value: str) -> re.Pattern[str]:
    """The row's own value in a text whatever its case ("JOHN SMITH", "john smith"); a Latin name as
    whole words only (Linda in "LINDA's" and in "Linda的订单", never in "Belinda"), a Chinese one
    anywhere (刘勇的订单)."""
    before = "" if _is_han(value[0]) else f"(?<![{_WORD}])"
    after = "" if _is_han(value[-1]) else f"(?![{_WORD}]|{_FIELD_KEY.pattern})"
    return re.compile(before + re.escape(value) + after, re.IGNORECASE)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def unnamed(text: str | None, value: str | None, placeholder: str) -> str | None:
    """``text`` with the row's own ``value`` (:func:`_own_pattern`) replaced by ``placeholder``; a value
    shorter than :data:`MIN_CHARS` is looked for nowhere."""
    own = (value or "").strip()
    if text is None or len(own) < MIN_CHARS:
        return text
    low_text, low_own = text.lower(), own.lower()
    both = low_text + low_own
    if not both.isascii() and (len(both) != len(text) + len(own) or _APART.search(both)):
        return _own_pattern(own).sub(placeholder, text)
    return _replace_lowered(text, low_text, low_own, placeholder)


def _replace_lowered(text: str, low_text: str, low_own: str, placeholder: str) -> str:
    """What :func:`_own_pattern`'s ``sub`` gives, found in the lower-case text: with no letter of
    :data:`CASE_APART` in either, a case-blind match is a match of the lower-case forms. Compiling a
    case-blind pattern costs about 1 ms per distinct name, most of the time of 50M notes by millions of
    buyers; here no pattern is compiled."""
    edge_before, edge_after = not _is_han(low_own[0]), not _is_han(low_own[-1])
    parts, kept, at = [], 0, low_text.find(low_own)
    while at >= 0:
        end = at + len(low_own)
        inside_word = (edge_before and at and _WORD_CHAR.match(text, at - 1)
                       or edge_after and (_WORD_CHAR.match(text, end) or _FIELD_KEY.match(text, end)))
        if inside_word:
            at = low_text.find(low_own, at + 1)  # inside a word (Belinda): the pattern tries the next place
            continue
        parts += [text[kept:at], placeholder]
        kept, at = end, low_text.find(low_own, end)
    return "".join(parts) + text[kept:] if parts else text


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Make :func:`unnamed` callable from SQL: DuckDB compiles a regular expression taken from a column once
    per row (12 s for 100,000 notes, 57 s with word edges), so the name is looked for in Python."""
    if not con.execute("SELECT 1 FROM duckdb_functions() WHERE function_name = ?", [UNNAMED_SQL]).fetchall():
        con.create_function(UNNAMED_SQL, unnamed, ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR",
                            null_handling="special", side_effects=False)


def _source(source: str) -> str:
    return f"CAST({qi(source)} AS VARCHAR)"


def may_hold_sql(expr: str, source: str) -> str:
    """SQL that is false only where :func:`unnamed` keeps ``expr`` as it is: the value, case folded, is
    not in the text, also case folded, and has no blank at an end (Python strips it) nor a letter of
    :data:`UNFOLDED`. DuckDB decides it for every row at once; most notes never name their own buyer, and
    those never reach Python."""
    value = _source(source)
    edge, odd = _re2_class(SPACES), _re2_class(UNFOLDED)
    return (f"(contains(lower(upper({expr})), lower(upper({value}))) "
            f"OR regexp_matches({value}, '^{edge}|{edge}$|{odd}'))")


def _unnamed_call(expr: str, source: str, placeholder: str) -> str:
    return f"{UNNAMED_SQL}({expr}, {_source(source)}, '{placeholder}')"


def named_texts(con: duckdb.DuckDBPyConnection, stage: str, texts: list[str],
                sources: list[str]) -> list[str]:
    """The text columns in which some row repeats that row's own name or company, in any case: every row is
    read until the first one that does (one is enough to mask the column)."""
    if not texts or not sources:
        return []
    return [t for t in texts if any(_holds_own(con, stage, t, s) for s in sources)]


def _holds_own(con: duckdb.DuckDBPyConnection, stage: str, text: str, source: str) -> bool:
    """Whether a row of ``text`` holds its own ``source`` value: the rows SQL cannot rule out
    (:func:`may_hold_sql`) are read a vector at a time until one does."""
    value = f"CAST({qi(text)} AS VARCHAR)"
    rows = con.execute(f"SELECT {value}, {_source(source)} FROM {qi(stage)} "
                       f"WHERE {may_hold_sql(value, source)}")
    while batch := rows.fetchmany(2048):
        if any(unnamed(t, v, "") != t for t, v in batch):
            con.abort()  # the rest of the rows are not needed (and would keep the connection busy)
            return True
    return False


def unnamed_sql(expr: str, sources: dict[str, str]) -> str:
    """``expr`` with each source column's value of the row, in any case, replaced by its placeholder
    (needs :func:`register` on the connection). Rows none of whose values may be in the text keep it
    without a call to Python; a row that may hold one goes through every source in turn, as before."""
    replaced = expr
    for source, kind in sources.items():
        replaced = _unnamed_call(replaced, source, PLACEHOLDERS[kind])
    may = " OR ".join(may_hold_sql(expr, s) for s in sources)
    return f"CASE WHEN {may} THEN {replaced} ELSE {expr} END"
