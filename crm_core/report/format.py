"""One formatting layer for what an analyst reads: pages, HTML reports and downloads.

Shown numbers get a form (``28%``, ``¥2,121,321``, ``31,244``, ``0.99``, dates in the UI
language); downloaded numbers keep their precision but lose float noise (money to cents,
other floats to 12 significant digits, so ``100.50000000000001`` is written ``100.5``).
Every function is small and pure so any page or report can adopt it (docs/presentation.md).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import numpy as np
import pandas as pd

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.paid_first import FOREIGN
from crm_core.workspace.sqlutil import qi

CURRENCIES: dict[str, str] = {"": "", "CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}
"""Workspace currency code → the symbol shown before amounts ("" shows plain numbers)."""
SIGNS: dict[str, str] = {**CURRENCIES, "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "MYR": "RM", "TWD": "NT$",
                         "HKD": "HK$", "SGD": "S$", "JPY": "JP¥", "KRW": "₩", "THB": "฿", "PHP": "₱",
                         "IDR": "Rp", "VND": "₫", "INR": "₹", "CHF": "CHF ", "SEK": "SEK ", "NOK": "NOK ",
                         "DKK": "DKK ", "PLN": "PLN ", "MXN": "MX$", "BRL": "R$", "ZAR": "R", "RUB": "₽",
                         "TRY": "₺", "ARS": "ARS ", "CLP": "CLP ", "COP": "COP ", "UYU": "UYU "}
"""Every code money can be shown in: a table's own (``CAD6,464.00``, ``NT$1,200``) too, not one the analyst
picks. ``¥`` is the yuan's: the yen shows ``JP¥``."""
WHOLE: frozenset[str] = frozenset({"JPY", "KRW", "VND", "IDR"})
"""Currencies whose amounts have no cents in use (yen, won, dong, rupiah): shown whole at any size."""
UNITS: dict[str, str] = {"¥": "CNY", "￥": "CNY", "元": "CNY", "人民币": "CNY", "RMB": "CNY", "CNY": "CNY",
                         "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "円": "JPY", "₩": "KRW",
                         "฿": "THB", "₱": "PHP", "₫": "VND", "₹": "INR", "₽": "RUB", "₺": "TRY", "RM": "MYR",
                         "Rp": "IDR",
                         **{sign: code for code, sign in SIGNS.items() if sign.endswith("$") and sign != "$"},
                         **{code: code for code in SIGNS if code}}
"""A symbol or code written beside an amount in an export → the currency code it stands for (``kr`` is
Swedish, Norwegian or Danish: none; ``RM`` the ringgit of Lazada's Malaysian site, judge41)."""
_UNIT = re.compile("|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)))
_CODES = "|".join(code for code in SIGNS if code)
_HEADER_UNIT = re.compile(rf"[(（]\s*([元¥￥€$£]|人民币|RMB|{_CODES})\s*[)）]"
                          r"|(?<![A-Za-z])(RMB|CNY|USD|EUR|GBP)(?![A-Za-z])", re.IGNORECASE)
"""A unit in a header: ``单价(元)``, ``Price (€)``, ``amount_usd``; any code money is shown in, in brackets:
Mercado Libre's ``Total (ARS)`` beside cells written ``$ 1.234,56`` (judge43)."""
CURRENCY_COLUMN = re.compile(r"currency|币种|货币|幣別", re.IGNORECASE)
_SIMPLIFIED = "额单价费货账实应优现钱销订买卖会员号码数库总计据经编称类规"
_TRADITIONAL = "額單價費貨帳賬實應優現錢銷訂買賣會員號碼數庫總計據經編稱類規"
"""Characters of export headers written one way in mainland China (金额, 单价) and another in Taiwan and Hong
Kong (金額, 單價)."""
_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa単価効済払込売円]")
"""Kana letters (not the ・ a Chinese header may borrow), or kanji written so only in Japan (単価, 無効値)."""
MISSING = "—"
SIGNIFICANT = 12
"""Floats in downloads keep this many significant digits: all real precision, none of the noise."""
SHARE_PLACES = 4
"""A share of one in a file: four places, a percent to two decimals (0.7432, not 0.7431729218714718)."""
_PREFS = f"{store.META}.preferences"
_PREFS_DDL = f"CREATE TABLE IF NOT EXISTS {_PREFS} (key VARCHAR PRIMARY KEY, value VARCHAR)"


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def decimals_for(value: float) -> int:
    """Sensible decimals for a plain number: none from 100 up, one from 10, two below."""
    size = abs(value)
    if size >= 100:
        return 0
    return 1 if size >= 10 else 2


def number(value: object, decimals: int | None = None) -> str:
    """``31244.3085`` → ``31,244``; ``0.9919`` → ``0.99``; whole numbers without decimals."""
    if _missing(value):
        return MISSING
    x = float(value)  # type: ignore[arg-type]
    if decimals is None:
        decimals = 0 if x.is_integer() else decimals_for(x)
    return f"{x:,.{decimals}f}"


def numbers(values: Iterable[object]) -> list[str]:
    """A measure's plain numbers in one format, with the decimals its finest fraction needs: a
    profile row read "1" beside "1.00" (walk16) when one segment's mean was whole."""
    kept = [float(v) for v in values if not _missing(v)]  # type: ignore[arg-type]
    decimals = max((_needed(x) for x in kept if not x.is_integer()), default=0)
    return [number(v, decimals) for v in values]


def _needed(value: float) -> int:
    """The fewest decimals that say ``value`` as :func:`decimals_for` rounds it: a median of 8.5
    days needs one, and gave a row of whole days two ("73.00" beside the mean's "82.3", walk21)."""
    most = decimals_for(value)
    return next(d for d in range(most + 1) if round(value, d) == round(value, most))


def percent(share: object, decimals: int = 0) -> str:
    """A share (0.28) as a percentage (``28%``); tiny non-zero shares keep one decimal. A half
    rounds away from zero, as the grids' ``%.0f%%`` and the charts' ``.0%`` do in the browser:
    Python's half-to-even read 33 of 200 as 16% in the profile beside 17% in the grid (walk20)."""
    if _missing(share):
        return MISSING
    x = float(share) * 100  # type: ignore[arg-type]
    if not math.isfinite(x):  # a lift over nothing: no decimal to round
        return f"{x}%"
    return f"{percent_figure(share, decimals):,f}%"


def percent_figure(share: object, decimals: int = 0) -> Decimal:
    """The number a share reads as in percent (``17`` for 0.165, ``0.5`` for 0.005): a tenth kept
    under 1 % so no segment reads 0%, a half away from zero on the binary value, as JS rounds.
    One rule for the text, the grids (``%g%%`` over :func:`percent_figures`) and the charts: a
    1-in-200 segment read "0.5%" in the profile and "1%" in the grid and the size chart (seg21)."""
    x = float(share) * 100  # type: ignore[arg-type]
    if decimals == 0 and 0 < abs(x) < 1:
        decimals = 1
    return Decimal(x).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def percent_figures(shares: pd.Series) -> pd.Series:
    """:func:`percent_figure` of each share as a float (missing stays missing), for a grid column."""
    return shares.map(lambda s: np.nan if _missing(s) else float(percent_figure(s))).astype("float64")


PART_SLACK = 0.005
"""How far (in percentage points) a part kept to four places (the summary's 0.2841) is from its share."""


def percent_parts(shares: pd.Series) -> pd.Series:
    """Shares of one whole (each segment's customers, its revenue) as percent figures that add up to
    100, as a reader checks them: rounded each on its own, six segments of 200 contacts read 102%
    (left30). Largest remainders take the rounding, in whole percents, or in tenths for every share
    when one is under 1 % (so no segment reads 0%). Shares that are not parts of one whole (missing
    ones, a sum other than 1 beyond each share kept to four places) are rounded each on its own, as
    :func:`percent_figures`."""
    x = shares.astype("float64") * 100
    if x.isna().any() or not math.isclose(x.sum(), 100, abs_tol=PART_SLACK * len(x) + 1e-9):
        return percent_figures(shares)
    scale = 10 if ((x != 0) & (x.abs() < 1)).any() else 1
    scaled = np.round(x.to_numpy() * scale, 9)
    figures = np.floor(scaled)
    short = int(round(100 * scale - figures.sum()))
    figures[np.argsort(figures - scaled, kind="stable")[:short]] += 1
    return pd.Series(figures / scale, index=shares.index, dtype="float64")


def percent_parts_said(shares: pd.Series) -> pd.Series:
    """:func:`percent_parts` as text (``16.5%``, ``17%``), for a chart's labels or a shown table."""
    return percent_parts(shares).map(lambda figure: MISSING if _missing(figure) else f"{figure:,g}%")


def money(amount: object, currency: str = "", decimals: int | None = None) -> str:
    """``2121321.44`` → ``¥2,121,321``; cents shown only for amounts under 1,000, never in :data:`WHOLE`."""
    if _missing(amount):
        return MISSING
    x = float(amount)  # type: ignore[arg-type]
    if currency in WHOLE:
        decimals = 0
    elif decimals is None:
        decimals = 0 if abs(x) >= 1000 else 2
    symbol = SIGNS.get(currency, currency)
    sign = "-" if x < 0 else ""
    return f"{sign}{symbol}{abs(x):,.{decimals}f}"


def day(value: object, lang: str = "en") -> str:
    """A date in the UI language: ``2 Dec 2026`` / ``2026年12月2日``."""
    if _missing(value):
        return MISSING
    return i18n.day_words(pd.Timestamp(value).date(), lang)  # type: ignore[arg-type]


def moment(value: object, lang: str = "en") -> str:
    """A day and its time as the page's grids draw them, ``15 Dec 2024, 07:50`` / ``2024年12月15日
    07:50``; a midnight as its day alone (a date kept as a timestamp)."""
    if _missing(value):
        return MISSING
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp == stamp.normalize():
        return day(stamp, lang)
    return f"{day(stamp, lang)}{' ' if lang == 'zh' else ', '}{stamp:%H:%M}"


def month(value: object, lang: str = "en") -> str:
    """A month in the UI language: ``Mar 2025`` / ``2025年3月`` (charts' month ticks, cohorts)."""
    if _missing(value):
        return MISSING
    d = pd.Timestamp(value)  # type: ignore[arg-type]
    return f"{d.year}年{d.month}月" if lang == "zh" else f"{d:%b %Y}"


def period(start: object, freq: str, lang: str = "en") -> str:
    """A period by its first day as people read it: a month (``M``) as its month (``Mar 2024`` /
    ``2024年3月``, not ``2024-03-01``), a quarter (``Q``) as ``2024 Q1`` / ``2024年第1季度``, a
    year (``Y``) as ``2024`` / ``2024年``, a week or a day as its (first) day."""
    if freq == "Y" and not _missing(start):
        year = pd.Timestamp(start).year  # type: ignore[arg-type]
        return f"{year}年" if lang == "zh" else str(year)
    if freq == "Q" and not _missing(start):
        d = pd.Timestamp(start)  # type: ignore[arg-type]
        quarter = (d.month - 1) // 3 + 1
        return f"{d.year}年第{quarter}季度" if lang == "zh" else f"{d.year} Q{quarter}"
    return month(start, lang) if freq == "M" else day(start, lang)


def char_width(char: str) -> int:
    """How many Latin letters' room a character takes when drawn: a Chinese character takes two, an
    invisible format character (the word joiner that holds a range together) none."""
    if unicodedata.category(char) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def in_sign(label: str, sign: str, lang: str = "en") -> str:
    """A header or axis title with its currency's sign as the language brackets it: "Revenue (¥)",
    "本期收入（¥）" (walk11: the Chinese workbook read "人均收入（按初始客户数） (¥)"); a header that
    names its currency already keeps it once ("金额(¥)" read "金额(¥)（¥）", fmt13)."""
    if header_unit(label):
        return label
    return f"{label}（{sign}）" if lang == "zh" else f"{label} ({sign})"


def header(column: str, lang: str = "en") -> str:
    """A data column's own header made readable: a common catalogue word in the UI language
    (``brand`` → 品牌, ``COMMODITY_DESC`` → 商品小类), else ``product_type`` → ``Product type``;
    headers in other scripts (``商品名称``) and headers an export wrote for people (``SKU``,
    ``Order Number``: no underscore, no camelCase) stay as written (walk23 read "Sku")."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", column.strip()).lower().replace(" ", "_")
    known = i18n.catalogue().get(f"column.{snake}")
    if known:
        return known.get(lang) or known["en"]
    for_people = "_" not in column and column != column.lower() and not re.search(r"[a-z][A-Z]", column)
    if for_people or not re.fullmatch(r"[a-z0-9_]+", snake):
        return column
    words = " ".join(snake.split("_")).strip()
    return words[:1].upper() + words[1:] if words else column


def value(x: object, kind: str, lang: str = "en", currency: str = "") -> str:
    """Format by kind: ``percent``, ``money``, ``number``, ``count``, ``date`` or ``year``."""
    if kind == "percent":
        return percent(x)
    if kind == "money":
        return money(x, currency)
    if kind == "count":
        return number(x, 0)
    if kind == "date":
        return day(x, lang)
    if kind == "year":  # 1968, not 1,968
        return MISSING if _missing(x) else str(round(float(x)))  # type: ignore[arg-type]
    return number(x)


def shown(frame: pd.DataFrame, kinds: dict[str, str], lang: str = "en", currency: str = "") -> pd.DataFrame:
    """A copy for reading (pages, HTML): the named columns as formatted text, others as they are."""
    out = frame.copy()
    for column, kind in kinds.items():
        if column in out:
            out[column] = [value(v, kind, lang, currency) for v in out[column]]
    return out


def _significant(x: float) -> float:
    return x if not math.isfinite(x) or x == 0 else float(f"{x:.{SIGNIFICANT}g}")


def tidy(frame: pd.DataFrame, money_columns: Iterable[str] = (), shares: Iterable[str] = (),
         places: int | None = None) -> pd.DataFrame:
    """A copy for files (CSV/Excel): money rounded to cents, shares to four places (99.99%), other
    floats to ``places`` decimals where a list's measures need no more, else without float noise."""
    out = frame.copy()
    decimals = dict.fromkeys(money_columns, 2) | dict.fromkeys(shares, SHARE_PLACES)
    for column in out.columns:
        if not pd.api.types.is_float_dtype(out[column]):
            continue
        floats = out[column].astype("float64")  # nullable Float64: NA → NaN
        kept = decimals.get(column, places)
        out[column] = floats.map(_significant) if kept is None else floats.round(kept)
    return out


def _preference(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A kept preference, or None when never set ("" is a choice: plain numbers). Reading never
    writes: a page that only shows money must not change the workspace (and its caches' stamp)."""
    kept = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = "
                       "'preferences'", [store.META]).fetchone()[0]
    if not kept:
        return None
    row = con.execute(f"SELECT value FROM {_PREFS} WHERE key = ?", [key]).fetchone()
    return row[0] if row and row[0] in SIGNS else None


def _keep(con: duckdb.DuckDBPyConnection, key: str, code: str) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {store.META}")
    con.execute(_PREFS_DDL)
    con.execute(f"INSERT OR REPLACE INTO {_PREFS} VALUES (?, ?)", [key, code])


def currency(con: duckdb.DuckDBPyConnection) -> str:
    """The workspace currency code ("" until the analyst picks one)."""
    return _preference(con, "currency") or ""


def set_currency(con: duckdb.DuckDBPyConnection, code: str) -> None:
    """Keep the workspace currency: one of :data:`CURRENCIES`, or a table's own (Lazada's MYR) that
    the Segments sidebar offers beside them (walk31)."""
    if code not in SIGNS:
        raise CrmError(Sentence("runs.error.currency", code=code, codes=Listing(c for c in CURRENCIES if c)))
    _keep(con, "currency", code)


def currency_in(values: Iterable[object]) -> str:
    """The currency most amounts of an export carry (``29,33 €`` → ``EUR``, ``¥1,234`` → ``CNY``),
    or "" when most amounts carry none: a symbol on a few values is not the file's unit."""
    amounts = [str(v) for v in values if any(ch.isdigit() for ch in str(v))]
    units = Counter(UNITS[m.group(0)] for v in amounts if (m := _UNIT.search(v)))
    code, count = units.most_common(1)[0] if units else ("", 0)
    return code if count * 2 > len(amounts) else ""


def remember_table_currency(con: duckdb.DuckDBPyConnection, table: str, code: str) -> None:
    """Keep the currency a loaded table's amounts were written in (what :func:`currency_in` read); one
    without a sign here (Shopee's TWD) is not kept, and its amounts show as plain numbers."""
    if code and code in SIGNS:
        _keep(con, f"currency:{table}", code)


def _currency_column(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]) -> str:
    """The code a currency column holds on (nearly) every row (Shopify's ``Currency`` = ``USD``)."""
    for name, kind in columns:
        if not (CURRENCY_COLUMN.search(name) and kind == "VARCHAR"):
            continue
        top = con.execute(f"SELECT upper(trim({qi(name)})) AS code, count(*) AS n, sum(count(*)) OVER () "
                          f"FROM {qi(table)} WHERE nullif(trim({qi(name)}), '') IS NOT NULL "
                          f"GROUP BY code ORDER BY n DESC LIMIT 1").fetchone()
        if top and top[0] in UNITS and top[1] >= 0.9 * top[2]:
            return UNITS[top[0]]
    return ""


def header_unit(header: str) -> str:
    """The currency a header names (``单价(元)`` → CNY, ``Price (€)`` → EUR, ``amount_usd`` → USD),
    else ""."""
    found = _HEADER_UNIT.search(header)
    return UNITS[(found.group(1) or found.group(2)).upper()] if found else ""


def table_currency(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The currency a table's own data names: a currency column (not where it is the 原币's: 马帮's 币种
    beside ``商品金额(人民币)``), a unit in a header (``单价(元)``),
    or the symbol its amounts carried when loaded, else the table it was made from (订单导出_clean
    lost 订单导出's ¥, walk17), else the yuan of a mainland export or the yen of
    a Japanese one (:func:`_home_currency`); "" when none
    names one."""
    columns = store.columns_of(con, table)
    in_headers = Counter(code for name, _ in columns if (code := header_unit(name)))
    parent = store.parent_of(con, table)
    own = "" if any(FOREIGN.search(name) for name, _ in columns) else _currency_column(con, table, columns)
    return (own or (in_headers.most_common(1)[0][0] if in_headers else "")
            or _preference(con, f"currency:{table}") or (table_currency(con, parent) if parent else "")
            or _home_currency(columns))


def _home_currency(columns: list[tuple[str, str]]) -> str:
    """CNY for an export headed in simplified Chinese with no currency column: a mainland system's, whose
    money is yuan though no cell says so (管家婆's bare 金额, left36); JPY for a Japanese one (楽天 RMS's
    単価, whose 合計 read as Taiwan's, left64). Traditional headers (Taiwan, Hong Kong) and a 币种 column
    (Shopee's TWD / MYR / SGD orders) name no unit here."""
    headers = "".join(name for name, _ in columns)
    if any(CURRENCY_COLUMN.search(name) for name, _ in columns):
        return ""
    if _JAPANESE.search(headers):
        return "JPY"
    if any(ch in _TRADITIONAL for ch in headers):
        return ""
    return "CNY" if any(ch in _SIMPLIFIED for ch in headers) else ""


def display_currency(con: duckdb.DuckDBPyConnection, table: str | None = None) -> str:
    """The unit money is shown in: the analyst's choice when made, else the one the table's own
    data names (``€`` in the file shows ``€`` without touching a setting)."""
    chosen = _preference(con, "currency")
    if chosen is not None or table is None:
        return chosen or ""
    return table_currency(con, table)


_TYPE_FAMILIES = (("[]", "list"), ("TIMESTAMP", "datetime"), ("DATE", "date"), ("TIME", "time"),
                  ("BOOL", "boolean"), ("INT", "integer"), ("DOUBLE", "number"), ("FLOAT", "number"),
                  ("DECIMAL", "number"), ("VARCHAR", "text"))


def type_word(dtype: str, lang: str = "en") -> str:
    """A column's database type in the analyst's words (``VARCHAR`` → text / 文本,
    ``TIMESTAMP WITH TIME ZONE`` → date and time); an unusual type keeps its name."""
    family = next((word for part, word in _TYPE_FAMILIES if part in dtype.upper()), None)
    return i18n.t(f"type.{family}", lang) if family else dtype
