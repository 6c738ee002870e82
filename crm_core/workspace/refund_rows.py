"""A payment bill's refund rows: money given back on a row of its own, not a payment refunded in full.

微信支付's 交易账单 lists a refund as a row of its own (交易状态 ``REFUND``, days after the payment) under
the order it refunds: its 应结订单金额 is the order's amount again, its 退款金额 the money given back.
Read as a payment refunded in full, the row was left out and the payment it refunded stayed whole, so
judge29's bill kept 79,369.78 of refunds as sales. The row's money is the refund, negative: it nets
with its payment as a Square refund does (a partial refund too)."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Listing, quoted_name
from crm_core.workspace import bill_types
from crm_core.workspace.bill_types import is_bill_type, refunds_of_their_own
from crm_core.workspace.currencies import named_code, without_code
from crm_core.workspace.events import listed
from crm_core.workspace.sqlutil import qi

REFUND_STATES = ("refund",)
"""A status naming the row itself a refund (微信支付's ``REFUND``); 已退款 / ``refunded`` name an order
that was refunded, which the view leaves out whole."""
REFUND_TYPES = ("退款",)
"""A bill type naming the row a refund (支付宝's 账务明细: 业务类型 退款, the money under 支出金额)."""
_MONEY_IN = re.compile(r"^收入(金额)?\s*[(（]?\s*[+＋]?\s*元?\s*[)）]?$")
_MONEY_OUT = re.compile(r"^支出(金额)?\s*[(（]?\s*[-－]?\s*元?\s*[)）]?$")


def refund_tests(columns: list[tuple[str, str]], status: re.Pattern[str]) -> dict[str, str]:
    """Each column's test of a refund row, by column: a status column (a header ``status`` matches)
    saying ``REFUND``, a bill type saying 退款."""
    return {c: listed(c, REFUND_STATES) if status.match(c.strip()) else listed(c, REFUND_TYPES)
            for c, dtype in columns if dtype == "VARCHAR" and (status.match(c.strip()) or is_bill_type(c))}


def refund_row_sql(columns: list[tuple[str, str]], status: re.Pattern[str]) -> str:
    """True on a row that is a refund of its own (:func:`refund_tests`); "" if no column can say so."""
    return " OR ".join(refund_tests(columns, status).values())


def _kept(gone: str) -> str:
    return f" AND NOT coalesce({gone}, false)" if gone else ""


def taken_off(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], amount: str,
              refund: str, gone: str) -> dict[str, str]:
    """The paid rows still counted with a refund taken off their money, for the load's note ({} when
    none): the analyst sees why a shop's revenue is below the export's own total."""
    from crm_core.workspace.transactions import number_sql  # transactions reads refunds through here

    refunded = f"{number_sql(qi(refund), dict(columns)[refund])} > 0"
    n = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE {refunded}{_kept(gone)}").fetchone()[0]
    return {"count": f"{n:,}", "refund": refund, "amount": amount} if n else {}


_PART_REFUNDED = re.compile(r"^(部分退款(成功|完成)?|partial(ly)?[ _-]?refund(ed)?)$", re.IGNORECASE)
"""A status naming a row refunded in part: 微盟's 售后状态 ``部分退款``, Shopify's ``partially_refunded``."""


def no_refunded_amount(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                       amount: str, order: str | None) -> dict[str, dict[str, object]]:
    """The refund notes of a table with no refunded-amount column ({} when none): a gateway's credits and
    refund rows given back (:func:`bill_types.money_back`), and sales a status says were refunded in part,
    counted whole. Money back is in the main currency only: the others' rows are in no sum (judge74's USD
    refunds took nothing off a label's GBP)."""
    from crm_core.workspace.currencies import in_main, mixed
    from crm_core.workspace.transactions import STATUS, cancelled_sql, kept_money

    gone = cancelled_sql(columns, table, amount, order)
    money = kept_money(columns, amount)
    main = in_main(mixed(con, table, columns, amount, money, gone), money)
    notes = {**bill_types.money_back(con, table, columns, main, gone),
             "refund_rows": money_back(con, table, _bill_refunds(columns, main), main, gone),
             "refunded_in_part_whole": _counted_whole(con, table, columns, STATUS, gone)}
    return {key: values for key, values in notes.items() if values}


def _bill_refunds(columns: list[tuple[str, str]], money: str) -> dict[str, str]:
    """Each bill-type column's test of a refund row of negative money (收钱吧's 交易类型 退款 beside its
    收款): netted with its payment, a part refund stayed unsaid at load (judge75). A 退款 written positive
    is no money back here, so no note claims it was."""
    return {c: f"({listed(c, REFUND_TYPES)} AND {money} < 0)" for c, dtype in columns
            if dtype == "VARCHAR" and is_bill_type(c)}


def _counted_whole(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                   status: re.Pattern[str], gone: str) -> dict[str, str]:
    """The sales a status says were refunded in part, for the load's note ({} when none) where no column
    gives the refunded amount: their money counts whole, and the analyst should know revenue reads high."""
    for col in (c for c, t in columns if t.upper() == "VARCHAR" and status.match(c.strip())):
        test = f"regexp_matches(trim({qi(col)}), '{_PART_REFUNDED.pattern}', 'i')"
        n, state = con.execute(f"SELECT count(*), mode(trim({qi(col)})) FROM {qi(table)} "
                               f"WHERE {test}{_kept(gone)}").fetchone()
        if n:
            return {"count": f"{n:,}", "column": quoted_name(col), "state": state}
    return {}


def money_back(con: duckdb.DuckDBPyConnection, table: str, tests: dict[str, str], money: str,
               gone: str) -> dict[str, object]:
    """The refund rows still counted as money given back and that money, for the load's note ({} when
    none): a refund whose payment is in the file in full leaves with it (``orders_refunded_in_full``); one
    of a part, or of a payment older than the file, stays as negative money, which judge29's load never
    said (left28)."""
    if not tests:
        return {}
    per_column = ", ".join(f"count(*) FILTER (WHERE {test})" for test in tests.values())
    n, back, *found = con.execute(f"SELECT count(*), -sum({money}), {per_column} FROM {qi(table)} "
                                  f"WHERE ({' OR '.join(tests.values())}){_kept(gone)}").fetchone()
    said = Listing(quoted_name(c) for c, hits in zip(tests, found, strict=True) if hits)
    return {"count": f"{n:,}", "money": f"{back or 0:,.2f}", "columns": said} if n else {}


def money_out_beside(amount: str, columns) -> str | None:
    """The money-out column beside a money-in amount (支付宝's ``支出金额（-元）`` by ``收入金额（+元）``):
    a refund row's money is there, the view reads it as the refund."""
    if not _MONEY_IN.match(amount.strip()):
        return None
    return next((c for c in columns if _MONEY_OUT.match(c.strip())), None)


def net_of_refund(amount: str, refund: str, refund_row: str) -> str:
    """The money a row keeps: the amount less its refund, or the refund as money back on a refund row."""
    kept = f"({amount}) - coalesce({refund}, 0)"
    return f"CASE WHEN {refund_row} THEN -coalesce({refund}, 0) ELSE {kept} END" if refund_row else kept


_REFUNDED = re.compile(r"^((order[ _-]?)?refund(ed)?[ _-]?amount|amount[ _-]?refunded|total[ _-]?refunded|"
                       r"refunded[ _-]to[ _-](buyer|customer)([ _-]amount)?|"
                       r"partial[ _-]?refund(\s*[(（][^)）]{1,5}[)）])?|"
                       r"((已)?退款金额|退款总额)(\s*[(（](元|人民币|rmb|cny)[)）])?)$", re.IGNORECASE)
"""The money given back on a payment or order that stands (Stripe's ``Amount Refunded``, Shopify's
``Refunded Amount``, TikTok Shop's ``Order Refund Amount``, Gumroad's ``Partial Refund ($)``, 退款金额, 千聊's
``退款金额(元)`` with its unit, judge79; Depop's ``Refunded to buyer amount``, judge84): a partly refunded
charge keeps its status, so only this says so."""


_NET = re.compile(r"\bnet\b|净|实收", re.IGNORECASE)


def refunded_column(columns: list[tuple[str, str]], amount: str) -> str | None:
    """The refund beside ``amount``: ``<amount> Refunded`` first (Stripe's ``Converted Amount``
    pairs with ``Converted Amount Refunded``), else the one generic refund header; none under a
    net amount, which has it taken off already."""
    if _NET.search(amount):
        return None
    names = {c.strip().lower(): c for c, _ in columns if c != amount}
    paired = (names.get(f"{amount.strip().lower()} refunded") or money_out_beside(amount, names.values())
              or _same_currency(amount, names.values()))
    generic = [c for c in names.values() if _REFUNDED.match(c.strip())]
    return paired or (generic[0] if len(generic) == 1 else None)


def _same_currency(amount: str, columns) -> str | None:
    """The refund in the currency the amount's header names (``refunded_amount_usd`` by ``total_usd``): Lemon
    Squeezy's ``refunded_amount`` is in the order's own currency, euros taken off dollars (judge61)."""
    code = named_code(amount)
    return next((c for c in columns if code and named_code(c) == code and _REFUNDED.match(without_code(c))),
                None)


_FLAG = re.compile(r"^(is[ _-]?|marked[ _-]?as[ _-]?)?((fully[ _-]?)?refunded|cancell?ed|no[ _-]?show)\??$",
                   re.IGNORECASE)
"""A refund's flag, or a booking's cancellation (Acuity's ``Canceled`` yes beside each appointment's price,
judge64: 10 % of its bookings counted as visits paid) or no-show (Calendly's ``Marked as No-Show``,
judge90)."""
_FILLED = re.compile(r"^refund[ _-]?(id|date)$", re.IGNORECASE)
"""A refund's own id or day, filled only on a sale given back: ActBlue keeps a refunded contribution's
``Amount`` and fills its ``Refund ID`` and ``Refund Date`` (judge82). Read only where no column holds a
refund's amount (a part refund netted by it)."""
_RECOVERED = re.compile(r"^recovery[ _-]?(id|date)$", re.IGNORECASE)
"""ActBlue's ``Recovery ID`` / ``Recovery Date``: a gift's money taken back from the campaign after it was
paid out (a charge disputed later), its ``Amount`` kept (judge82: 5 gifts, 494.00, counted). Read only beside
a refund's id or day (ActBlue's pair): elsewhere a recovery may be a debt won back, money in."""
_REFUND_MONEY = re.compile(r"refund.*(amount|total|sum)|(amount|total|sum).*refund", re.IGNORECASE)
_FLAG_TYPES = ("VARCHAR", "BOOLEAN")
_YES = ", ".join(repr(v) for v in ("true", "yes", "1"))


def refunded_flags(columns: list[tuple[str, str]], table: str = "") -> list[str]:
    """True on a line flagged as given back (Clover's ``Refunded`` TRUE on each line of a partly refunded
    order, judge39; Gumroad's ``Fully Refunded?`` 1, judge55) or cancelled (Acuity's ``Canceled``, judge64).
    Where a ``Fully Refunded?`` flag stands beside ``Refunded?``, it alone says a sale left: the other may be
    set on a refund in part, whose money is kept less the part (``Partial Refund ($)``).
    A whole number is a flag only under a question (``Refunded?``). None counts in a ``table`` whose refunds
    are rows of their own (:func:`bill_types.refunds_of_their_own`)."""
    own = refunds_of_their_own(columns, table) if table else ""
    unless = f" AND NOT ({own})" if own else ""
    return [f"({_set(c)}{unless})" for c in flag_columns(columns)]


def _set(column: str) -> str:
    """SQL: the flag ``column`` says yes, or the refund's id or day in it is filled."""
    if _FILLED.match(column.strip()) or recovered(column):
        return f"nullif(trim(CAST({qi(column)} AS VARCHAR)), '') IS NOT NULL"
    return f"coalesce(lower(trim(CAST({qi(column)} AS VARCHAR))) IN ({_YES}), false)"


def recovered(column: str) -> bool:
    """Whether ``column`` is a gift's recovery id or day (:data:`_RECOVERED`)."""
    return bool(_RECOVERED.match(column.strip()))


def flag_columns(columns: list[tuple[str, str]]) -> list[str]:
    """The columns :func:`refunded_flags` reads (``Fully Refunded?`` alone where it stands beside
    ``Refunded?``; else a refund's id or day, :data:`_FILLED`), so a load note can name the one that found
    the rows."""
    flags = [c for c, dtype in columns if _FLAG.match(c.strip())
             and (dtype in _FLAG_TYPES or (c.strip().endswith("?") and dtype in ("BIGINT", "INTEGER")))]
    fully = [c for c in flags if "fully" in c.lower()]
    return fully or flags or _filled(columns)


def _filled(columns: list[tuple[str, str]]) -> list[str]:
    """The first refund id or day column, where no refund amount stands beside it (:data:`_FILLED`), and then
    the first recovery id or day (:data:`_RECOVERED`)."""
    if any(_REFUND_MONEY.search(c) for c, _ in columns):
        return []
    refunds = [c for c, _ in columns if _FILLED.match(c.strip())][:1]
    return refunds + [c for c, _ in columns if refunds and recovered(c)][:1]
