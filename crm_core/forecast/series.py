"""The series to forecast: sums per period in DuckDB on a regular grid, partial edge periods
left out, and closed periods (Christmas zeros, stock-outs) found so they are not learned as demand."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace

import duckdb
import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.forecast.configs import FREQS
from crm_core.forecast.overlap import without_totals
from crm_core.i18n import Day, Listing, Sentence, quoted_name, shortened
from crm_core.load.coltypes import is_id_name
from crm_core.workspace import store
from crm_core.workspace.role_names import YEAR_HEADER, is_balance_name, is_points_name
from crm_core.workspace.role_values import measure_columns
from crm_core.workspace.transactions import GROUP_SEP, transaction_view

TOTAL = "(total)"
CLOSED_SHARE = 0.1
"""A period selling under a tenth of its neighbours' median (same weekday for days) was closed."""


@dataclass(frozen=True)
class SeriesSet:
    """Regular period series (missing periods are zeros), the total first, then each group."""

    freq: str
    target: str
    series: dict[str, pd.Series]
    notes: tuple[str, ...] = ()
    gap: float = 1.0
    """The usual number of days between the data's dates (1: a log kept by the day)."""
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each part's value of every ``by`` column, for a split by several (store × item)."""


def by_columns(by: str | None) -> tuple[str, ...]:
    """``--by store,item`` → the columns of the split (one part per combination)."""
    return tuple(c.strip() for c in (by or "").split(",") if c.strip())


def period_offset(freq: str) -> pd.DateOffset:
    return {"D": pd.offsets.Day(1), "W": pd.offsets.Week(1), "M": pd.offsets.MonthBegin(1),
            "Q": pd.offsets.QuarterBegin(1, startingMonth=1), "Y": pd.offsets.YearBegin(1)}[freq]


PERIOD_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Q": 91.31, "Y": 365.25}
"""The usual length of each period in days."""


def fitting_freq(freq: str, gap: float, ladder: tuple[str, ...] = ("W", "M", "Q", "Y")) -> str:
    """The period to forecast by: the one asked, or, when the data's dates lie two of its periods
    apart or more (monthly sales forecast by week, quarters by month), the finest period that
    holds a date each: the periods between would otherwise read as no sales (a clinic's visits
    dated 1 January were forecast by quarter, three of every four empty). Days keep their
    note (``sparse_daily``): a daily log with gaps has real days without sales. ``ladder`` is the
    periods the analysis offers (cohorts start at months)."""
    if freq == "D":
        return freq
    coarser = [f for f in ladder if PERIOD_DAYS[f] >= PERIOD_DAYS[freq]]
    return next((f for f in coarser if gap < 2 * PERIOD_DAYS[f]), coarser[-1])


def finer_freq(freq: str, gap: float) -> str | None:
    """The coarsest period finer than ``freq`` whose every period the data's dates still fill
    (days' weeks, not their days), or None when ``freq`` is the data's own (yearly dates)."""
    finest = "D" if gap < 2 else fitting_freq("W", gap)
    finer = [f for f in FREQS if PERIOD_DAYS[finest] <= PERIOD_DAYS[f] < PERIOD_DAYS[freq]]
    return finer[-1] if finer else None


def future_index(index: pd.DatetimeIndex, freq: str, steps: int) -> pd.DatetimeIndex:
    """The ``steps`` periods after the last one of ``index``."""
    return pd.date_range(index[-1], periods=steps + 1, freq=FREQS[freq][1])[1:]


def _measure(view, value_col: str | None) -> tuple[str, str]:
    """The aggregate and its name: revenue, else units, else orders."""
    if value_col or view.has_amount:
        return "sum(amount)", value_col or ("revenue" if view.amount_source else "value")
    if view.has_quantity:
        return "sum(quantity)", "units"
    if view.has_order_id:
        return "count(DISTINCT order_id)", "orders"
    return "count(*)", "rows"


def _period_sql(view_sql: str, unit: str, measure: str, grouped: bool) -> str:
    """Sum per period (and group): the row-heavy step, plain enough to run on Spark too."""
    grp = "CAST(grp AS VARCHAR)" if grouped else "CAST(NULL AS VARCHAR)"
    return f"""
        SELECT CAST(date_trunc('{unit}', ts) AS DATE) AS period, {grp} AS grp, {measure} AS value
        FROM ({view_sql}) AS v WHERE ts IS NOT NULL GROUP BY 1, 2"""


def date_span(con, view_sql: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None, float]:
    """First and last day and the usual gap (days) between distinct dates in the data."""
    row = con.execute(
        f"""WITH d AS (SELECT DISTINCT CAST(ts AS DATE) AS d FROM ({view_sql}) WHERE ts IS NOT NULL)
            SELECT min(d), max(d), median(gap) FROM
            (SELECT d, d - lag(d) OVER (ORDER BY d) AS gap FROM d)"""
    ).fetchone()
    if row[0] is None:
        return None, None, 1.0
    gap = row[2] or 1
    days = gap.total_seconds() / 86400 if hasattr(gap, "total_seconds") else float(gap)  # Spark: an interval
    return pd.Timestamp(row[0]), pd.Timestamp(row[1]), days


def _trim_partial(y: pd.Series, freq: str, first: pd.Timestamp, last: pd.Timestamp,
                  gap: float) -> tuple[pd.Series, list[str]]:
    """Drop a first or last period the data covers only in part (it would look like a slump).

    A period counts as partial when at least one of the data's usual date steps is missing
    at its edge, so weekly data dated on Fridays keeps its last week. Months and quarters differ
    by up to three days, so data dated once a month or quarter gets two days of slack (the median
    step of 91 days would cut a last quarter of 92).
    """
    notes = []
    after_last = last + pd.Timedelta(days=3 if gap >= 28 else 1)
    if len(y) > 3 and (after_last - (y.index[-1] + period_offset(freq))).days <= -gap:
        notes.append(Sentence("forecast.note.left_out_last", period=Day(y.index[-1]), end=Day(last)))
        y = y.iloc[:-1]
    if len(y) > 3 and (first - y.index[0]).days >= gap:
        notes.append(Sentence("forecast.note.left_out_first", period=Day(y.index[0]), start=Day(first)))
        y = y.iloc[1:]
    return y, notes


def value_columns(con: duckdb.DuckDBPyConnection, table: str,
                  columns: list[tuple[str, str]] | None = None) -> list[str]:
    """The columns a forecast can add up per period: numbers, not codes (``customer_id`` 002327
    read as a number and its sum was forecast; ``channel`` failed as "values that are not
    numbers") nor an export's row numbers (R's ``rownames``). ``columns``: (name, type) when
    already read."""
    return [c for c in measure_columns(con, table, columns) if not is_id_name(c)]


def _check_columns(con, table: str, value_col: str | None, by: tuple[str, ...]) -> None:
    """Refuse a measure that is missing or not numbers, naming the ones that are, and a split
    column that is missing, naming the table's columns."""
    typed = store.columns_of(con, table)
    columns, numbers = [c for c, _ in typed], value_columns(con, table, typed)
    if value_col and value_col not in numbers:
        key = "forecast.error.not_numeric" if value_col in columns else "forecast.error.no_value_column"
        said = Listing(numbers[:40]) if numbers else Sentence("forecast.error.none")
        raise CrmError(Sentence(key, table=table, column=value_col, columns=said))
    for column in by:
        if column not in columns:
            raise CrmError(Sentence("forecast.error.no_column", table=table, column=column, option="--by",
                                    columns=Listing(columns[:40])))


REGULAR_SHARE = 0.9
"""Share of the periods with rows that hold the same number of them for a table to read as regular
measurements (one row per five minutes, per day): its row count per period is a constant."""


def regular_rows(counts: pd.Series) -> int | None:
    """The number of rows (almost) every period with rows holds, or None when the counts vary.
    The bank call centre's 27,716 five-minute slots are 288 every weekday: counted, they forecast
    a constant, and the backtest read MASE 0, "last value" the best method."""
    counts = counts[counts > 0]
    if len(counts) < 4:
        return None
    top = counts.value_counts()
    return int(top.index[0]) if top.iloc[0] >= REGULAR_SHARE * len(counts) else None


def other_measures(con, table: str, roles: dict[str, str], by: tuple[str, ...]) -> list[str]:
    """The number columns that could be the measure: no role, no split column, no whole-year
    column (``Year`` beside the date says when, not how much), no balance (a points ledger's
    ``变动后余额`` summed per week, judge21), no loyalty points (its ``积分变动``, earned and redeemed)."""
    used = {c for c in roles.values() if c} | set(by)
    return [c for c in value_columns(con, table) if c not in used and not YEAR_HEADER.match(c.strip())
            and not is_balance_name(c) and not is_points_name(c)]


def _counting_rows_note(con, table: str, roles: dict[str, str], by: tuple[str, ...], freq: str,
                        regular: int | None) -> Sentence:
    """Said when a table has no amount, quantity or order id: the forecast counts rows, and
    the number columns it could forecast instead (``co2``, ``visitors``) are named. When every
    period holds the same number of rows and a number column exists, the note says the count is
    a constant whose perfect backtest means nothing, and names the columns to forecast instead:
    the measure stays the analyst's choice (a reading's sum per week may be no measure at all)."""
    numbers = other_measures(con, table, roles, by)
    if regular and numbers:
        return Sentence("forecast.note.regular_rows", period=Sentence(f"forecast.every.{freq}"),
                        rows=f"{regular:,}", columns=Listing(numbers[:6]))
    if not numbers:  # nothing to pick instead: "pick it as the Measure: —" pointed to nothing
        return Sentence("forecast.note.counting_rows_only")
    return Sentence("forecast.note.counting_rows", columns=Listing(numbers[:6]))


def load_series(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], freq: str = "W",
                value_col: str | None = None, by: str | None = None,
                max_groups: int = 2000) -> SeriesSet:
    """The total series (and one per value of ``by``, or per combination of several comma-separated
    columns, largest first) summed per period. With no amount, quantity nor order id, a table's
    one number column is the measure (a Google Analytics export's ``Pageviews``: its rows, one per
    page and day, counted a constant); with several, rows are counted and the note lists them."""
    if freq not in FREQS:
        raise CrmError(Sentence("forecast.error.freq", freq=freq))
    columns = by_columns(by)
    _check_columns(con, table, value_col, columns)
    roles = {**roles, "amount": value_col} if value_col else roles
    group = (columns[0] if len(columns) == 1 else columns) or None
    view = transaction_view(con, table, roles, need_customer=False, group_col=group)
    measure, target = _measure(view, value_col)
    if target == "rows" and len(numbers := other_measures(con, table, roles, columns)) == 1:
        chosen = load_series(con, table, roles, freq, numbers[0], by, max_groups)
        note = Sentence("forecast.note.sole_measure", column=quoted_name(numbers[0]))
        return replace(chosen, notes=(note, *chosen.notes))
    first, last, gap = date_span(con, view.sql)
    if first is None:
        raise CrmError(Sentence("forecast.error.no_dates", table=table, column=roles.get("date")))
    notes: list = []
    if (fitted := fitting_freq(freq, gap)) != freq:
        notes.append(Sentence("forecast.note.coarser", gap=f"{gap:.0f}",
                              unit=Sentence(f"forecast.unit.{FREQS[fitted][0]}"),
                              asked=Sentence(f"forecast.unit.{FREQS[freq][0]}")))
        freq = fitted
    unit = FREQS[freq][0]
    total = _fetch(con, _period_sql(view.sql, unit, measure, False))
    span = pd.date_range(total.index.min(), total.index.max(), freq=FREQS[freq][1])
    series, keys = {TOTAL: total}, {}
    if columns:
        keys = _groups(con, _period_sql(view.sql, unit, measure, True), columns, max_groups, table)
        series |= {name: y for name, (y, _) in keys.items()}
        keys = {name: values for name, (_, values) in keys.items()}
    series = {name: y.reindex(span, fill_value=0.0) for name, y in series.items()}  # no sale: 0
    series, blank = fill_blank_periods(series)
    if blank:
        notes.append(_blank_note(blank, value_col or roles.get("amount") or roles.get("quantity") or target))
    series, totals = without_totals(series, TOTAL)
    if totals:
        keys = {name: values for name, values in keys.items() if name not in totals}
        notes.append(_totals_note(totals))
    if target == "rows":
        notes.append(_counting_rows_note(con, table, roles, columns, freq, regular_rows(total)))
    trimmed = {}
    for name, y in series.items():
        y, dropped = _trim_partial(y, freq, first, last, gap)
        trimmed[name] = y
        if name == TOTAL:
            notes += dropped
    if freq == "D" and gap >= 6:
        notes.append(Sentence("forecast.note.sparse_daily", gap=f"{gap:.0f}"))
    return SeriesSet(freq, target, trimmed, tuple(notes), gap, keys)


def fill_blank_periods(series: dict[str, pd.Series]) -> tuple[dict[str, pd.Series], dict[str, int]]:
    """Periods whose every row leaves the measure blank (a city's month with its sales unreported)
    are no number: left NaN, one blank month of 187 kept the whole series from being forecast
    ("values that are not numbers": 20 of Texas housing's 46 cities). Before a series' first
    value they count as nothing sold, like a period without rows (the part had not begun); later
    ones are unknown, not zero, and are filled in from the periods around them (a straight line
    between the two known values, the last value carried on past the end). Returns the series and
    the number of blank periods per series that had any."""
    filled, blank = {}, {}
    for name, y in series.items():
        missing = y.isna().to_numpy()
        if not missing.any():
            filled[name] = y
            continue
        blank[name] = int(missing.sum())
        started = np.maximum.accumulate(~missing)
        y = y.where(started, 0.0).interpolate(limit_area="inside").ffill()
        filled[name] = y.fillna(0.0)  # every period blank: nothing known was sold
    return filled, blank


def _blank_note(blank: dict[str, int], column: str) -> Sentence:
    """Said when ``fill_blank_periods`` filled anything: how many periods, in which series."""
    parts = [name for name in blank if name != TOTAL]
    if not parts:
        return Sentence("forecast.note.blank_periods", column=column, count=f"{blank[TOTAL]:,}")
    return Sentence("forecast.note.blank_periods_parts", column=column,
                    count=f"{sum(blank[name] for name in parts):,}", parts=len(parts),
                    names=shortened(parts, 5))


def _totals_note(totals: dict[str, list[str]]) -> Sentence:
    """Said when parts of the split were totals of other parts (``overlap.nested_totals``)."""
    names = list(totals)
    first, parts = names[0], totals[names[0]]
    return Sentence("forecast.note.nested_totals", names=shortened(map(quoted_name, names), 5), first=first,
                    parts=shortened(map(quoted_name, parts), 4))


def _groups(con, sql: str, by: tuple[str, ...], max_groups: int,
            table: str) -> dict[str, tuple[pd.Series, tuple[str, ...]]]:
    """One series per value of ``by`` (or combination of its columns), largest first (blank
    values as one group), with each column's value. A combination is named for the analyst
    "store 3 · item 17"; one column's part keeps its bare value."""
    frame = con.execute(sql).df()
    frame["grp"] = frame["grp"].fillna("(blank)").astype(str)
    sizes = frame.groupby("grp")["value"].apply(lambda v: v.abs().sum()).sort_values(ascending=False)
    if len(sizes) > max_groups:
        raise CrmError(Sentence("forecast.error.too_many_groups", by=Listing(by), table=table,
                                n=f"{len(sizes):,}", max=f"{max_groups:,}"))
    parts = dict(tuple(frame.groupby("grp", sort=False)))
    found = {}
    for key in sizes.index:
        values = tuple(key.split(GROUP_SEP)) if len(by) > 1 else (key,)
        name = " · ".join(f"{c} {v}" for c, v in zip(by, values, strict=True)) if len(by) > 1 else key
        found[name] = (pd.Series(parts[key]["value"].to_numpy(float), pd.DatetimeIndex(parts[key]["period"])
                                 ).sort_index(), values)
    return found


def _fetch(con, sql: str) -> pd.Series:
    frame = con.execute(sql).df().sort_values("period")
    return pd.Series(frame["value"].to_numpy(float), pd.DatetimeIndex(frame["period"]), name="value")


def mostly_positive(values: np.ndarray) -> bool:
    """Sales in nine periods of ten and never below zero: a zero is then an event (a closure)
    and errors grow with the level; otherwise (slow, intermittent items) a zero is demand."""
    return bool(len(values)) and not (values < 0).any() and (values > 0).mean() >= 0.9


def closed_periods(y: pd.Series, freq: str) -> np.ndarray:
    """Periods the business was evidently closed: (near) zero where the neighbours sold, and
    for days a weekday it keeps shut (a store closed on Sundays, Rossmann's ``Open`` = 0).

    Compared with the median of the four same-position periods either side (same weekday for
    days), so a slow season is not a closure. Series that are often zero on their open days
    (slow items) keep their zeros: for them a zero is demand. Without the shut weekdays left
    out, a store closed on Sundays sold on only 6 days in 7 and none of its holiday zeros was
    masked.
    """
    values = y.to_numpy(float)
    weekly = shut_weekdays(y, freq)
    if len(values) < 10 or not mostly_positive(values[~weekly]):
        return np.zeros(len(values), bool)
    offsets = (-4, -3, -2, -1, 1, 2, 3, 4)
    reference = np.nan_to_num(_neighbours(values, 7 if freq == "D" else 1, offsets, np.nanmedian))
    return weekly | ((reference > 0) & (values <= CLOSED_SHARE * reference))


def shut_weekdays(y: pd.Series, freq: str) -> np.ndarray:
    """Days whose weekday sold nothing on nine in ten of its last 8+ weeks' days: a weekly closing
    day, forecast as 0 (not a slow day to learn: it is filled for fitting like any closure)."""
    if freq != "D" or len(y) < 8 * 7:
        return np.zeros(len(y), bool)
    recent = y.iloc[-365:]
    share = pd.Series(recent.to_numpy(float) == 0).groupby(recent.index.day_of_week).mean()
    return y.index.day_of_week.isin(share.index[share >= 0.9])


def fill_closed(y: pd.Series, closed: np.ndarray, freq: str) -> pd.Series:
    """The series with closed periods replaced by their neighbours' typical value, for fitting."""
    if not closed.any():
        return y
    open_values = np.where(closed, np.nan, y.to_numpy(float))
    typical = neighbours_mean(open_values, freq)
    typical = np.where(np.isnan(typical), np.nanmedian(open_values), typical)
    return pd.Series(np.where(closed, typical, y.to_numpy(float)), y.index, name=y.name)


def neighbours_mean(values: np.ndarray, freq: str) -> np.ndarray:
    """Each period's typical value from its neighbours, NaN ones left out: the same weekday one
    and two weeks either side for days, the two periods either side otherwise."""
    return _neighbours(values, 7 if freq == "D" else 1, (-2, -1, 1, 2), np.nanmean)


def _neighbours(values: np.ndarray, step: int, offsets: tuple[int, ...], reduce) -> np.ndarray:
    """``reduce`` (nanmedian, nanmean) over the values ``offsets`` × ``step`` periods away."""
    n = len(values)
    stacked = np.full((len(offsets), n), np.nan)
    for row, k in enumerate(offsets):
        shift = k * step
        if shift > 0 and shift < n:
            stacked[row, shift:] = values[:-shift]
        elif shift < 0 and -shift < n:
            stacked[row, :shift] = values[-shift:]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns at the edges
        return reduce(stacked, axis=0)


def recurring_closures(y: pd.Series, closed: np.ndarray, freq: str, future: pd.DatetimeIndex,
                       moved: np.ndarray | None = None) -> np.ndarray:
    """Future days whose calendar date (Dec 25, Jan 1 …) was closed in every past year seen, or
    whose weekday the business keeps shut (``shut_weekdays``). ``moved``: past days closed on a
    moving holiday, which say nothing of their date (21 April 2013 was a Sunday, 2014's Easter
    Monday: Rossmann's stores, shut on both, were forecast 0 on 21 April 2015 against 146k)."""
    if freq != "D" or not closed.any():
        return np.zeros(len(future), bool)
    dated = np.ones(len(y), bool) if moved is None else ~moved
    days = pd.DataFrame({"md": y.index.strftime("%m-%d"), "closed": closed})[dated]
    always = days.groupby("md")["closed"].agg(["all", "size"])
    always = set(always.index[(always["all"]) & (always["size"] >= 2)])
    weekly = set(y.index[closed & shut_weekdays(y, freq)].day_of_week)
    return np.array([d in always for d in future.strftime("%m-%d")], bool) | future.day_of_week.isin(weekly)
