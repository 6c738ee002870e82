"""Cohorts and retention: customers by the period of their first purchase, followed period by period.

Computed in SQL over the normalised transaction view. For each cohort (first day of the month,
ISO week, quarter or year of a customer's first purchase) and each ``period`` (whole months,
weeks, quarters or years since that first period; 0 is the first): ``customers`` active in that
period, ``retention`` = customers / cohort size, ``revenue`` in that period and
``revenue_per_customer`` = revenue / cohort size (per *original* customer, so the curves of two
cohorts compare). With no period chosen, the dates' rhythm chooses (:func:`dates_rhythm`). An event log
works too (first activity; no revenue). Filters keep one segment of the latest segmentation of
the table, or the customers whose first purchase had a given product / channel / category.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.forecast.series import date_span, fitting_freq
from crm_core.forecast.year_date import year_date
from crm_core.i18n import Listing, Said, Sentence, Term, say, t
from crm_core.report import html as report_html
from crm_core.report.files import csv_bytes, excel_bytes_fast, money_kind
from crm_core.report.format import display_currency, money, percent
from crm_core.report.format import period as period_label
from crm_core.segment.configs import COHORTS, PERIOD_UNITS, CohortConfig
from crm_core.segment.sources import purchase_roles, table_kind
from crm_core.workspace import runs, store
from crm_core.workspace.missing import missing_roles_note, unpriced_rows
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import EXACT_MONEY, shared_notes, shared_said, unnamed_sales, view_tills
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import transaction_view

ENGINES = ("duckdb", "spark")
"""Where this analysis can run its row-heavy SQL (golden tests in ``tests/engine``)."""

COLUMNS = ("cohort", "period", "cohort_size", "customers", "retention", "revenue", "revenue_per_customer")
CSV_DECIMALS = {"retention": 4, "revenue": 2, "revenue_per_customer": 2}
_PERIOD = {"M": "date_diff('month', cohort, period_start)",
           "W": "CAST(date_diff('day', cohort, period_start) / 7 AS INTEGER)",
           "Q": "date_diff('quarter', cohort, period_start)",
           "Y": "date_diff('year', cohort, period_start)"}
"""Whole periods between a cohort's first day and a period's first day, by ``freq``."""


@dataclass
class CohortRun:
    """One cohort table and what it was computed from."""

    kind: ClassVar[str] = COHORTS
    reads_purchases: ClassVar[bool] = True  # an event log's views and carts are left out
    needs_roles: ClassVar[tuple[str, ...]] = ("amount",)

    table: str
    config: CohortConfig
    lang: str
    frame: pd.DataFrame
    has_revenue: bool
    evidence: tuple[str, ...]
    missing: str = ""  # the missing-roles sentence, repeated at the top of the HTML report
    currency: str = ""  # the unit the table's money is shown in, for the files written after the run
    notes: tuple[Sentence, ...] = ()  # why the period is not months; a first cohort swollen by old buyers
    """Said on the terminal as they are, on the page, in the report and in the kept run (the
    summary's ``notes``, in the run's language, shown when Past runs reopens it) by :func:`on_page`."""
    shared: tuple[tuple[str, int, int], ...] = ()  # the shop's walk-in accounts left out (id, orders, days)

    def summary(self) -> dict:
        """Cohorts, customers and the share back in period 1 (over every cohort but the newest,
        which has had no period 1 yet)."""
        first = self.frame[self.frame["period"] == 0]
        older = first[first["cohort"] < first["cohort"].max()]
        back = self.frame[(self.frame["period"] == 1) & self.frame["cohort"].isin(older["cohort"])]
        r1 = float(back["customers"].sum() / older["cohort_size"].sum()) if len(older) else None
        return {"cohorts": int(len(first)), "customers": int(first["cohort_size"].sum()),
                "freq": self.config.freq, "periods": int(self.frame["period"].max()) + 1,
                "retention_period_1": None if r1 is None else round(r1, 4),
                "revenue": round(float(self.frame["revenue"].sum()), 2) if self.has_revenue else None,
                "notes": [Said(on_page(note), self.lang) for note in self.notes]} \
            | ({"shared_accounts": shared_said(self.shared)} if self.shared else {})

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"cohorts": self.frame}

    def files(self) -> dict[str, bytes]:
        """``cohorts.csv``, ``cohort_report.xlsx`` and ``cohort_report.html`` (its notes as the
        command line says them: the page downloads :meth:`report` said :func:`on_page`)."""
        return {"cohorts.csv": csv_bytes(self.csv_frame()),
                "cohort_report.xlsx": self.workbook(),
                "cohort_report.html": self.report()}

    def csv_frame(self) -> pd.DataFrame:
        """The table as ``cohorts.csv`` writes it: money in cents, a share to four places (99.99%);
        ``revenue_per_customer`` read 15.0890804597701 in Excel (walk23)."""
        return self.frame.round(CSV_DECIMALS)

    def report(self, said=None) -> bytes:
        """The HTML report, each note said by ``said`` (as the run made it by default): the CLI's
        report told the analyst to "choose months under Period", a box the terminal does not have
        (walk15)."""
        from crm_core.segment import cohort_charts

        lang, freq = self.lang, self.config.freq
        blocks = [report_html.Text(t("cohort.report.intro", lang, **self.summary_text())),
                  *(report_html.Text(say(said(note) if said else note, lang)) for note in self.notes),
                  report_html.Chart(cohort_charts.triangle_figure(self.frame, "retention", lang, freq)),
                  report_html.Chart(cohort_charts.curves_figure(self.frame, "retention", lang, freq))]
        if self.has_revenue:
            revenue = cohort_charts.curves_figure(self.frame, "revenue_per_customer", lang, freq)
            blocks.append(report_html.Chart(revenue))
        page = report_html.render(t("cohort.report.title", lang, table=self.table), blocks, lang,
                                  note=self.missing)
        return page.encode("utf-8")

    def workbook(self) -> bytes:
        """The report workbook for people, in the run's language: headed in words, retention under
        0.0%, money to the cent, the cohort a month (a week's first day) cell; it read
        ``cohort_size``, ``0.44653349001175086`` and the text ``2024-01-01`` in a Chinese run too.
        A quarter or a year is written as the grid says it (``2023 Q1``, ``2023年``): Excel has no
        quarter format, and the text sorts in time order."""
        lang, freq = self.lang, self.config.freq
        heads = {c: t(f"cohort.col.{c}", lang) for c in self.frame.columns}
        frame, matrix = self.frame, retention_matrix(self.frame)
        if freq not in COHORT_CELLS:
            frame, matrix = (f.assign(cohort=[period_label(c, freq, lang) for c in f["cohort"]])
                             for f in (frame, matrix))
        matrix = matrix.rename(columns={"cohort": heads["cohort"]})
        cell = {"money": money_kind(self.currency)}
        kinds = {heads[c]: cell.get(kind, kind) for c, kind in SHEET_KINDS.items() if c in heads}
        if freq in COHORT_CELLS:
            kinds[heads["cohort"]] = COHORT_CELLS[freq]
        kinds |= {c: "percent" for c in matrix.columns if c != heads["cohort"]}
        sheets = {t("cohort.sheet.cohorts", lang): frame.rename(columns=heads),
                  t("cohort.sheet.matrix", lang): matrix}
        return excel_bytes_fast(sheets, kinds=kinds, lang=lang)

    def summary_text(self) -> dict[str, str]:
        s = self.summary()
        r1 = s["retention_period_1"]
        return {"cohorts": f"{s['cohorts']:,}", "customers": f"{s['customers']:,}",
                "freq": t(f"cohort.freq.{self.config.freq}", self.lang),
                "r1": "—" if r1 is None else f"{r1:.1%}"}


SHEET_KINDS = {"retention": "percent", "cohort_size": "count", "customers": "count", "revenue": "money",
               "revenue_per_customer": "money"}
"""How the cohort workbook's numbers read (``excel_bytes_fast(kinds=…)``), by column."""
COHORT_CELLS = {"M": "month", "W": "day"}
"""The workbook's cohort cell by ``freq``: a month or a week's first day as dates; quarters and
years are written as their labels."""


def retention_matrix(frame: pd.DataFrame, value: str = "retention") -> pd.DataFrame:
    """Cohorts as rows, periods as columns (the triangle)."""
    matrix = frame.pivot(index="cohort", columns="period", values=value).sort_index()
    matrix.index = matrix.index.astype(str)
    return matrix.reset_index()


def _filter_sql(con: duckdb.DuckDBPyConnection, table: str, config: CohortConfig) -> tuple[str, list]:
    """``AND customer_id IN (…)`` for the segment filter, with its parameters."""
    if not config.segment:
        return "", []
    kept = runs.list_runs(con, "segments", table)
    if not kept:
        raise CrmError(Sentence("cohort.error.not_segmented", table=table))
    name = kept[0].result_table
    found = con.execute(f"SELECT count(*) FROM {qi(name)} WHERE segment = ?",
                        [config.segment]).fetchone()[0]
    if not found:
        names = [r[0] for r in con.execute(f"SELECT DISTINCT segment FROM {qi(name)} ORDER BY 1").fetchall()]
        raise CrmError(Sentence("cohort.error.no_segment", segment=config.segment, table=table,
                                segments=Listing(names)))
    return f" AND customer_id IN (SELECT CAST(customer_id AS VARCHAR) FROM {qi(name)} WHERE segment = ?)", \
        [config.segment]


def cohort_sql(view_sql: str, freq: str, first_col: bool) -> str:
    """The cohort table over ``used`` rows (customer_id, ts, amount[, first]) of ``view_sql``; revenue
    summed exactly, the same to the bit whatever order an engine adds the rows in."""
    unit, period = PERIOD_UNITS[freq], _PERIOD[freq]
    first = ", arg_min(first, ts) AS first" if first_col else ""
    return f"""
        WITH used AS ({view_sql}),
        tagged AS (SELECT customer_id, CAST(date_trunc('{unit}', ts) AS DATE) AS period_start, amount, ts
                   {', first' if first_col else ''} FROM used),
        firsts AS (SELECT customer_id, min(period_start) AS cohort{first} FROM tagged GROUP BY customer_id),
        kept AS (SELECT * FROM firsts WHERE {'first = ?' if first_col else 'TRUE'}),
        sizes AS (SELECT cohort, count(*) AS cohort_size FROM kept GROUP BY cohort),
        cells AS (SELECT k.cohort, CAST({period} AS INTEGER) AS period,
                         count(DISTINCT x.customer_id) AS customers,
                         CAST(sum(CAST(x.amount AS {EXACT_MONEY})) AS DOUBLE) AS revenue
                  FROM tagged x JOIN kept k USING (customer_id) GROUP BY 1, 2)
        SELECT c.cohort, c.period, s.cohort_size, c.customers,
               c.customers / s.cohort_size AS retention, c.revenue,
               c.revenue / s.cohort_size AS revenue_per_customer
        FROM cells c JOIN sizes s USING (cohort) ORDER BY c.cohort, c.period"""


def run(con: duckdb.DuckDBPyConnection, table: str, config: CohortConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> CohortRun:
    """The cohort table of a purchase log (or an event log) in SQL."""
    config = config or CohortConfig()
    roles, dated = _by_year(con, table, roles, config)
    config = replace(config, freq="Y") if dated else config  # no rhythm to read: years are all there is
    kind = table_kind(con, table, roles)
    if kind.kind == "customers" or not kind.date_col:
        raise CrmError(Sentence("cohort.need.activity", table=table, evidence=kind.clauses()))
    if config.first_col and config.first_col not in dict(store.columns_of(con, table)):
        raise CrmError(Sentence("cohort.error.no_column", table=table, column=config.first_col))
    overrides = purchase_roles(con, table, kind, roles) | {"date": kind.date_col}
    resolved = get_roles(con, table, overrides)
    view = transaction_view(con, table, resolved, group_col=config.first_col)
    where, params = _filter_sql(con, table, config)
    cut = " AND CAST(ts AS DATE) <= ?" if config.observation_end else ""
    first = ", grp AS first" if config.first_col else ""
    tills = _tills(con, view, config.observation_end)
    where += f" AND customer_id NOT IN ({', '.join('?' * len(tills))})" if tills else ""
    rows = (f"SELECT customer_id, ts, amount{first} FROM ({view.sql}) "
            f"WHERE customer_id IS NOT NULL AND ts IS NOT NULL{cut}{where}")
    params = ([config.observation_end] if config.observation_end else []) + params + [c for c, _, _ in tills]
    params += [config.first_value] if config.first_col else []

    def cohorts_by(freq: str) -> pd.DataFrame:
        return _cohort_frame(con, table, rows, params, freq, bool(config.first_col))

    if config.freq:
        frame, notes = cohorts_by(config.freq), ()
    else:
        config, frame, notes = _by_rhythm(con, view.sql, config, cohorts_by)
    notes += tuple(n for n in (dated, early_start_note(frame, config.freq)) if n)
    notes += shared_notes(shared_said(tills), "cohort.note.shared_account")
    notes += tuple(n for n in (no_customer_note(con, view, config.observation_end, table),) if n)
    missing = missing_roles_note(resolved, lang, table, CohortRun.needs_roles, unpriced_rows(con, table))
    return CohortRun(table, config, lang, frame, view.has_amount, kind.sentences(lang), missing,
                     display_currency(con, table), notes, tills)


def _tills(con, view, end: date | None) -> tuple[tuple[str, int, int], ...]:
    """The shop's shared walk-in accounts (:mod:`crm_core.workspace.shared`, the rule segments,
    churn and spend follow) of a purchase log: counted as one customer, the till sat in its
    first cohort with ¥4,000 a month and came back every month (walk17). An event log without
    money has no orders to count."""
    return view_tills(con, view.sql, end) if view.has_amount else ()


def no_customer_note(con, view, end: date | None, table: str) -> Sentence | None:
    """The rows no customer id names, left out of every cohort, said in the coverage's words
    ("3,298 without a customer id", as segments say them) with their money and its share."""
    lines, unnamed, total = unnamed_sales(con, view.sql, end)
    if not lines:
        return None
    rows = Sentence("coverage.no_customer_id", n=f"{lines:,}")
    if not view.has_amount or unnamed is None or not total or total <= 0:
        return Sentence("cohort.note.no_customer_events", rows=rows)
    return Sentence("cohort.note.no_customer", rows=rows, money=money(unnamed, display_currency(con, table)),
                    share=percent(unnamed / total))


def _by_year(con, table: str, roles: dict[str, str] | None,
             config: CohortConfig) -> tuple[dict[str, str] | None, Sentence | None]:
    """A table with no date but a column of whole years (a member table's ``年份`` 2015 … 2023) is
    dated 1 January of each year, with the note saying so; its cohorts are yearly (months or weeks
    of a year-only date would be empty periods, so they are refused naming the column)."""
    dated = year_date(con, table, get_roles(con, table, dict(roles or {})))
    if not dated:
        return roles, None
    if config.freq not in (None, "Y"):
        raise CrmError(Sentence("cohort.error.years_only", table=table, column=dated[0],
                                freq=Sentence(f"cohort.freq.{config.freq}")))
    return {**(roles or {}), "date": dated[0]}, Sentence("cohort.note.year_date", **dated[1].values)


def _cohort_frame(con, table: str, rows: str, params: list, freq: str, first_col: bool) -> pd.DataFrame:
    """The cohort table of ``rows`` by ``freq``, its cohorts as ISO days and its counts whole."""
    frame = con.execute(cohort_sql(rows, freq, first_col), params).df()
    if frame.empty:
        raise CrmError(Sentence("cohort.error.no_customers", table=table))
    frame["cohort"] = pd.to_datetime(frame["cohort"]).dt.strftime("%Y-%m-%d")
    for column in ("period", "cohort_size", "customers"):
        frame[column] = frame[column].astype("int64")
    return frame[list(COLUMNS)]


def _by_rhythm(con, view_sql: str, config: CohortConfig, cohorts_by) -> tuple:
    """The analyst chose no period: the dates' rhythm's, else the customers' spacing's, else
    months (a daily purchase log); the config told the period and a note saying why."""
    freq, note = dates_rhythm(con, view_sql)
    frame = cohorts_by(freq)
    if freq == "M":
        freq, note = spacing_rhythm(frame)
        frame = frame if freq == "M" else cohorts_by(freq)
    return replace(config, freq=freq), frame, tuple(n for n in (note,) if n)


RHYTHM_LADDER = ("M", "Q", "Y")
BY_MONTH_FLAG = Sentence("cohort.way.flag")
"""How a period note says to see months on the command line; the page names its Period box
instead (:func:`on_page`)."""


def on_page(note: Sentence) -> Sentence:
    """A note as the page says it: a period note names the page's Period box, not ``--freq M``
    (the page has its own period choice); a kept run's notes and the page's report download read
    the same."""
    if "way" not in note.values:
        return note
    return Sentence(note.key, **note.values | {"way": Sentence("cohort.way.period")})
"""The periods the dates' rhythm may choose: weeks only when the analyst asks."""
SPACED_SHARE = 0.1
"""Customers are spaced a quarter (year) apart when fewer come back the month after than a tenth
of those back three (twelve) months on."""
SPACED_FLOOR = 0.05
"""…and at least this share of a cohort is back three (twelve) months on: noise is not a rhythm."""
SPACED_MIN_CUSTOMERS = 100
"""…over at least this many customers: CDNOW's first four customers (none back in February, one in
April) are no quarterly rhythm."""
_FIRST_MONTHS = {"Q": "(1, 4, 7, 10)", "Y": "(1)"}
"""The months a quarter's (a year's) first day falls in: every date on one says why in the note."""


def dates_rhythm(con: duckdb.DuckDBPyConnection, view_sql: str) -> tuple[str, Sentence | None]:
    """Months, quarters or years by the usual gap between the table's dates (forecast's rule,
    :func:`fitting_freq`): a clinic's visits all on 1 January read "back the month after: 0.0 %"
    by month while 73 % came back the next year. The note says why when it is not months."""
    _first, _last, gap = date_span(con, view_sql)
    freq = fitting_freq("M", gap, RHYTHM_LADDER)
    if freq == "M":
        return freq, None
    firsts = con.execute(f"""SELECT bool_and(day(ts) = 1 AND month(ts) IN {_FIRST_MONTHS[freq]})
                             FROM ({view_sql}) WHERE ts IS NOT NULL""").fetchone()[0]
    reason = "first" if firsts else "gap"
    return freq, Sentence(f"cohort.note.{freq}.{reason}", gap=f"{gap:,.0f}", way=BY_MONTH_FLAG)


def pooled_retention(frame: pd.DataFrame, months: int) -> float | None:
    """The share of customers active ``months`` months after their first, over the cohorts old
    enough to have had that month by the data's last month (None when none has)."""
    first = pd.to_datetime(frame["cohort"])
    month = first.dt.year * 12 + first.dt.month
    age = (month + frame["period"]).max() - month
    sizes = frame.loc[(frame["period"] == 0) & (age >= months), ["cohort", "cohort_size"]]
    if sizes.empty:
        return None
    back = frame.loc[(frame["period"] == months) & frame["cohort"].isin(sizes["cohort"]), "customers"].sum()
    return float(back / sizes["cohort_size"].sum())


def spacing_rhythm(frame: pd.DataFrame) -> tuple[str, Sentence | None]:
    """Quarters (years) when a monthly table's customers come back three (twelve) months on and
    hardly ever one or two months after: annual donors or renewals on scattered days."""
    if frame.loc[frame["period"] == 0, "cohort_size"].sum() < SPACED_MIN_CUSTOMERS:
        return "M", None
    r1 = pooled_retention(frame, 1) or 0.0
    soon = max(r1, pooled_retention(frame, 2) or 0.0)
    for freq, months in (("Q", 3), ("Y", 12)):
        later = pooled_retention(frame, months)
        if later is not None and later >= SPACED_FLOOR and soon < SPACED_SHARE * later:
            return freq, Sentence(f"cohort.note.{freq}.spaced", later=f"{later:.1%}", r1=f"{r1:.1%}",
                                  way=BY_MONTH_FLAG)
    return "M", None


EARLY_START_RATIO = 3.0
"""A first cohort this many times the usual size of the next ones holds customers who bought
before the data starts (a log exported from mid-history): each is counted new in the first period."""
EARLY_START_NEXT = 6
"""…the usual size being the median of this many cohorts after the first (acquisition drifts)."""
EARLY_START_MIN_CUSTOMERS = 100
"""…and the first cohort holds at least this many: four customers against one is no history."""
EARLY_START_STEP = 1.5
"""…and this many times the cohort right after it: earlier buyers still showing up swell the first
periods most and then fewer (the sample: 851, 396, 279), while a log of first-time buyers can keep
its size for a few periods before newcomers stop (CDNOW: 1,227, 1,316, 1,137, then 19, 7, 13)."""


def early_start_note(frame: pd.DataFrame, freq: str) -> Sentence | None:
    """Say when the first cohort is far larger than the next ones: it also holds the customers
    who bought before the data starts, so its retention reads high (walk13: January kept 38–48 %
    every month while later cohorts kept 5–20 %). Nothing when it is ordinary, nor when the next
    cohort is about as large (judge25: CDNOW's first-time buyers over Q1 1997)."""
    sizes = frame.loc[frame["period"] == 0].sort_values("cohort")
    if len(sizes) < 3:
        return None
    first = int(sizes["cohort_size"].iloc[0])
    usual = float(sizes["cohort_size"].iloc[1:1 + EARLY_START_NEXT].median())
    step = EARLY_START_STEP * int(sizes["cohort_size"].iloc[1])
    if first < EARLY_START_MIN_CUSTOMERS or first < EARLY_START_RATIO * usual or first < step:
        return None
    start = sizes["cohort"].iloc[0]
    cohort = Term(period_label(start, freq, "en"), zh=period_label(start, freq, "zh"))
    return Sentence("cohort.note.early_start", cohort=cohort, size=f"{first:,}", usual=f"{usual:,.0f}")


def first_values(con: duckdb.DuckDBPyConnection, table: str, column: str, limit: int = 200) -> list[str]:
    """The most common values of a column (for the page's first product / channel filter)."""
    rows = con.execute(f"SELECT NULLIF(trim(CAST({qi(column)} AS VARCHAR)), '') v FROM {qi(table)} "
                       f"WHERE {qi(column)} IS NOT NULL GROUP BY v ORDER BY count(*) DESC LIMIT ?",
                       [limit]).fetchall()
    return [r[0] for r in rows]
