"""One form per value, so the same person's phone, e-mail, name and city compare equal.

Phones and e-mails are normalised in SQL (row-heavy); names and cities go through pinyin in
Python, once per *distinct* value. The SQL and Python forms of a phone agree (tests check),
because masking at load hashes the same canonical form (``crm_core.protect.privacy``), so
pseudonymised exports still link on exact keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from crm_core.link.scripts import narrow, simplified, width_sql

# ---------------------------------------------------------------- phones and e-mails


def phone_sql(col: str) -> str:
    """SQL for the canonical phone of quoted column ``col``.

    ``+86 138 1234 5678``, ``138-1234-5678``, ``008613812345678`` and ``8613812345678`` all
    become ``13812345678``; other international numbers keep their country code after ``+``;
    national numbers keep their digits; full-width ``＋８６ １３８…`` is read as ASCII. NULL when
    fewer than 5 digits remain, for an e-mail (a mixed contact column holds both:
    13812345678@qq.com is no phone) or for a masked number (抖音小店 / 拼多多's ``138****5678``
    shows 7 of 11 digits: two buyers share a mask, and it never equals the full number).
    """
    col = width_sql(f"CAST({col} AS VARCHAR)")
    kept = f"regexp_replace({col}, '[^0-9+]', '', 'g')"
    intl = (f"CASE WHEN {kept} LIKE '+%' THEN '+' || replace({kept}, '+', '') "
            f"WHEN {kept} LIKE '00%' THEN '+' || substr(replace({kept}, '+', ''), 3) "
            f"WHEN regexp_matches({kept}, '^861[3-9][0-9]{{9}}$') THEN '+' || {kept} "
            f"ELSE replace({kept}, '+', '') END")
    canon = (f"CASE WHEN ({intl}) LIKE '+86%' THEN "
             f"(CASE WHEN substr({intl}, 4, 1) = '1' THEN substr({intl}, 4) "
             f"ELSE '0' || substr({intl}, 4) END) "
             f"ELSE {intl} END")
    digits = f"length(regexp_replace(CAST({col} AS VARCHAR), '[^0-9]', '', 'g'))"
    text = f"CAST({col} AS VARCHAR)"
    kept_out = f"contains({text}, '@') OR {masked_phone_sql(text)}"
    return f"CASE WHEN {digits} >= 5 AND NOT ({kept_out}) THEN {canon} END"


MASKED_PHONE = r"[*]|[0-9][\s-]*[xX]{2,}[\s-]*[0-9]"
"""Digits hidden by the system that exported them: ``138****5678``, ``138＊＊＊＊5678`` (read narrow) or
``138xxxx5678``. A single ``x`` is an extension (``17023063797x2035``), not a mask."""


def masked_phone_sql(text: str) -> str:
    """SQL: ``text`` (already narrow) shows a phone with hidden digits (:data:`MASKED_PHONE`)."""
    return f"coalesce(regexp_matches({text}, '{MASKED_PHONE}'), false)"


def is_masked_phone(value: str | None) -> bool:
    """Python twin of :func:`masked_phone_sql`: two people can share the digits it shows."""
    return value is not None and re.search(MASKED_PHONE, narrow(str(value))) is not None


def canonical_phone(value: str | None) -> str | None:
    """Python twin of :func:`phone_sql` (for pseudonyms computed outside SQL, and tests)."""
    if value is None:
        return None
    raw = narrow(str(value))
    if len(re.sub(r"[^0-9]", "", raw)) < 5 or "@" in raw or is_masked_phone(raw):  # an e-mail, a mask
        return None
    kept = re.sub(r"[^0-9+]", "", raw)
    if kept.startswith("+"):
        intl = "+" + kept.replace("+", "")
    elif kept.startswith("00"):
        intl = "+" + kept.replace("+", "")[2:]
    elif re.fullmatch(r"861[3-9]\d{9}", kept):
        intl = "+" + kept
    else:
        intl = kept.replace("+", "")
    if intl.startswith("+86"):
        rest = intl[3:]
        return rest if rest[:1] == "1" else "0" + rest
    return intl


SHOWN_MOBILE = r"^1[0-9]{2}\*[0-9]{4}$"
"""The digits a marketplace shows of a masked mobile (京东, 拼多多, 抖音小店 ``139****7664``), the stars
as one."""


def shown_digits_sql(raw: str, phone: str) -> str:
    """SQL of a mobile's shown digits, ``139*7664``: of a masked number (``139****7664``) as written, of a
    full one (``phone``, canonical) its first three and last four. Two masks (or a mask and a number)
    that show other digits are two numbers; showing the same digits they may still be two (judge20)."""
    starred = f"regexp_replace({width_sql(f'CAST({raw} AS VARCHAR)')}, '[xX]{{2,}}', '*', 'g')"
    shown = f"regexp_replace(regexp_replace({starred}, '[^0-9*]', '', 'g'), '[*]+', '*', 'g')"
    return (f"CASE WHEN regexp_matches({phone}, '^1[0-9]{{10}}$') "
            f"THEN left({phone}, 3) || '*' || right({phone}, 4) "
            f"WHEN regexp_matches({shown}, '{SHOWN_MOBILE}') THEN {shown} END")


RELAY_PHONE = r"^(\+?86)?1[0-9]{10}(转|ext\.?|x|#|,)[0-9]{3,5}$|^1[0-9]{14}$"
"""A platform's relay number (美团's 隐私号 ``17023063797转2035``, or its digits run together): lent
to one order and then to the next buyer, so it is no one's own phone. Read without spaces or dashes."""


def relay_sql(col: str) -> str:
    """SQL: ``col`` holds a relay number (:data:`RELAY_PHONE`)."""
    text = f"regexp_replace({width_sql(f'CAST({col} AS VARCHAR)')}, '[\\s-]', '', 'g')"
    return f"coalesce(regexp_full_match(lower({text}), '{RELAY_PHONE}'), false)"


def is_relay(value: str | None) -> bool:
    """Python twin of :func:`relay_sql`."""
    if value is None:
        return False
    return bool(re.fullmatch(RELAY_PHONE, re.sub(r"[\s-]", "", narrow(str(value))).lower()))


def email_sql(col: str) -> str:
    """SQL for the canonical e-mail: ASCII for full-width forms (``ＡＢＣ＠ｑｑ．ｃｏｍ``), lower case,
    no spaces anywhere, NULL without an ``@``."""
    clean = f"lower(regexp_replace({width_sql(f'CAST({col} AS VARCHAR)')}, '\\s+', '', 'g'))"
    return f"CASE WHEN {clean} LIKE '%_@_%' THEN {clean} END"


def canonical_email(value: str | None) -> str | None:
    """Python twin of :func:`email_sql`."""
    if value is None:
        return None
    clean = re.sub(r"\s+", "", narrow(str(value))).lower()
    return clean if re.search(r".@.", clean) else None


def code_sql(col: str) -> str:
    """SQL for an identifier or postcode as typed in any layout: ``123-45-6789`` = ``123 45 6789``,
    ``sw1a 1aa`` = ``SW1A1AA``, and a 身份证号 or 邮编 typed with a Chinese input method
    (``１１０１０１－１９９００３０７－１２３ｘ``, ideographic spaces, an en dash) = ``11010119900307123X``:
    full-width forms as ASCII, then any space or dash dropped (the form masking at load hashes a
    national id in, so masked and plain exports still meet)."""
    text = width_sql(f"CAST({col} AS VARCHAR)")
    return f"nullif(upper(regexp_replace({text}, '[\\s\\p{{Z}}\\p{{Pd}}().]', '', 'g')), '')"


def postcode_sql(col: str) -> str:
    """SQL for a postcode: :func:`code_sql` without leading zeros, which an export that stored
    the column as a number has lost (``02134`` = ``2134``)."""
    return f"nullif(ltrim({code_sql(col)}, '0'), '')"


_DATE_LAYOUTS = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S")
"""Year-first layouts only: ``05/01/1990`` is a different day in different countries."""


def date_sql(col: str) -> str:
    """SQL for a date as ``YYYY-MM-DD`` whether an export typed it as a DATE, ``19151111``,
    ``1915/11/11`` or ``1915年11月11日``; other text is kept as typed."""
    text = f"CAST({col} AS VARCHAR)"
    layouts = ", ".join(f"'{f}'" for f in _DATE_LAYOUTS)
    return f"coalesce(strftime(try_strptime({text}, [{layouts}]), '%Y-%m-%d'), {text})"


def address_sql(col: str) -> str:
    """SQL for a street line: lower case, punctuation and runs of spaces as one space."""
    return f"nullif(trim(lower(regexp_replace(CAST({col} AS VARCHAR), '[\\s,.#]+', ' ', 'g'))), '')"


# ---------------------------------------------------------------- names and cities

_SURNAME_READINGS = {"曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou",
                     "查": "zha", "乐": "yue", "盖": "ge", "缪": "miao", "覃": "qin", "翟": "zhai",
                     "尉": "yu", "召": "shao", "长": "chang", "重": "chong", "秘": "bi", "万": "wan"}
"""Surnames whose reading differs from the character's everyday one (pypinyin reads words)."""

COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "公孙",
                               "夏侯", "尉迟", "长孙", "宇文", "司徒", "端木", "独孤", "南宫", "西门"})
_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_LETTER = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_CITY_SUFFIX = re.compile(r"city$")


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def _fold(text: str) -> str:
    """Lower case without accents (``Zoë`` → ``zoe``, ``Lǚ`` → ``lu``), full-width folded."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _pinyin(text: str) -> list[str]:
    """Toneless pinyin, one syllable per hanzi. pypinyin is imported by the first hanzi name or city
    (its dictionaries take 0.2 s), not by every ``load`` and Customer 360 look-up."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text)


def _han_name_tokens(name: str) -> list[str]:
    """Surname and given name of a hanzi name in pinyin: 张晓明 → [zhang, xiaoming]."""
    han = "".join(_HAN.findall(name))
    split = 2 if han[:2] in COMPOUND_SURNAMES and len(han) > 2 else 1
    surname, given = han[:split], han[split:]
    sur = "".join(_SURNAME_READINGS.get(ch, "") or _pinyin(ch)[0]
                  for ch in surname) if split == 1 else "".join(_pinyin(surname))
    tokens = [sur]
    if given:
        tokens.append("".join(_pinyin(given)))
    return [_fold(t) for t in tokens]


@lru_cache(maxsize=200_000)
def name_key(name: str | None) -> str | None:
    """Order-, case- and script-free name: 张晓明, 張曉明, ``Xiaoming Zhang``, ``ZHANG, Xiao-Ming`` →
    ``xiaoming zhang`` (tokens sorted; pinyin syllables of one given name joined)."""
    if name is None or not str(name).strip():
        return None
    text = simplified(str(name))
    if has_han(text):
        tokens = _han_name_tokens(text)
    else:
        folded = _fold(_without_initials(text)).replace("-", "").replace("'", "").replace("’", "")
        tokens = [t for t in _NOT_LETTER.split(folded) if t]
    return " ".join(sorted(tokens)) or None


def compared_name_key(name: str | None) -> str | None:
    """:func:`name_key` of a name ``link`` compares, None for initials alone (``J. D.``, ``J.D.``): two
    records written so agree on two letters, no evidence of one person (left49); another agreeing field
    still links them."""
    text = str(name or "").strip()
    return None if _INITIALS.fullmatch(text) and not has_han(text) else name_key(name)


_INITIALS = re.compile(r"(?:[^\W\d_](?:\.[\s,]*|[\s,]+|$))+")
"""Letters each alone, a dot or a space after each (``J. D.``, ``J.D.``, ``A``): not ``JD``, nor a hanzi
name of one character (a surname)."""


def _without_initials(text: str) -> str:
    """A written name without its initials when two whole words remain: a hotel's "Ana A. Silva"
    is a CRM's "Ana Silva" (the initial, a token of its own, kept them apart). An initial is a
    letter with a dot, or a capital alone in a name written in mixed case; a lower-case letter
    alone is a typo's split word (FEBRL's "laur a" for "laura": dropped, its letters no longer
    matched, and dataset4's count moved 5,007 → 5,008). "J. R. R. Tolkien" and a one-syllable
    pinyin surname ("E Wen") keep theirs."""
    mixed = any(c.islower() for c in text)
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    kept = [w for w in words if not (_DOTTED.fullmatch(w) or (mixed and _CAPITAL.fullmatch(w)))]
    return " ".join(kept) if sum(len(w) > 1 for w in kept) >= 2 else text


_DOTTED, _CAPITAL = re.compile(r"[^\W\d_]\."), re.compile(r"[A-Z]")


def letters_sql(col: str) -> str:
    """SQL for the sorted letters of a name key: ``hu yiming``, ``yiminghu`` and ``hu yimnig`` →
    ``ghiimnuy`` — a name typed with two letters swapped or a space lost keeps its letters."""
    return f"array_to_string(list_sort(string_split(replace({col}, ' ', ''), '')), '')"


_NAME_SEPARATORS = "[\\s\u3000·・‧•．.]"
"""Spaces (the ideographic one too) and the middle dots that part a transcribed name (阿卜杜·买买提)."""


def han_sql(col: str) -> str:
    """SQL for a name as written in 汉字, spaces and middle dots dropped (``施 婷`` → ``施婷``,
    阿卜杜·买买提 → 阿卜杜买买提), NULL when it is not all 汉字: two such names can share a key
    (``shi ting``) without being one name. ``col`` is already in simplified characters."""
    written = f"regexp_replace({col}, '{_NAME_SEPARATORS}', '', 'g')"
    return f"CASE WHEN regexp_full_match({written}, '\\p{{Han}}+') THEN {written} END"


def turned_sql(col: str) -> str:
    """SQL for a name key's tokens read backwards (``guoqing liu`` → ``liu guoqing``): compared
    with the key as it is, a typo that reorders the sorted tokens still aligns them."""
    return f"array_to_string(list_reverse(string_split({col}, ' ')), ' ')"


@lru_cache(maxsize=50_000)
def city_key(city: str | None) -> str | None:
    """One form per city: 上海, 上海市, ``Shanghai``, ``SHANGHAI CITY`` → ``shanghai``; 臺北市 = 台北市."""
    if city is None or not str(city).strip():
        return None
    text = simplified(str(city).strip())
    if has_han(text):
        text = "".join(_pinyin(re.sub(r"市$", "", text)))
    compact = _NOT_LETTER.sub("", _fold(text))
    return _CITY_SUFFIX.sub("", compact) or compact or None
