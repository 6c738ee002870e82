"""A table's own holiday flag picks the country when the analyst names none: the calendar whose
public holidays its flagged days are, used as ``--country`` would be, said in a note and recorded."""

from __future__ import annotations

import json

import holidays
import numpy as np
import pandas as pd
import pytest

from crm_core.forecast import report
from crm_core.forecast.run import ForecastConfig, run
from crm_core.i18n import say
from crm_core.workspace import store

MONTHLY = ForecastConfig(freq="M", horizon=3, folds=2)
"""A cheap forecast of a daily log: the flag is read by the day whatever the forecast's period."""


def _daily_sales(con, flagged, column: str = "is_holiday", yes=1, no=0) -> None:
    """Three years of a shop's daily sales with a holiday column marking ``flagged`` days."""
    days = pd.date_range("2021-01-04", "2023-12-31", freq="D")
    rng = np.random.default_rng(3)
    sales = 1000 * (1 + 0.2 * (days.day_of_week >= 5)) * np.exp(rng.normal(0, 0.05, len(days)))
    marked = days.isin(pd.DatetimeIndex(list(flagged)))
    store.write_frame(con, "shop", pd.DataFrame({"date": days, "sales": sales.round(2),
                                                 column: np.where(marked, yes, no)}))


def _german_holidays() -> list:
    return list(holidays.country_holidays("DE", years=range(2021, 2024)))


@pytest.mark.parametrize(("column", "yes", "no", "lang", "said"), [
    ("is_holiday", 1, 0, "en", "public holidays of DE taken from column is_holiday"),
    ("是否节假日", "是", "否", "zh", "已根据列 是否节假日 采用 DE 的法定节假日")])
def test_a_flag_on_germany_s_public_holidays_reads_as_germany(con, column, yes, no, lang, said):
    _daily_sales(con, _german_holidays(), column, yes, no)
    result = run(con, "shop", MONTHLY, roles={"date": "date", "amount": "sales"}, lang=lang)
    assert result.config.country.split("-")[0] == "DE"
    assert any(say(note, lang).startswith(said) for note in result.notes)
    assert "forecast.note.country" in [note.key for note in result.notes]  # used as --country would be
    payload = json.loads(report.files(result)["backtest.json"])
    assert payload["config"]["country"] == result.config.country
    assert payload["country_from"]["source"] == "column" and payload["country_from"]["column"] == column
    assert payload["country_from"]["explained"] == payload["country_from"]["flagged"]


def test_a_flag_on_random_dates_names_no_country(con):
    days = pd.date_range("2021-01-04", "2023-12-31", freq="D")
    _daily_sales(con, np.random.default_rng(0).choice(days, 40, replace=False))
    result = run(con, "shop", MONTHLY, roles={"date": "date", "amount": "sales"})
    assert result.config.country is None
    assert not {"forecast.note.country_from_column", "forecast.note.country"} & {n.key for n in result.notes}
    assert json.loads(report.files(result)["backtest.json"])["country_from"] is None


def test_the_analyst_s_country_wins_over_the_flag(con):
    _daily_sales(con, _german_holidays())
    config = ForecastConfig(freq="M", horizon=3, folds=2, country="FR")
    result = run(con, "shop", config, roles={"date": "date", "amount": "sales"})
    assert result.config.country == "FR"
    assert "forecast.note.country_from_column" not in [note.key for note in result.notes]
    assert json.loads(report.files(result)["backtest.json"])["country_from"] == {"source": "--country"}


def test_weekly_rows_flagged_in_the_weeks_of_us_holidays_read_as_the_united_states(con):
    """Walmart's shape: a row per week dated on its Friday, ``IsHoliday`` true or false."""
    fridays = pd.date_range("2019-01-04", "2021-12-31", freq="W-FRI")
    mondays = fridays - pd.Timedelta(days=4)
    us = pd.DatetimeIndex(list(holidays.country_holidays("US", years=range(2019, 2022))))
    flag = [bool(((us >= monday) & (us < monday + pd.Timedelta(days=7))).any()) for monday in mondays]
    sales = 5e5 * np.exp(np.random.default_rng(1).normal(0, 0.03, len(fridays)))
    store.write_frame(con, "weeks", pd.DataFrame({"Date": fridays, "Weekly_Sales": sales, "IsHoliday": flag}))
    result = run(con, "weeks", MONTHLY, roles={"date": "Date", "amount": "Weekly_Sales"})
    assert result.config.country.split("-")[0] == "US"
    assert any(say(note, "en").startswith(f"public holidays of {result.config.country} taken from column "
                                           "IsHoliday") and "flagged weeks" in note for note in result.notes)
