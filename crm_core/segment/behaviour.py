"""Engagement features of an event log (who, what, when; no money), computed in SQL.

Per customer (visitor, user, member or device id): ``events``, ``active_days`` (distinct
days), ``sessions`` (a new session starts after 30 minutes without an event),
``events_per_session``, ``days_since_last_event`` and ``days_since_first_event`` (to the day
after the newest event, or after ``observation_end``), ``distinct_items`` (pages or items),
``share_<group>`` (share of the customer's events in each of the most common page groups: a
URL's first path segment, query string dropped, or the event type) and ``rate_<flag>``
(share of events with a 0/1 flag such as ``is_booking`` set). When the log's "what" is an item
code and no event type (MovieLens' ratings: user, item_id, rating, timestamp), a share per item
would name segments by a code ("mostly 50"); ``popular_share`` (share of events on the popular
items) says the behaviour instead: mainstream or niche tastes. A log of days only (no time
of day: lifetimes' customer + date purchase log) has no sessions: each day would be one, so
``sessions`` would repeat ``active_days`` and a "long session" would be two purchases on a day;
neither is clustered on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.load.coltypes import is_id_name
from crm_core.workspace import day_order, events, store
from crm_core.workspace.coverage import no_sale_counts
from crm_core.workspace.kinds import LogKind
from crm_core.workspace.review_logs import review_log_of
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.table_kind import TableKind
from crm_core.workspace.transactions import cancelled_sql, date_sql, id_sql, no_sale_rules

SESSION_GAP_MINUTES = 30
MAX_GROUPS = 8
BASE_FEATURES: tuple[str, ...] = ("events", "active_days", "sessions", "events_per_session",
                                  "days_since_last_event", "days_since_first_event", "distinct_items")
SESSION_FEATURES: tuple[str, ...] = ("sessions", "events_per_session")
"""Left out when the log has no time of day (see the module docstring)."""
COUNT_FEATURES: tuple[str, ...] = ("events", "active_days", "sessions", "distinct_items")
"""Zero (not unknown) for a customer with no events when the log is joined to other tables."""
POPULAR_EVENTS = 0.2
"""The most common items that together hold this share of all events are the popular ones (on
MovieLens 100k, the 59 most rated of 1,682 films)."""


@dataclass
class EventFeatures:
    """One row per customer, the groups and flags behind the share columns, and coverage."""

    frame: pd.DataFrame
    groups: dict[str, str] = field(default_factory=dict)
    """``share_<slug>`` column → page group or event type as written in the log."""
    flags: dict[str, str] = field(default_factory=dict)
    """``rate_<slug>`` column → the 0/1 column it counts."""
    coverage: dict[str, int] = field(default_factory=dict)
    reference_date: date | None = None
    popular: bool = False
    """Whether ``popular_share`` is a feature (the items are codes, see the module docstring)."""
    timed: bool = True
    """Whether any event has a time of day; without one there are no sessions to cluster on."""
    log: str | None = None
    """``reviews`` for a review platform's export: its segments are said in reviews, not visits (walk33)."""

    def feature_columns(self) -> tuple[str, ...]:
        base = BASE_FEATURES if self.timed else tuple(f for f in BASE_FEATURES if f not in SESSION_FEATURES)
        return (*base, *self.groups, *self.flags, *(("popular_share",) if self.popular else ()))


def group_sql(column: str, url_like: bool) -> str:
    """The page group of a quoted column: a URL's first path segment (scheme, host, query and
    fragment dropped; the root is ``home``), or the lower-cased value itself."""
    text = f"lower(trim(CAST({column} AS VARCHAR)))"
    if not url_like:
        return f"NULLIF({text}, '')"
    return f"coalesce(NULLIF(regexp_extract({item_sql(column)}, '^/*([^/]+)', 1), ''), 'home')"


def item_sql(column: str) -> str:
    """The page (or item) itself: lower-cased, scheme, host, query string and fragment dropped."""
    text = f"lower(trim(CAST({column} AS VARCHAR)))"
    return f"regexp_replace(regexp_replace({text}, '^[a-z][a-z0-9+.-]*://[^/]*', ''), '[?#].*$', '')"


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-zA-Z\u4e00-\u9fff]+", "_", str(text)).strip("_").lower()[:40] or "blank"


def _flag_columns(con: duckdb.DuckDBPyConnection, table: str, skip: set[str]) -> list[str]:
    """Numeric columns holding only 0 and 1 (``is_booking``, ``is_mobile``; as 1.0/0.0 where pandas
    wrote a column with blanks). Compared as DOUBLE: an 11-digit code (a coupon UPC) is no flag rather
    than a cast error, and 1.7 is no 1 (a cast to BIGINT rounds it to 2 on DuckDB, cuts it to 1 on Spark)."""
    numeric = [c for c, dtype in store.columns_of(con, table) if c not in skip and dtype.upper().startswith(
        ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "BOOLEAN", "DOUBLE", "FLOAT", "DECIMAL"))]
    if not numeric:
        return []
    parts = ", ".join(f"bool_and(CAST({qi(c)} AS DOUBLE) IN (0, 1)) AND count(DISTINCT {qi(c)}) = 2"
                      for c in numeric)
    row = con.execute(f"SELECT {parts} FROM {qi(table)}").fetchone()
    return [c for c, ok in zip(numeric, row, strict=True) if ok]


def _rows_sql(con: duckdb.DuckDBPyConnection, table: str, kind: TableKind) -> tuple[str, bool, list[str]]:
    """Normalised event rows: customer_id, ts, grp, item and the flags; whether the items are codes
    that group nothing (no event type, an item column named as a code: ``item_id``, ``sku``)."""
    types = dict(store.columns_of(con, table))
    if not kind.customer_col or not kind.date_col:
        raise CrmError(Sentence("segment.error.event_roles", table=table))
    what = kind.what_col
    url_like = False
    if what:
        slashed = f"avg(CASE WHEN CAST({qi(what)} AS VARCHAR) LIKE '%/%' THEN 1.0 ELSE 0 END)"
        sample = f"(SELECT {qi(what)} FROM {qi(table)} LIMIT 2000)"
        share = con.execute(f"SELECT {slashed} FROM {sample}").fetchone()[0]
        url_like = (share or 0) >= 0.5
    flags = _flag_columns(con, table, {kind.customer_col, kind.date_col})
    typed = events.event_types(con, table)  # pv / cart / buy group the events; the item stays the item
    coded = not typed and bool(what) and is_id_name(what)
    grp = (group_sql(qi(typed[0]), False) if typed else
           group_sql(qi(what), url_like) if what and not coded else "CAST(NULL AS VARCHAR)")
    item = item_sql(qi(what)) if what else "CAST(NULL AS VARCHAR)"
    flag_sql = "".join(f", CAST({qi(c)} AS DOUBLE) AS {qi('flag_' + c)}" for c in flags)
    dtype = types[kind.date_col]
    ts = date_sql(qi(kind.date_col), dtype, day_order.reads_month_first(con, table, kind.date_col, dtype))
    sql = (f"SELECT {id_sql(qi(kind.customer_col), types[kind.customer_col])} AS customer_id, "
           f"{ts} AS ts, {grp} AS grp, {item} AS item{flag_sql} FROM {qi(table)}{_kept(con, table)}")
    return events.within(sql, events.dense_range(con, ts, table)), coded, flags


def _kept(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """SQL ``WHERE`` leaving out the rows the load said no analysis reads: a booking log's ``Canceled``
    true (Calendly, judge90) was counted as an event while its note said it was left out."""
    gone = cancelled_sql(store.columns_of(con, table), table)
    return f" WHERE NOT coalesce({gone}, false)" if gone else ""


def _not_kept(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
    """The rows :func:`_kept` leaves out, counted as a reason of their own so the rows left out add up to
    the table (Calendly's 74 cancelled / no-show bookings read ``rows_left_out: 0``, left97)."""
    rules = no_sale_rules(store.columns_of(con, table), table)
    return no_sale_counts(con, table, rules) if rules else {}


def event_features(con: duckdb.DuckDBPyConnection, table: str, kind: TableKind, *,
                   observation_end: date | None = None, leave_out: tuple[str, ...] = ()) -> EventFeatures:
    """The features of the module docstring for every customer of an event log, the customers
    ``leave_out`` names (the shop's till accounts) excepted."""
    rows, popular, flags = _rows_sql(con, table, kind)
    cut = " AND CAST(ts AS DATE) <= ?" if observation_end else ""
    params = [observation_end] if observation_end else []
    used = f"SELECT * FROM ({rows}) WHERE customer_id IS NOT NULL AND ts IS NOT NULL{cut}"
    if leave_out:
        used, params = f"{used} AND NOT {_one_of(leave_out)}", [*params, *leave_out]
    top = [r[0] for r in con.execute(
        f"SELECT grp FROM ({used}) WHERE grp IS NOT NULL GROUP BY grp ORDER BY count(*) DESC, grp LIMIT ?",
        [*params, MAX_GROUPS]).fetchall()]
    groups = {f"share_{_slug(g)}": g for g in top}
    if len(set(groups)) < len(top):  # two groups with one slug: number them
        groups = {f"share_{i + 1}_{_slug(g)}": g for i, g in enumerate(top)}
    flag_cols = {f"rate_{_slug(c)}": c for c in flags}
    share_sql = "".join(f", avg(CASE WHEN grp = ? THEN 1.0 ELSE 0.0 END) AS {qi(name)}" for name in groups)
    rate_sql = "".join(f", avg({qi('flag_' + c)}) AS {qi(name)}" for name, c in flag_cols.items())
    popular_sql = (", avg(CASE WHEN item IN (SELECT item FROM popular) THEN 1.0 ELSE 0.0 END) "
                   "AS popular_share") if popular else ""
    reference = ("(SELECT max(CAST(ts AS DATE)) FROM used) + 1" if observation_end is None
                 else "CAST(? AS DATE) + 1")
    gap = f"INTERVAL {SESSION_GAP_MINUTES} MINUTE"
    sql = f"""
        WITH used AS ({used}),
        marked AS (SELECT *, CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > {gap}
                                  THEN 1 ELSE 0 END AS new_session
                   FROM used WINDOW w AS (PARTITION BY customer_id ORDER BY ts)),
        ref AS (SELECT CAST({reference} AS DATE) AS ref_date){_popular_items_sql() if popular else ""}
        SELECT customer_id, CAST(count(*) AS BIGINT) AS events,
               CAST(count(DISTINCT CAST(ts AS DATE)) AS BIGINT) AS active_days,
               CAST(sum(new_session) AS BIGINT) AS sessions,
               count(*) / sum(new_session) AS events_per_session,
               CAST(date_diff('day', max(CAST(ts AS DATE)), any_value(ref_date)) AS BIGINT)
                   AS days_since_last_event,
               CAST(date_diff('day', min(CAST(ts AS DATE)), any_value(ref_date)) AS BIGINT)
                   AS days_since_first_event,
               CAST(count(DISTINCT item) AS BIGINT) AS distinct_items,
               max(CASE WHEN CAST(ts AS TIMESTAMP) <> CAST(CAST(ts AS DATE) AS TIMESTAMP)
                        THEN 1 ELSE 0 END) AS timed{share_sql}{rate_sql}{popular_sql}
        FROM marked, ref GROUP BY customer_id ORDER BY customer_id"""
    ref_params = [observation_end] if observation_end else []
    frame = con.execute(sql, [*params, *ref_params, *groups.values()]).df()
    if frame.empty:
        until = Sentence("segment.error.until", day=observation_end) if observation_end else ""
        raise CrmError(Sentence("segment.error.no_events", table=table, until=until))
    frame["customer_id"] = frame["customer_id"].astype(str)
    timed = bool(frame.pop("timed").max())
    cov = _coverage(con, rows, observation_end, leave_out)
    gone = _not_kept(con, table)
    cov.update({**gone, "rows": cov["rows"] + gone.get("cancelled", 0)})
    return EventFeatures(frame, groups, flag_cols, cov,
                         _reference(con, used, params, observation_end), popular, timed,
                         LogKind.REVIEWS.value if review_log_of(con, table) else None)


def _popular_items_sql() -> str:
    """A ``popular`` CTE: the items of ``used`` that, most common first, hold the first
    ``POPULAR_EVENTS`` of its events (ties broken by the item, so a run is repeatable)."""
    return f""",
        popular AS (SELECT item FROM (
                        SELECT item, sum(count(*)) OVER (ORDER BY count(*) DESC, item) - count(*) AS before,
                               sum(count(*)) OVER () AS total
                        FROM used WHERE item IS NOT NULL GROUP BY item)
                    WHERE before < {POPULAR_EVENTS} * total)"""


def _one_of(ids: tuple[str, ...]) -> str:
    """True on the rows of the customers ``ids`` (one parameter each: Spark takes no list)."""
    return f"customer_id IN ({', '.join('?' * len(ids))})"


def _coverage(con: duckdb.DuckDBPyConnection, rows: str, observation_end: date | None,
              leave_out: tuple[str, ...]) -> dict[str, int]:
    """Rows used and left out by reason; the till accounts' rows (``leave_out``) are a reason."""
    dated = "customer_id IS NOT NULL AND ts IS NOT NULL"
    later = "CAST(ts AS DATE) > ?" if observation_end else "false"
    tills = f"{_one_of(leave_out)} AND NOT ({later})" if leave_out else "false"
    end = [observation_end] if observation_end else []
    total, no_id, no_date, after, shared = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE customer_id IS NULL), "
        f"count(*) FILTER (WHERE customer_id IS NOT NULL AND ts IS NULL), "
        f"count(*) FILTER (WHERE {dated} AND {later}), count(*) FILTER (WHERE {dated} AND {tills}) "
        f"FROM ({rows})", [*end, *leave_out, *(end if leave_out else [])]).fetchone()
    counts = {"rows": int(total), "no_customer_id": int(no_id), "no_date": int(no_date), "no_amount": 0}
    counts["used"] = counts["rows"] - counts["no_customer_id"] - counts["no_date"] - int(after) - int(shared)
    if observation_end:
        counts["after_observation_end"] = int(after)
    if shared:
        counts["shared_account"] = int(shared)
    return counts


def _reference(con, used: str, params: list, observation_end: date | None) -> date:
    if observation_end:
        return observation_end + timedelta(days=1)
    last = con.execute(f"SELECT max(CAST(ts AS DATE)) FROM ({used})", params).fetchone()[0]
    return last + timedelta(days=1)
