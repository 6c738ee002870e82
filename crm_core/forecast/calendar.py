"""Public holidays as the models' calendar: a country's holidays (the ``holidays`` package, lunar
dates for China included) join the dates the analyst marks, and the *moving* ones (Easter, the
Spring Festival) are taken out of the seasonal models' history and put back on their own dates.

A seasonal model reads a holiday as a fixed date of the year: 2018's Easter dip (1 April) was
forecast into late March 2019, three weeks before Easter (21 April). A fixed-date holiday
(Christmas) is where the yearly season already puts it, so only the moving ones are handled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.forecast.series import fill_closed, neighbours_mean, period_offset, recurring_closures
from crm_core.i18n import Listing, Sentence, Term, catalogue, t

PAGE_COUNTRIES = ("AU", "BR", "CA", "CN", "FR", "DE", "HK", "IN", "IT", "JP", "MX", "NL", "SG", "KR",
                  "ES", "TW", "GB", "US")
"""The countries the page offers (the command line takes any code the ``holidays`` package
knows, and a region as ``DE-BY``); Chinese puts China first."""

Holidays = Sequence[str] | Mapping[str, str]
"""Marked dates (ISO), or a calendar of them: date → the name of its moving holiday ('' if none)."""

AROUND_DAYS = (-2, -1, 0, 1)
"""Days around a moving holiday that daily models take as its own (keyed 'Good Friday -1'): the
shopping before it and the day after move with it (the bakery sold 12.8k on the Thursday before
Good Friday 2018 against 9.1–9.4k on the days before, and 16.3k on Easter Saturday)."""

MIN_SEEN = 2
"""Times a moving holiday must be in the history before it is taken out of the season: a single
past ratio cannot be told from the noise of its day (docs/forecast.md, *Moving holidays that
stand out*)."""

STANDS_OUT = 2.0
"""Standard errors a moving holiday's mean log ratio to its neighbours must lie from 0 (the error
from the same ratio on the series' ordinary periods) for it to be taken out of the season: on
bike sharing's weather-driven days the US holidays seen twice were noise (validation MASE 1.07 →
1.19 taken out, 1.09 left), the bakery's Easter seen twice is not (year-ago MAPE 10.5 → 6.7%)."""

_SUFFIX = re.compile(r"\s*[(（].*$")
"""'Day off (substituted from 02/11/2018)', '… (observed)': one holiday under one name."""


def split_code(code: str) -> tuple[str, str | None]:
    """``de-by`` → ('DE', 'BY'), ``de-augsburg`` → ('DE', 'Augsburg'), ``de-bayern`` → ('DE', 'BY'):
    a country and, optionally, its region (ISO 3166-2 or a name the ``holidays`` package knows),
    spelled as the package spells them, whatever case the analyst typed; a region the country
    lacks is upper-cased for the refusal."""
    country, _, region = code.strip().partition("-")
    country, region = country.strip().upper(), region.strip()
    return country, _regions(country).get(region.casefold(), region.upper()) if region else None


def canonical(code: str) -> str:
    """A code as the package spells it (``de-augsburg`` → ``DE-Augsburg``), for the notes."""
    return "-".join(filter(None, split_code(code)))


@cache
def _regions(country: str) -> dict[str, str]:
    """A country's regions and their aliases, by name in lower case → the package's code (FR's
    'Zone A', DE's 'Augsburg' and 'Bayern' → 'BY'); none for a country the package lacks."""
    import holidays

    regions = holidays.list_supported_countries().get(country)
    if regions is None:
        return {}
    aliases = holidays.country_holidays(country).subdivisions_aliases
    return {name.casefold(): region for name, region in aliases.items()} | {r.casefold(): r for r in regions}


def check_country(code: str) -> None:
    """Refuse a code the calendar does not know, naming it (``--country XX``)."""
    import holidays

    country, region = split_code(code)
    regions = holidays.list_supported_countries().get(country)
    if regions is None or (region is not None and region not in regions):
        raise CrmError(Sentence("forecast.error.country", code=code))


def country_calendar(code: str, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, str]:
    """The public holidays of ``code`` from ``start`` to ``end``: ISO date → the name of its
    moving holiday, '' for a holiday on the same dates every year (an observed day, 'Christmas
    Day (observed)', takes its holiday's kind; China's 调休 bridging days, named for no holiday,
    move). Mobility is read from the years around the span too, so a one-year history still
    knows Easter moves."""
    import holidays

    country, region = split_code(code)
    years = range(start.year - 1, end.year + 2)
    found = holidays.country_holidays(country, subdiv=region, years=years)
    if "en_US" in found.supported_languages:  # one language, so one holiday has one name
        found = holidays.country_holidays(country, subdiv=region, years=years, language="en_US")
    names = {day: _SUFFIX.sub("", name) for day, name in found.items()}
    dates_of: dict[str, dict[int, set[str]]] = {}  # its own days each year, not observed or bridging ones
    for day, name in found.items():
        dates_of.setdefault(name, {}).setdefault(day.year, set()).add(day.strftime("%m-%d"))
    fixed = {name for name, years in dates_of.items() if len({frozenset(d) for d in years.values()}) == 1}
    return {day.isoformat(): "" if name in fixed else name
            for day, name in sorted(names.items()) if start.date() <= day <= end.date()}


def moving_keys(index: pd.DatetimeIndex, freq: str, holidays: Holidays,
                around: tuple[int, ...] | None = None) -> np.ndarray:
    """Per period, the moving holidays falling in it ('Easter Monday', joined when a week holds
    several), '' where none: a holiday in a week counts for that week; for days, the
    ``AROUND_DAYS`` too unless ``around`` says which. Months are left alone (a month's total
    barely moves with Easter, and filling whole months would blur the year)."""
    keys = np.full(len(index), "", dtype=object)
    if freq in ("M", "Q", "Y") or not isinstance(holidays, Mapping) or not any(holidays.values()):
        return keys
    around = around or (AROUND_DAYS if freq == "D" else (0,))
    pairs = [(pd.Timestamp(d) + pd.Timedelta(days=k), f"{n} {k:+d}" if k else n)
             for d, n in holidays.items() if n for k in around]
    moving = pd.Series([n for _, n in pairs], pd.DatetimeIndex([d for d, _ in pairs]))
    at = index.searchsorted(moving.index, side="right") - 1
    inside = (at >= 0) & (moving.index < index[np.clip(at, 0, None)] + period_offset(freq))
    for position, name in zip(at[inside], moving.to_numpy()[inside], strict=True):
        keys[position] = " | ".join(sorted({*filter(None, keys[position].split(" | ")), name}))
    return keys


def _same_week_every_year(weeks: pd.DatetimeIndex) -> bool:
    """Whether a holiday's weeks are all the same week of the year (Thanksgiving, Labor Day): a
    weekly season already puts it there, as it does Christmas."""
    return weeks.isocalendar().week.nunique() == 1


def _stands_out(y: pd.Series, past: np.ndarray, keys: set[str], freq: str) -> set[str]:
    """The ``keys`` whose mean log ratio to their neighbours lies ``STANDS_OUT`` standard errors
    from 0, the error from the same ratio on the periods holding no moving holiday. Both sides
    count sold periods only: a period that sold nothing beside neighbours that sold (a shutdown's
    inner weeks, which ``closed_periods`` leaves at 0) has a ratio of log 0 = −inf, which made
    the noise NaN and kept every holiday of the series in the season."""
    values = y.to_numpy(float)
    open_values = np.where(np.isin(past, list(keys)) | (values <= 0), np.nan, values)
    with np.errstate(all="ignore"):
        ratios = np.log(values / neighbours_mean(open_values, freq))
    ordinary = ratios[(past == "") & np.isfinite(ratios)]
    if not len(ordinary):
        return set()
    noise = float(np.std(ordinary))
    out = set()
    for key in keys:
        seen = ratios[(past == key) & np.isfinite(ratios)]
        if len(seen) and abs(seen.mean()) >= STANDS_OUT * noise / np.sqrt(len(seen)):
            out.add(key)
    return out


def handled_keys(y: pd.Series, past: np.ndarray, ahead: np.ndarray, future: pd.DatetimeIndex,
                 freq: str) -> set[str]:
    """The moving holidays to take out of the season: seen at least ``MIN_SEEN`` times in the
    history, standing out of its noise (``_stands_out``) and, for weeks, not in the same week of
    every year seen and ahead."""
    keys = {key for key in set(past) - {""} if (past == key).sum() >= MIN_SEEN}
    if freq == "W":
        weeks, every = y.index.append(future), np.concatenate([past, ahead])
        keys = {key for key in keys if not _same_week_every_year(weeks[every == key])}
    return _stands_out(y, past, keys, freq)


def holiday_adjusted(y: pd.Series, freq: str, future: pd.DatetimeIndex,
                     holidays: Holidays) -> tuple[pd.Series, np.ndarray]:
    """The history with its moving-holiday periods filled from their neighbours (as closures are),
    and the factor for each future period: the holiday's past ratio to its filled value (geometric
    mean over its past years), 1 where no moving holiday falls. Only the ``handled_keys`` are
    taken out; the others stay in the seasonal pattern."""
    past, ahead = moving_keys(y.index, freq, holidays), moving_keys(future, freq, holidays)
    keys = handled_keys(y, past, ahead, future, freq)
    factor = np.ones(len(future))
    marked = np.isin(past, list(keys))
    if not marked.any():
        return y, factor
    filled = fill_closed(y, marked, freq)
    values, typical = y.to_numpy(float), filled.to_numpy(float)
    for key in set(ahead) & keys:
        seen = (past == key) & (values > 0) & (typical > 0)
        if seen.any():
            factor[ahead == key] = float(np.exp(np.mean(np.log(values[seen] / typical[seen]))))
    return filled, factor


def closed_holidays(y: pd.Series, closed: np.ndarray, freq: str, future: pd.DatetimeIndex,
                    holidays: Holidays) -> dict[str, int]:
    """The moving holidays in ``future`` on whose every day in the history the business was
    closed (``closed``, the series' closure rule), in at least ``MIN_SEEN`` years: name → years.
    A closed day is masked and filled for fitting, so its past ratio never says 0: Rossmann's
    stores, shut on Good Friday every year, were forecast 185k on it. Days only."""
    if freq != "D":
        return {}
    past, ahead = (moving_keys(index, "D", holidays, around=(0,)) for index in (y.index, future))
    return _always_closed(y.index, closed, past, ahead)


def _always_closed(index: pd.DatetimeIndex, closed: np.ndarray, past: np.ndarray,
                   ahead: np.ndarray) -> dict[str, int]:
    """:func:`closed_holidays` on the history's and the horizon's moving-holiday keys."""
    found = {}
    for key in set(ahead) - {""}:
        on = past == key
        years = index[on].year.nunique()
        if years >= MIN_SEEN and closed[on].all():
            found[key] = years
    return found


def closures_ahead(y: pd.Series, closed: np.ndarray, freq: str, future: pd.DatetimeIndex,
                   holidays: Holidays) -> np.ndarray:
    """Future periods forecast closed (0, band 0–0): a date or weekday closed every time seen
    (``recurring_closures``, a day closed on a moving holiday left out of its date's), and the
    days of the ``closed_holidays`` (each calendar's keys built once: this runs per series)."""
    past = moving_keys(y.index, freq, holidays, around=(0,))
    shut = recurring_closures(y, closed, freq, future, closed & (past != ""))
    if freq != "D":
        return shut
    ahead = moving_keys(future, "D", holidays, around=(0,))
    names = _always_closed(y.index, closed, past, ahead)
    return shut | np.isin(ahead, list(names)) if names else shut


def closed_holiday_notes(y: pd.Series, closed: np.ndarray, freq: str, future: pd.DatetimeIndex,
                         holidays: Holidays, code: str | None = None) -> list[Sentence]:
    """"Good Friday, Easter Monday closed in each of the 2 past years: forecast closed", one
    note per number of years, so the analyst sees why a day of the horizon is 0; the holidays
    named in the analyst's language (``holiday_term``, ``code`` the calendar's country)."""
    by_years: dict[int, list[Term]] = {}
    span = (y.index[0].year, future[-1].year) if len(future) else (0, 0)
    for name, years in sorted(closed_holidays(y, closed, freq, future, holidays).items()):
        by_years.setdefault(years, []).append(holiday_term(name, code, *span))
    return [Sentence("forecast.note.closed_holidays", holidays=Listing(names), years=years)
            for years, names in sorted(by_years.items())]


def holiday_term(name: str, code: str | None, first: int, last: int) -> Term:
    """A moving holiday's key (the package's English name, which matches it across years) with
    its Chinese name: the one its country's own Chinese calendar gives it (``holidays`` ships
    zh_CN for CN, HK, MO, TW and RU only), else the catalogue's word for it
    (``forecast.holiday.*``: the Western holidays whose countries the package names in no
    Chinese), else none, and the English name is said."""
    own = _chinese_names(code, first, last).get(name) if code else None
    key = "forecast.holiday." + re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    return Term(name, zh=own or (t(key, "zh") if key in catalogue() else ""))


@cache
def _chinese_names(code: str, first: int, last: int) -> dict[str, str]:
    """English name → the country's own Chinese name from ``first`` to ``last``, paired by date
    (suffixes cut on both sides, as ``country_calendar`` cuts them: 'Day off' → 休息日); empty
    for a calendar with no zh_CN (Russia's 'Christmas Day' is 东正教圣诞节, so one country's
    Chinese is never lent to another's)."""
    import holidays

    country, region = split_code(code)
    years = range(first, last + 1)
    if not {"en_US", "zh_CN"} <= set(holidays.country_holidays(country, subdiv=region).supported_languages):
        return {}
    english, chinese = (holidays.country_holidays(country, subdiv=region, years=years, language=lang)
                        for lang in ("en_US", "zh_CN"))
    return {_SUFFIX.sub("", name): _SUFFIX.sub("", chinese[day]) for day, name in english.items()}
