"""A cell that lists people, a line each: a name, the papers shown and their number (大麦's 实名观演人
"朱勇桂 身份证 3101…", a ticket holder per line; a tour's 出行人 "John Smith Passport E1234…"). Only the
row's own names were looked for inside text (judge91), so the companions on the other lines stayed in the
clear; a cell whose every line has this shape is read as a list of people instead, and each line becomes
``[name] 身份证 [id]`` (the papers' word kept: it says how many tickets and of which kind).
"""

from __future__ import annotations

_GAP = "[ \\t\u3000]"
_NAME_PART = "[^0-9\\s\u3000\\[\\]()（）:：,，;；|/@]{1,20}"
_NAME = f"{_NAME_PART}(?: {_NAME_PART}){{0,3}}"
"""A name of up to four words, no digit, bracket or separator in it (so ``[name]`` is no name)."""
_PAPERS = ("(?:(?:居民)?身份证|护照|港澳(?:居民来往内地)?通行证|台湾居民来往大陆通行证|台胞证|回乡证"
           "|军官证|士兵证|(?:外国人)?永久居留(?:身份)?证|(?i:passport|national id|id card))")
"""The papers a ticket, a flight or a customs declaration is bought on, as their word is written; a bare
``ID`` is not one ("Order ID 100234" is a reference, not a person)."""
_NUMBER = "[A-Za-z]{0,2}[0-9*][0-9A-Za-z*]{4,19}"
"""The papers' number: a 身份证号, a passport's E12345678, one shown with stars (3101**********6881)."""
_SAID = f"{_GAP}+{_PAPERS}{_GAP}*[:：]?{_GAP}*"
_LINE = f"{_GAP}*{_NAME}{_SAID}{_NUMBER}{_GAP}*\\r?"
_CELL = f"\\s*{_LINE}(?:\\n\\s*{_LINE})*\\s*"


def is_list_sql(expr: str) -> str:
    """SQL true where every line of ``expr`` is a person's name, papers and number."""
    return f"regexp_full_match({expr}, '{_CELL}')"


def masked_sql(expr: str) -> str:
    """SQL of ``expr`` with each listed person's name and number masked, where it is such a list."""
    line = f"(^|\\n)({_GAP}*){_NAME}({_SAID}){_NUMBER}"
    return (f"CASE WHEN {is_list_sql(expr)} "
            f"THEN regexp_replace({expr}, '{line}', '\\1\\2[name]\\3[id]', 'g') ELSE {expr} END")
