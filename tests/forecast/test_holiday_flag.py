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
from crm_core.load.reader import load_file
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


def test_the_holiday_column_can_be_left_unread(con):
    """An analyst whose flag marks something else (promotions, school days) switches the reading
    off: no country is taken, and backtest.json's config says the column was left unread."""
    _daily_sales(con, _german_holidays())
    config = ForecastConfig(freq="M", horizon=3, folds=2, holiday_column="off")
    result = run(con, "shop", config, roles={"date": "date", "amount": "sales"})
    assert result.config.country is None
    assert not {"forecast.note.country_from_column", "forecast.note.country"} & {n.key for n in result.notes}
    payload = json.loads(report.files(result)["backtest.json"])
    assert payload["config"]["holiday_column"] == "off" and payload["country_from"] is None


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


def _rossmann_csv(path, stores: int = 3) -> None:
    """Rossmann's train.csv shape: a row per store and day, newest first, closed (Sales 0) on
    Sundays and holidays; ``StateHoliday`` 0 for none, ``a`` a public holiday, ``b`` Easter, ``c``
    Christmas, on North Rhine-Westphalia's days, its 0 a number in the older half and text after."""
    days = pd.date_range("2013-01-01", "2015-07-31", freq="D")
    nw = holidays.country_holidays("DE", subdiv="NW", years=range(2013, 2016), language="en_US")
    kinds = {d: "b" if "Easter" in n or "Good Friday" in n else "c" if "Christmas" in n else "a"
             for d, n in nw.items()}
    rng = np.random.default_rng(5)
    frames = []
    for store_id in range(1, stores + 1):
        code = np.array([kinds.get(d.date(), "0") for d in days], dtype=object)
        open_ = (days.day_of_week != 6) & (code == "0")
        code[(code == "0") & (days < "2014-01-01")] = 0
        frames.append(pd.DataFrame({"Store": store_id, "DayOfWeek": days.day_of_week + 1,
                                    "Date": days.strftime("%Y-%m-%d"),
                                    "Sales": np.where(open_, rng.integers(4000, 6000, len(days)), 0),
                                    "Open": open_.astype(int), "StateHoliday": code}))
    table = pd.concat(frames).sort_values(["Date", "Store"], ascending=[False, True])
    table.to_csv(path, index=False)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "column StateHoliday marks holidays with codes, not yes / no: "
           "a, b, c read as holidays, 0 as none"),
    ("zh", "列 StateHoliday 用代码而不是“是 / 否”标记节假日：a、b、c 视为节假日，0 视为非节假日")])
def test_rossmann_s_holiday_codes_read_as_a_flag(con, tmp_path, lang, said):
    _rossmann_csv(tmp_path / "rossmann_train.csv")
    load_file(con, tmp_path / "rossmann_train.csv", "rossmann")
    result = run(con, "rossmann", MONTHLY, lang=lang)
    assert result.config.country.startswith("DE")
    assert said in [say(note, lang) for note in result.notes]
    country_from = json.loads(report.files(result)["backtest.json"])["country_from"]
    assert country_from["column"] == "StateHoliday" and country_from["codes"] == ["a", "b", "c"]
    assert country_from["explained"] == country_from["flagged"]
