"""Personal data written inside free text: e-mail addresses, phone numbers and 身份证号 in a note,
a ticket's description, a 买家留言. A masked load keeps the text and replaces each of them by
``[email]`` / ``[phone]`` / ``[id]``; every row is read (in SQL), not a sample, because one note in
thousands is enough to leak.
"""

from __future__ import annotations

import re

import duckdb

from crm_core.protect import holder_lines
from crm_core.workspace.sqlutil import qi

_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_DIGIT = "[0-9０-９]"
"""A digit as typed, ASCII or full-width (a Chinese input method writes １３８００１３８０００)."""
_SEP = "[\\s.\u3000－-]"
_INTL = rf"[+＋][1-9]{_DIGIT}{{0,2}}{_SEP}?(?:\(?{_DIGIT}{{1,4}}\)?{_SEP}?){{2,5}}{_DIGIT}{{2,4}}"
_CN_MOBILE = rf"(?:(?:00|[+＋])86{_SEP}?)?[1１][3-9３-９]{_DIGIT}{_SEP}?{_DIGIT}{{4}}{_SEP}?{_DIGIT}{{4}}"
_AREA = (r"(?:[2-79](?:0[1-9]|[1-9][0-9])"
         r"|8(?:0[1-9]|[129][0-9]|3[0-24-9]|4[0-35-9]|5[0-46-9]|6[0-57-9]|7[0-68-9]|8[0-79]))")
"""A North American area code: no service code (N00: 800 …, China's 400 hotlines), no toll-free 8NN."""
_NANP = rf"(?:1[ .-])?(?:\({_AREA}\) ?|{_AREA}[ .-])[2-9][0-9]{{2}}[ .-][0-9]{{4}}"
_NATIONAL = rf"\(?0[1-79]{_DIGIT}{{1,3}}\)?[ -]{_DIGIT}{{3,4}}[ -]?{_DIGIT}{{3,4}}"
"""A number dialled at home after a trunk 0 (020 7946 0958, 07700 900123, 021-62345678); 08… is a hotline
(0800 freephone, 0845 …), a business's number, and stays."""
_CN_ID = (r"(^|[^0-9A-Za-z_-])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
          r"[0-9]{3}[0-9Xx]($|[^0-9A-Za-z_-])")
"""An 18-character 身份证号 standing alone inside text (大麦's 实名观演人 "张伟 身份证 3101…", a line per
ticket; judge91): its birth date's shape keeps an order number out. Groups 1 and 2 are kept."""
_PHONE = (rf"(^|[^0-9A-Za-z０-９_#/+＋-])(?:{_INTL}|{_CN_MOBILE}|{_NANP}|{_NATIONAL})"
          r"($|[^0-9A-Za-z０-９_-])")
"""A phone number standing alone: no digit, letter, ``#`` or dash right beside it (an order number
``#415-555-0134``, a SKU ``BR-2045-0012``, 8240100000003530 hold none). Groups 1 and 2 are the characters
beside it, kept."""


NOTES_HEADER = re.compile(
    r"^((medical|clinical|patient|treatment|case)[ _-]?)?(notes?|comments?|remarks?|memo)$"
    r"|^(备注|病历|病情|诊断|症状|病史)(说明|信息)?$"
    r"|^(gift|card)[ _-]?(message|note)s?$|^notes?[ _-]?(to|for)[ _-]?(the[ _-]?)?recipient$", re.IGNORECASE)
"""A free-text note's header (Cliniko's ``Notes``, 备注, 病历): a condition written there stays in the
clear. A gift or card message is one too (Printful's ``Gift message`` "Happy birthday Maya!", judge94)."""


def kept_notes(names: list[str]) -> list[str]:
    """The note columns a masked load keeps as written, to say so: only e-mails and phones are looked for."""
    return [name for name in names if NOTES_HEADER.search(name.strip())]


def redact_expr(col: str) -> str:
    """SQL that replaces e-mail addresses, phone numbers and 身份证号 inside free text by ``[email]`` /
    ``[phone]`` / ``[id]`` (a note that mentions a customer's number keeps the note, not the number); a list
    of people a line each loses every name and number first (:mod:`holder_lines`)."""
    listed = holder_lines.masked_sql(f"CAST({col} AS VARCHAR)")
    text = (f"regexp_replace(regexp_replace({listed}, '{_EMAIL}', '[email]', 'g'), "
            f"'{_PHONE}', '\\1[phone]\\2', 'g')")
    return f"regexp_replace({text}, '{_CN_ID}', '\\1[id]\\2', 'g')"


def embedded_pii(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> dict[str, str]:
    """The text columns of ``table`` in which any value (all rows, not a sample) holds an e-mail
    address, a phone number or a 身份证号 (``free_text``) or lists people a line each (``holders``)."""
    if not columns:
        return {}
    pattern = f"'{_EMAIL}|{_PHONE}|{_CN_ID}'"
    counts = con.execute("SELECT " + ", ".join(
        f"count_if(regexp_matches(CAST({qi(c)} AS VARCHAR), {pattern})), "
        f"count_if({holder_lines.is_list_sql(f'CAST({qi(c)} AS VARCHAR)')})" for c in columns)
        + f" FROM {qi(table)}").fetchone()
    found = zip(columns, counts[::2], counts[1::2], strict=True)
    return {c: "holders" if listed else "free_text" for c, inside, listed in found if inside or listed}
