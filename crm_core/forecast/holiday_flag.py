"""The country a table's own holiday flag points to. When the analyst names no ``--country`` and a
column such as ``is_holiday``, ``IsHoliday`` or 是否节假日 marks holidays with yes / no (or with
codes beside a "none" value, as Rossmann's ``StateHoliday`` 0 / a / b / c does), the
``holidays`` package's calendar that explains the flagged periods is used as ``--country`` would
be: the flag covers the history only, the calendar also knows the horizon's holidays and which of
them move (Easter), which is what the models need (docs/forecast.md, *A country read from a
holiday column*).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import duckdb
import pandas as pd

from crm_core.forecast.configs import HOLIDAY_COLUMN  # noqa: F401 (the Forecast page reads it here)
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.role_values import NO, YES
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import transaction_view

FLAG_NAME = re.compile(
    r"^(is[ _.-]?)?(public[ _.-]?|bank[ _.-]?|national[ _.-]?|state[ _.-]?)?holiday"
    r"([ _.-]?(flag|ind|indicator))?$"
    r"|^(是否)?为?(法定)?(节假日|假日|节日)(标志|标记|标识)?$", re.IGNORECASE)
"""A header that says the row is a holiday (``is_holiday``, ``IsHoliday``, ``Holiday_Flag``, 节假日,
是否节假日), not a school holiday nor the days before one (the bakery's ``is_schoolholiday``,
``is_holiday_next2days``)."""

NONE = ("0", "0.0", "", "none", "无")
"""Values that say "no holiday" in a column of holiday codes (a blank is read as '')."""
MAX_CODES = 10
"""Distinct holiday codes a code column may hold: a few kinds of holiday (Rossmann's a public
holiday, b Easter, c Christmas), not free text."""
CODE_LENGTH = 3
"""Characters a holiday code may have: codes, not holiday names."""

MIN_EXPLAINED = 2 / 3
"""Share of the flagged periods a calendar must hold to be taken: clearly most. Random flags'
best calendar held at most 21% of 47 random days and 70% of 10 random weeks (docs)."""
MAX_CHANCE = 1e-4
"""The chance that random flags fall on a calendar's holidays as often (binomial, at the share of
periods holding them): about 900 calendars are tried, so a one-in-a-hundred match is expected
among them; the bakery's DE-BW is at 1e-50, Walmart's US-IA at 5e-7, the US alone at 0.002."""
SUBDIVISIONS_FROM = 1 / 3
"""A country whose holidays hold this share of the flagged periods has its regions tried too: a
region adds holidays to its country's (Bavaria's Epiphany, Corpus Christi, All Saints' Day)."""
YEARS = 4
"""Years of flags read, the most recent: enough to tell calendars apart (the bakery's 47 flagged
days in 3.3 years), and the cost of building every calendar grows with them."""


@dataclass(frozen=True)
class Flag:
    """A holiday column and how it is read: a row is a holiday unless its value (lower-cased,
    blank as '') is one of ``none``; ``codes`` are the holiday codes when it is not yes / no."""

    column: str
    none: tuple[str, ...]
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """How one calendar fits the flag: the flagged periods holding one of its holidays, against
    its holiday periods that are not flagged."""

    code: str
    explained: int
    flagged: int
    unflagged: int
    chance: float

    @property
    def score(self) -> float:
        """Flagged periods it explains ÷ flagged periods and its unflagged holiday periods together:
        a calendar with every day a holiday explains every flag and scores low."""
        return self.explained / (self.flagged + self.unflagged)


@dataclass(frozen=True)
class Inferred:
    """The calendar taken from a holiday column, and what else matched as well."""

    flag: Flag
    weekly: bool
    match: Match
    same: tuple[str, ...] = ()

    @property
    def column(self) -> str:
        return self.flag.column

    @property
    def code(self) -> str:
        return self.match.code

    def notes(self) -> list[Sentence]:
        """What the analyst reads: the column, the country and how well they match."""
        periods = Sentence("forecast.flag.weeks" if self.weekly else "forecast.flag.dates")
        said = [Sentence("forecast.note.country_from_column", country=self.code, column=self.column,
                         explained=self.match.explained, flagged=self.match.flagged,
                         unflagged=self.match.unflagged, periods=periods)]
        if self.same:
            said.append(Sentence("forecast.note.country_same", country=self.code, others=Listing(self.same)))
        if self.flag.codes:
            none = Listing(tuple(v or Sentence("forecast.flag.blank") for v in self.flag.none))
            said.append(Sentence("forecast.note.flag_codes", column=self.column,
                                 codes=Listing(self.flag.codes), none=none))
        return said

    def record(self) -> dict:
        """``backtest.json``'s ``country_from`` for a country read from a column."""
        return {"source": "column", "column": self.column, "periods": "weeks" if self.weekly else "days",
                "explained": self.match.explained, "flagged": self.match.flagged,
                "unflagged": self.match.unflagged, "chance": self.match.chance, "same": list(self.same),
                "codes": list(self.flag.codes)}


def country_source(given: str | None, inferred: Inferred | None) -> dict | None:
    """Where the run's country came from: the analyst (who wins), a holiday column, or nowhere."""
    if given:
        return {"source": "--country"}
    return inferred.record() if inferred else None


def flag_column(con: duckdb.DuckDBPyConnection, table: str) -> Flag | None:
    """The first column named as a holiday flag that marks holidays with yes / no (1/0, true/false,
    是/否) or with a few short codes beside a most common "none" value (Rossmann's 0 / a / b / c)."""
    for column, _ in store.columns_of(con, table):
        if not FLAG_NAME.match(column.strip()):
            continue
        counts = con.execute(
            f"SELECT coalesce(lower(trim(CAST({qi(column)} AS VARCHAR))), '') AS v, count(*) AS n "
            f"FROM {qi(table)} GROUP BY v ORDER BY n DESC, v LIMIT {MAX_CODES + 2}").fetchall()
        flag = _yes_no(column, [v for v, _ in counts]) or _codes(column, [v for v, _ in counts])
        if flag:
            return flag
    return None


def _yes_no(column: str, values: list[str]) -> Flag | None:
    """A yes / no flag with at least one yes; blanks are no holiday."""
    if set(values) <= {*YES, *NO, ""} and set(values) & set(YES):
        return Flag(column, (*NO, ""))
    return None


def _codes(column: str, values: list[str]) -> Flag | None:
    """Holiday codes: the most common value says none and the few others are short codes, each a
    holiday (Rossmann's ``StateHoliday``, its 0 sometimes a number, sometimes text)."""
    codes = [v for v in values if v not in NONE]
    if (values and values[0] in NONE and 0 < len(codes) <= MAX_CODES
            and all(len(code) <= CODE_LENGTH for code in codes)):
        return Flag(column, tuple(v for v in NONE if v in values), tuple(sorted(codes)))
    return None


def _flag_days(con, table: str, roles: dict[str, str], flag: Flag) -> pd.Series:
    """Per day of the data (its last ``YEARS``), whether any row of it is flagged; read through the
    transaction view, so dates parse and cancelled rows are left out as the series' are."""
    view = transaction_view(con, table, roles, need_customer=False, group_col=flag.column)
    none = ", ".join("?" for _ in flag.none)
    days = con.execute(
        f"SELECT CAST(ts AS DATE) AS day, bool_or(coalesce(lower(grp), '') NOT IN ({none})) "
        f"FROM ({view.sql}) WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1", list(flag.none)).fetchall()
    flags = pd.Series([bool(f) for _, f in days], pd.DatetimeIndex([d for d, _ in days]))
    return flags[flags.index > flags.index[-1] - pd.DateOffset(years=YEARS)] if len(flags) else flags


def _periods(days, weekly: bool) -> set[pd.Timestamp]:
    """Days as the periods the data is kept in: the day, or its ISO week (Monday), as the series
    sums them."""
    index = pd.DatetimeIndex(list(days)).normalize()
    return set(index - pd.to_timedelta(index.day_of_week, unit="D") if weekly else index)


@cache
def _holidays(code: str, first: date, last: date) -> tuple[date, ...]:
    """One calendar's public holidays from ``first`` to ``last`` (cached: a page reruns them)."""
    import holidays

    country, _, region = code.partition("-")
    found = holidays.country_holidays(country, subdiv=region or None, years=range(first.year, last.year + 1))
    return tuple(day for day in found if first <= day <= last)


def _match(code: str, flagged: set, span: set, weekly: bool, first: date, last: date) -> Match:
    """How the calendar ``code`` fits the flagged periods of ``span``."""
    from scipy.stats import binom

    held = _periods(_holidays(code, first, last), weekly) & span
    explained = len(flagged & held)
    chance = float(binom.sf(explained - 1, len(flagged), len(held) / len(span))) if explained else 1.0
    return Match(code, explained, len(flagged), len(held - flagged), chance)


def _calendars(flagged: set, span: set, weekly: bool, first: date, last: date) -> list[Match]:
    """Every country's match, then those of the regions of the countries that hold enough flags;
    best first (a country before its regions on a tie, then the package's order)."""
    import holidays

    supported = holidays.list_supported_countries(include_aliases=False)
    found = [_match(c, flagged, span, weekly, first, last) for c in supported]
    found += [_match(f"{m.code}-{region}", flagged, span, weekly, first, last) for m in list(found)
              if m.explained >= SUBDIVISIONS_FROM * m.flagged for region in supported[m.code]]
    return sorted(found, key=lambda m: (-m.score, "-" in m.code))


def infer_country(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                  gap: float) -> Inferred | None:
    """The calendar a holiday flag column points to, if one explains clearly most of its flagged
    periods far beyond chance; ``gap``: the data's usual days between dates (weekly rows are
    matched by the week that holds a holiday; monthly ones not at all, every month holds one)."""
    flag = flag_column(con, table) if roles.get("date") and gap <= 7 else None
    if flag is None:
        return None
    days, weekly = _flag_days(con, table, roles, flag), gap > 1
    flagged = _periods(days.index[days.to_numpy()], weekly)
    if not flagged:
        return None
    first, last = days.index[0].date(), days.index[-1].date()
    ranked = _calendars(flagged, _periods(days.index, weekly), weekly, first, last)
    best = ranked[0]
    if best.explained < MIN_EXPLAINED * best.flagged or best.chance > MAX_CHANCE:
        return None
    same = tuple(m.code for m in ranked[1:4] if m.score == best.score)
    return Inferred(flag, weekly, best, same)
