"""One sentence saying which key roles a table lacks, for every analysis to show.

Without an amount an analysis counts activity, it does not measure money; without dates
nothing follows time; without an order id each customer-day is one order. Summaries, pages and
reports call :func:`missing_roles_note` so they say so the same way, in English or Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import duckdb

from crm_core import i18n
from crm_core.i18n import quoted_name, shortened
from crm_core.workspace import day_order, group_buy, store
from crm_core.workspace.events import engaged_actions
from crm_core.workspace.kinds import LogKind
from crm_core.workspace.recipient import recipient_name
from crm_core.workspace.relay_buyer import RELAY_BUYER, relay_buyer
from crm_core.workspace.review_logs import review_log_of
from crm_core.workspace.role_names import (
    is_numeric_type,
    is_temporal_type,
    name_candidates,
    names_an_identity,
)
from crm_core.workspace.role_values import masked_values, says_nobody
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.ticket_logs import ticket_log_of

KEY_ROLES: tuple[str, ...] = ("amount", "date", "order_id")


def missing_roles(roles: Mapping[str, str] | object, needed: tuple[str, ...] = KEY_ROLES) -> list[str]:
    """The key roles with no column, in :data:`KEY_ROLES` order.

    ``roles`` is a role → column mapping or any object with a ``roles`` mapping (a resolved view).
    A unit price (times the quantity, if any) stands in for the amount.
    """
    mapping = roles if isinstance(roles, Mapping) else getattr(roles, "roles", {}) or {}
    has = {r for r, c in mapping.items() if c}
    if "unit_price" in has:  # times the quantity, or one unit per line (transaction_view)
        has.add("amount")
    return [r for r in needed if r not in has]


def missing_roles_note(roles: Mapping[str, str] | object, lang: str = "en", table: str = "",
                       needed: tuple[str, ...] = KEY_ROLES, actions: tuple[str, ...] | LogKind = ()) -> str:
    """``"'cdnow' has no amount column, so results count purchases …"`` or "" when nothing is missing.
    ``actions``: what the rows are when they are no purchases (a campaign log's ``open``, ``click``:
    :func:`events.engaged_actions`), said instead of purchases (judge23: "results count purchases"
    of a campaign log's opens and clicks); ``LogKind.TICKETS`` for a help desk's log (judge45's Gorgias),
    ``LogKind.REVIEWS`` for a review platform's (judge47's 大众点评)."""
    gaps = missing_roles(roles, needed)
    if not gaps:
        return ""
    name = table or getattr(roles, "table", "") or getattr(roles, "name", "") or "—"
    joiner = "；" if lang == "zh" else "; "
    parts = joiner.join(_gap(r, lang, actions) for r in gaps)
    return i18n.t("roles.missing.sentence", lang, table=name, parts=parts)


def _gap(role: str, lang: str, actions: tuple[str, ...] | LogKind) -> str:
    if role == "amount" and actions is LogKind.TICKETS:
        return i18n.t("roles.missing.amount_tickets", lang)
    if role in ("amount", "order_id") and actions is LogKind.REVIEWS:  # no review is a purchase or an order
        return i18n.t(f"roles.missing.{role}_reviews", lang)
    if role == "amount" and actions:
        return i18n.t("roles.missing.amount_actions", lang, actions=i18n.listed(actions, lang))
    return i18n.t(f"roles.missing.{role}", lang)


def run_note(con: duckdb.DuckDBPyConnection, run: object, roles: Mapping[str, str] | None = None) -> str:
    """The sentence for a finished run: the roles it declares it needs (``needs_roles``: on the
    run class, or per run — a churn run on a labelled customer table needs no orders) that its
    table lacks; "" when none are missing."""
    needed = group_buy.needs(con, run.table, getattr(run, "needs_roles", ()))
    if getattr(getattr(run, "config", None), "value_col", None):
        # the analyst named the column to measure: "results count purchases" would be untrue
        needed = tuple(r for r in needed if r != "amount")
    if not needed:
        return ""
    from crm_core.workspace.roles import get_roles

    found = get_roles(con, run.table, dict(roles or {}))
    actions = _unpriced_actions(con, run.table, found, needed)
    return missing_roles_note(found, run.lang, run.table, needed, actions)


def _unpriced_actions(con: duckdb.DuckDBPyConnection, table: str, roles: Mapping[str, str] | object,
                      needed: tuple[str, ...]) -> tuple[str, ...] | LogKind:
    """What results count for want of money: a campaign log's actions, the tickets of a help
    desk's log; the log is read only then (every run of every table asks for its note)."""
    return unpriced_rows(con, table) if "amount" in missing_roles(roles, needed) else ()


def unpriced_rows(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, ...] | LogKind:
    """What a table's rows are when they are no purchases (:func:`missing_roles_note`'s ``actions``)."""
    if ticket_log_of(con, table):
        return LogKind.TICKETS
    return LogKind.REVIEWS if review_log_of(con, table) else engaged_actions(con, table)


def masked_buyer(con: duckdb.DuckDBPyConnection, table: str,
                 columns: list[tuple[str, str]]) -> i18n.Sentence | None:
    """Why an export has no customer: its only contact is masked (抖音小店's ``收件人手机号`` and
    拼多多's ``手机`` as ``138****5678``), or its customer column is (美团's 顾客 ``王**``), or None.
    A mask cannot say who bought; the analyst may still take it as the buyer, knowing who shares one.
    Failing those, relay numbers among the masks (美团闪购's 隐私号, :func:`relay_buyer`)."""
    for column, dtype in columns:
        kinds = name_candidates(column)
        sentence = ("roles.need.masked_buyer" if "phone" in kinds else
                    "roles.need.masked_customer" if "customer_id" in kinds else None)
        if sentence and dtype == "VARCHAR" and says_nobody(con, table, column):
            example = masked_values(con, table, column)[1]
            phoned = "phone" in kinds or bool(_PHONE_MASK.fullmatch(example or ""))
            name = recipient_name(con, table, columns) if phoned else None
            if name:
                masks, names = con.execute(f"SELECT count(DISTINCT {qi(column)}), count(DISTINCT {qi(name)}) "
                                           f"FROM {qi(table)}").fetchone()
                return i18n.Sentence("roles.need.masked_buyer_or_name", table=table, column=column,
                                     example=example, name=name, masks=f"{masks:,}", names=f"{names:,}")
            if not phoned and _ACCOUNT.search(column):
                masks = con.execute(f"SELECT count(DISTINCT {qi(column)}) FROM {qi(table)}").fetchone()[0]
                return i18n.Sentence("roles.need.masked_account", table=table, column=column, example=example,
                                     masks=f"{masks:,}")
            said = "roles.need.masked_buyer" if phoned else sentence
            return i18n.Sentence(said, table=table, column=column, example=example)
    return relay_buyer(con, table, columns)


_PHONE_MASK = re.compile(r"1\d{2}\*{4}\d{4}")
"""A mobile as a platform masks it, whatever the header (口碑's 买家支付宝账号 ``138****1234``, judge89): a
masked contact, not a masked shop handle."""
_ACCOUNT = re.compile(r"账号|帐号|网名|昵称|用户名|会员名|account|user[ _]?name|nick", re.IGNORECASE)
"""A customer header naming a shop account (聚水潭's 买家账号 ``a***4``, its first and last characters shown,
judge40), not a person's name (美团's 顾客 ``王**``): the mask hides a handle, not all but a surname."""


def own_records(con: duckdb.DuckDBPyConnection, table: str,
                columns: list[tuple[str, str]], dated: bool) -> i18n.Sentence | None:
    """Why a table without customers cannot be marked with one, or None when a column could be one.

    Lending Club's loans (one loan a row, a date and money, no borrower id) were told "no customer
    id column; mark one" when no column could be marked: every header that could name who a row
    belongs to (an id, a name, an account, a contact) must repeat its values for a customer to
    come back. ``dated``: the table has a date, so forecasting its records by period applies."""
    keys = [c for c, dtype in columns if names_an_identity(c) and not is_temporal_type(dtype)]
    repeats = ", ".join(f"count(DISTINCT {qi(c)}) < count({qi(c)})" for c in keys)
    row = con.execute(f"SELECT count(*){', ' + repeats if repeats else ''} FROM {qi(table)}").fetchone()
    if row[0] <= 2:  # two rows or fewer say nothing about coming back
        return None
    if any(row[1:]):
        back = [c for c, comes_back in zip(keys, row[1:], strict=True) if comes_back]
        return orders_without_buyer(con, table, back, keys) if dated else undated_order_lines(con, table)
    key = "roles.need.own_records" if dated else "roles.need.own_records_undated"
    return i18n.Sentence(key, table=table, rows=f"{row[0]:,}")


_PERSON = ("customer_id", "name", "email", "phone")


def orders_without_buyer(con: duckdb.DuckDBPyConnection, table: str, back: list[str],
                         keys: list[str]) -> i18n.Sentence | None:
    """Why a log of orders has no customer when what comes back is orders, products, places or stores,
    none a person (Amazon's "All Orders" report, judge26): "mark one" invited a postal code, which
    would merge every buyer there. The order column among ``keys`` may not come back itself (得物: one
    pair an order, left31). None when a returning column could name the buyer."""
    if any(role in name_candidates(c) for c in back for role in _PERSON):
        return None
    order = next((c for c in (*back, *keys) if "order_id" in name_candidates(c)), None)
    if order is None:
        return None
    orders = con.execute(f"SELECT count(DISTINCT {qi(order)}) FROM {qi(table)}").fetchone()[0]
    return i18n.Sentence("roles.need.orders_without_buyer", table=table, column=order, orders=f"{orders:,}")


ORDER_LINES = "roles.need.order_lines"
SAYS_NO_BUYER = ("roles.need.orders_without_buyer", ORDER_LINES, RELAY_BUYER)
"""The refusals that already say no column names the buyer and what runs without one."""


def undated_order_lines(con: duckdb.DuckDBPyConnection, table: str) -> i18n.Sentence | None:
    """Why order lines with neither a buyer nor a date hold no customers (千牛's 宝贝报表 alone, judge36):
    "no customer id column; mark one" asked for a column the report does not have. None otherwise."""
    from crm_core.workspace.table_kind import detect_kind, order_lines

    lines = order_lines(detect_kind(con, table))
    return i18n.Sentence(ORDER_LINES, table=table, **lines) if lines else None


def table_note(con: duckdb.DuckDBPyConnection, table: str, lang: str = "en") -> str:
    """The sentence for a table on the Data page (:func:`table_gaps`)."""
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.table_kind import detect_kind

    roles = get_roles(con, table)
    return table_gaps(con, table, detect_kind(con, table, roles), roles, lang)


def table_gaps(con: duckdb.DuckDBPyConnection, table: str, kind, roles: Mapping[str, str],
               lang: str = "en") -> str:
    """What a table lacks, said for what it is: nothing for a customer table (one row per customer
    has no purchases to count and no orders); for a series of measurements (a date and numbers, no
    customer) what it is for, since "each customer-day counts as one order" and "results count
    purchases" were untrue of daily demand; else the purchase-log gaps, without orders per customer
    where no column names the customer (a till's takings by store, walk13)."""
    series = series_of(con, table, kind)
    if series is not None:
        return series.text(lang)
    needed = (group_buy.needs(con, table, KEY_ROLES) if kind.customer_col
              else tuple(r for r in KEY_ROLES if r != "order_id"))
    if kind.kind == "customers":
        return ""
    return missing_roles_note(roles, lang, table, needed, _unpriced_actions(con, table, roles, needed))


def series_of(con: duckdb.DuckDBPyConnection, table: str, kind) -> i18n.Sentence | None:
    """Why ``table`` (of detected ``kind``) is a series of measurements and not customers, or None
    (it names a customer, has no date, or its dates repeat or fall unevenly)."""
    if kind.customer_col or not kind.date_col:
        return None
    return measurement_series(con, table, kind.date_col, store.columns_of(con, table))


def measurement_series(con: duckdb.DuckDBPyConnection, table: str, date_col: str,
                       columns: list[tuple[str, str]]) -> i18n.Sentence | None:
    """Why a table without customers whose date differs on every row, evenly spaced, is no table
    of people (judge11: Chicago's daily ridership was segmented as 5,698 "customers", an
    insurer's 40 months as 40); None when the dates repeat or fall at uneven gaps (a table of
    people may carry a sign-up date). Even: the 5th and 95th percentile gaps between consecutive
    dates differ by at most 15 % (months run 28-31 days, quarters 90-92)."""
    from crm_core.workspace.transactions import date_sql  # transactions imports this module

    dtype = dict(columns).get(date_col, "")  # a date column kept as text too, in its own order
    d = date_sql(qi(date_col), dtype, day_order.reads_month_first(con, table, date_col, dtype))
    rows, dates, first, last, low, high = con.execute(
        "SELECT count(*), count(DISTINCT d), min(d)::DATE, max(d)::DATE, "
        "quantile_cont(gap, 0.05), quantile_cont(gap, 0.95) FROM "
        "(SELECT d, epoch(d) - lag(epoch(d)) OVER (ORDER BY d) AS gap FROM "
        f"(SELECT {d} AS d FROM {qi(table)}) WHERE d IS NOT NULL)"
    ).fetchone()
    if rows < 12 or dates != rows or not low or high > 1.15 * low:
        return None
    numbers = [quoted_name(c) for c, t in columns if is_numeric_type(t)]
    return i18n.Sentence("roles.need.series_not_people", table=table, rows=f"{rows:,}",
                         first=i18n.Day(first), last=i18n.Day(last), numbers=shortened(numbers, 6))


_DAY_HEADER = re.compile(r"^(d_\d+|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})$")
"""A day as a column name: M5's ``d_1 … d_1913`` (dates in calendar.csv), or the date itself."""


def wide_days(table: str, columns: list[tuple[str, str]]) -> i18n.Sentence | None:
    """Why a wide table (one column per day, the M5 / Walmart layout) has no date, and how to make
    it one row per day: nothing in the workspace unpivots it."""
    days = [c for c, _ in columns if _DAY_HEADER.match(c.strip())]
    if len(days) < 14:
        return None
    keys = ", ".join(f"'{c}'" for c, _ in columns if c not in days)
    return i18n.Sentence("roles.need.wide_days", table=table, n=f"{len(days):,}", first=days[0],
                         last=days[-1], keys=keys)
