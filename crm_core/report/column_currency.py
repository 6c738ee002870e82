"""The currency one money column is in, where a table's currency column names each row's: 马帮's
``商品金额(原币)`` beside ``币种`` is in the order's own currency, not the yuan of its ``商品金额(人民币)``
twin; Lemon Squeezy's ``total`` is in GBP, USD and EUR, row by row (walk36)."""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from crm_core.report import format as fmt
from crm_core.workspace import store
from crm_core.workspace.role_names import is_counted_name, is_score_name
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi


def currency_column(columns: list[tuple[str, str]], money: str = "") -> str | None:
    """The text column naming each row's currency (``currency``, ``币种``), if the table has one; of several,
    the one whose first word is the ``money`` column's: Stripe's ``Converted Amount`` is in ``Converted
    Currency`` (usd on every row), not in ``Currency`` (the card's, several)."""
    found = [name for name, kind in columns if kind == "VARCHAR" and fmt.CURRENCY_COLUMN.search(name)]
    first = money.strip().split(" ")[0].lower() if " " in money.strip() else ""
    return next((name for name in found if first and name.lower().startswith(first + " ")),
                found[0] if found else None)


_BESIDE = re.compile(r"(^|[^a-z])(tax(es)?|vat|gst|fees?|commissions?|payouts?|tips?|discounts?|earnings"
                     r"|income)($|[^a-z])"
                     r"|税(?![号率务点])|手续费|佣金|提成|收入|优惠(?!券)|运费|小费", re.IGNORECASE)
"""Money a sale carries beside its amount: tax, a fee, a commission, the seller's take (知识星球's 星主收入),
a discount (收钱吧's 商户优惠)."""
_NOT_MONEY = re.compile(r"%|percent|百分|code|[数码]$", re.IGNORECASE)
"""A share or a count of it (``Discount %``, 收入笔数), or a code (``Tax Code``)."""


def signed_beside(columns: list[tuple[str, str]], money: set[str]) -> set[str]:
    """Numeric columns of money no role names, shown with a currency sign as the amount is: a unit in the
    header (``Total (IDR)``); beside a ``money`` column, a :data:`_BESIDE` word (Lightspeed's ``Tax`` read
    "[-2.2, 12.4]" between ``Total``'s "[-$24, $136]", walk38). Their sign is then :func:`column_currency`'s,
    so a ``Fee`` beside amounts in several currencies stays bare."""
    def beside(name: str) -> bool:
        return bool(money and _BESIDE.search(name) and not _NOT_MONEY.search(name.strip())
                    and not is_counted_name(name) and not is_score_name(name))
    return {name for name, dtype in columns
            if is_numeric_type(dtype) and (fmt.header_unit(name) or beside(name))}


def _codes(values: pd.Series) -> pd.Series:
    """Each cell's currency code (``usd`` → USD, ``￥`` → CNY, 微信支付's ```CNY``); "" where it names none we
    know."""
    return values.map(lambda v: fmt.UNITS.get(str(v).strip(" `'").upper(), "") if pd.notna(v) else "")


def column_currency(con: duckdb.DuckDBPyConnection, table: str, column: str, home: str) -> str:
    """``column``'s currency as one sign can say it: the unit its header names (``total_usd``); else,
    beside a currency column, the one code that column holds ("" when it holds several: no one sign
    is right for a column of pounds, dollars and euros); else ``home``, the table's (none it knows named)."""
    named = currency_column(store.columns_of(con, table), column)
    if fmt.header_unit(column) or named is None:
        return fmt.header_unit(column) or home
    cells = con.execute(f"SELECT DISTINCT {qi(named)} FROM {qi(table)} "
                        f"WHERE nullif(trim({qi(named)}), '') IS NOT NULL").df()[named]
    codes = set(_codes(cells)) - {""}
    return (codes.pop() if len(codes) == 1 else "") if codes else home


def _row_currencies(rows: pd.DataFrame, column: str, home: str, named: str | None) -> pd.Series:
    """The currency of each of ``rows``' cells in ``column``: its header's unit, else the code its row's
    currency column ``named`` holds ("" for one unknown), else ``home``."""
    if fmt.header_unit(column) or named not in rows:
        return pd.Series(fmt.header_unit(column) or home, index=rows.index)
    return _codes(rows[named])


def money_in_rows(rows: pd.DataFrame, column: str, home: str, named: str | None) -> list[str | None]:
    """``column``'s cells as money, cents kept, each in its own currency (:func:`_row_currencies`)."""
    codes = _row_currencies(rows, column, home, named)
    return [None if pd.isna(v) else fmt.money(v, code, 2)
            for v, code in zip(rows[column], codes, strict=True)]
