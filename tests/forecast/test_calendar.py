"""Public holidays as the models' calendar: a country's holidays reach the regression, and the
moving ones (Easter) are forecast on their own dates, not on last year's."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from dateutil.easter import easter

from crm_core.errors import CrmError
from crm_core.forecast import report
from crm_core.forecast.calendar import (
    MIN_SEEN,
    canonical,
    closed_holidays,
    closures_ahead,
    country_calendar,
    holiday_adjusted,
    moving_keys,
)
from crm_core.forecast.candidates import Forecaster
from crm_core.forecast.run import ForecastConfig, run
from crm_core.forecast.series import closed_periods, fill_closed
from crm_core.i18n import say


def test_the_country_calendar_reaches_the_regression():
    days = pd.date_range("2017-01-02", "2019-03-31", freq="D")
    calendar = ForecastConfig(freq="D", horizon=28, country="DE").calendar(days)
    assert calendar["2019-04-22"] == "Easter Monday" and calendar["2018-12-25"] == ""  # in the horizon; fixed
    y = pd.Series(100.0 + np.arange(len(days)) % 7, days)
    features = Forecaster("D", 28, calendar).fit(y).calendar_["holiday"]
    assert features[pd.Timestamp("2019-04-22")] == 1 and features[pd.Timestamp("2019-04-23")] == 0
    assert features[pd.Timestamp("2018-04-02")] == 1  # Easter Monday 2018, in the history


def test_china_s_spring_festival_is_a_moving_holiday_and_new_year_is_not():
    calendar = country_calendar("CN", pd.Timestamp("2018-01-01"), pd.Timestamp("2019-12-31"))
    assert calendar["2018-02-16"] == calendar["2019-02-05"] == "Chinese New Year"  # 春节, a lunar date
    assert calendar["2019-01-01"] == ""  # the yearly season already has it on its date


def test_a_holiday_in_a_week_counts_for_that_week():
    weeks = pd.date_range("2019-04-08", periods=4, freq="7D")  # Mondays
    keys = moving_keys(weeks, "W", {"2019-04-19": "Good Friday", "2019-04-21": "Easter Sunday",
                                    "2019-04-22": "Easter Monday", "2019-05-01": ""})
    assert list(keys) == ["", "Easter Sunday | Good Friday", "Easter Monday", ""]


def _easter_weeks(seed: int) -> pd.DataFrame:
    """Four years of daily sales with a yearly season and a trend, a fifth lower on the days
    from Good Friday to Easter Monday, which move by up to five weeks between years."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2015-06-01", "2019-05-12", freq="D")
    yearly = 1 + 0.15 * np.sin(2 * np.pi * days.day_of_year / 365.25)
    trend = 1 + 0.1 * np.arange(len(days)) / 365
    sales = np.asarray(1000 * yearly * trend * np.exp(rng.normal(0, 0.03, len(days))))
    for year in range(2016, 2020):
        sunday = pd.Timestamp(easter(year))
        sales[(days >= sunday - pd.Timedelta(days=2)) & (days <= sunday + pd.Timedelta(days=1))] *= 0.2
    return pd.DataFrame({"day": days, "sales": sales})


@pytest.mark.parametrize("seed", [0, 1])
def test_a_moving_holiday_dip_is_forecast_on_its_own_date_with_the_country(con, seed):
    frame = _easter_weeks(seed)
    held = frame["day"] >= "2019-03-18"  # 8 weeks: Easter 2019 was 21 April, 2018's on 1 April
    con.register("tmp_frame", frame[~held])
    con.execute("CREATE TABLE sales AS SELECT * FROM tmp_frame")
    weekly = frame[held].set_index("day")["sales"].resample("W-MON", label="left", closed="left").sum()
    errors = {}
    for country in (None, "DE"):
        config = ForecastConfig(freq="W", horizon=8, country=country, folds=4)
        result = run(con, "sales", config, roles={"date": "day", "amount": "sales"})
        forecast = result.total.forecast.set_index("period")["forecast"]
        errors[country] = float(np.mean(np.abs(forecast / weekly.reindex(forecast.index) - 1)))
    assert errors["DE"] < 0.7 * errors[None]
    payload = json.loads(report.files(result)["backtest.json"])
    assert payload["config"]["country"] == "DE"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_country_is_refused_naming_it(lang):
    with pytest.raises(CrmError) as refused:
        ForecastConfig(country="XX")
    said = say(refused.value.args[0], lang)
    assert "XX" in said and ("ISO" in said)
    assert ("没有" in said) == (lang == "zh")
    with pytest.raises(CrmError) as refused:
        ForecastConfig(country="de-Zz")  # a region Germany does not have
    assert "de-Zz" in say(refused.value.args[0], lang)


@pytest.mark.parametrize(("typed", "spelled"), [
    ("de-augsburg", "DE-Augsburg"), ("De-AUGSBURG", "DE-Augsburg"), ("fr-zone a", "FR-Zone A"),
    ("de-bayern", "DE-BY")])
def test_a_region_is_read_whatever_case_it_is_typed_in(typed, spelled):
    """The ``holidays`` package spells some regions in mixed case (Augsburg, France's school zones)
    and knows regions by name (Bayern): the country part and the region match in any case."""
    assert canonical(typed) == spelled
    days = pd.date_range("2024-01-01", "2024-12-31", freq="D")
    calendar = ForecastConfig(freq="D", horizon=28, country=typed).calendar(days)
    assert set(calendar) == set(ForecastConfig(freq="D", horizon=28, country=spelled).calendar(days))
    if spelled == "DE-Augsburg":  # the city's Peace Festival, on no other German calendar
        assert "2024-08-08" in calendar
        assert "2024-08-08" not in ForecastConfig(freq="D", horizon=28, country="DE-BY").calendar(days)


def _noisy_days(seed: int, start: str, end: str) -> pd.Series:
    """Daily sales with a weekday pattern and weather-like noise (a fifth, day to day)."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(start, end, freq="D")
    return pd.Series(1000 * (1 + 0.2 * (days.day_of_week >= 5)) * np.exp(rng.normal(0, 0.2, len(days))), days)


def _festival(seed: int, years: int) -> dict[str, str]:
    """A moving holiday on a date that shifts by up to 20 days between ``years`` years."""
    rng = np.random.default_rng(seed)
    first = pd.Timestamp("2018-01-01") + pd.Timedelta(days=int(rng.integers(60, 200)))
    return {(first + pd.DateOffset(years=k, days=int(rng.integers(-20, 20)))).date().isoformat(): "Festival"
            for k in range(years)}


def _before(calendar: dict[str, str], seen: int, effect: float,
            seed: int) -> tuple[pd.Series, pd.DatetimeIndex]:
    """Noisy days ending 10 days before the festival's ``seen``-th date (its sales × ``effect``
    on its days before), and the 28 days after."""
    dates = sorted(pd.Timestamp(d) for d in calendar)
    y = _noisy_days(seed, "2017-06-01", (dates[seen] - pd.Timedelta(days=10)).date().isoformat())
    y[y.index.isin(dates)] *= effect
    return y, pd.date_range(y.index[-1] + pd.Timedelta(days=1), periods=28, freq="D")


@pytest.mark.parametrize("seed", [0, 1])
def test_a_moving_holiday_seen_fewer_times_than_needed_is_left_to_the_season(seed):
    calendar = _festival(seed, MIN_SEEN + 1)
    for seen in (MIN_SEEN - 1, MIN_SEEN):  # times the history holds it before the next one
        y, future = _before(calendar, seen, 0.3, seed)
        free, factor = holiday_adjusted(y, "D", future, calendar)
        handled = seen >= MIN_SEEN
        assert (factor != 1).any() == handled and (not free.equals(y)) == handled


@pytest.mark.parametrize("seed", [0, 1])
def test_a_moving_holiday_lost_in_the_series_noise_is_left_to_the_season(seed):
    calendar = _festival(seed, MIN_SEEN + 1)
    for effect in (1.0, 0.3):  # no effect of its own (the weather's days), a clear one
        y, future = _before(calendar, MIN_SEEN, effect, seed)
        free, factor = holiday_adjusted(y, "D", future, calendar)
        assert (factor != 1).any() == (effect != 1) and (not free.equals(y)) == (effect != 1)


def test_a_holiday_in_the_same_week_of_every_year_is_left_to_a_weekly_season():
    weeks = pd.date_range("2015-01-05", "2018-10-29", freq="7D")  # Mondays
    future = pd.date_range(weeks[-1] + pd.Timedelta(days=7), periods=8, freq="7D")
    years = range(2015, 2019)
    same_week = {pd.Timestamp.fromisocalendar(year, 47, 4).date().isoformat(): "Harvest" for year in years}
    moving = {pd.Timestamp(easter(year)).date().isoformat(): "Easter Sunday" for year in years}
    y = pd.Series(np.random.default_rng(0).normal(1000, 50, len(weeks)), weeks)
    for calendar in (same_week, moving):  # both halve their week's sales
        y[y.index.isin(pd.DatetimeIndex(list(calendar)).to_period("W-SUN").start_time)] *= 0.5
    free, factor = holiday_adjusted(y, "W", future, same_week)
    assert (factor == 1).all() and free.equals(y)
    assert not holiday_adjusted(y, "W", future, moving)[0].equals(y)  # Easter still taken out


@pytest.mark.parametrize("seed", [0, 1])
def test_easter_stands_out_of_a_shop_that_was_shut_for_weeks(seed):
    """A shop closed on Sundays and shut six weeks one autumn: the pipeline fills the Sundays and
    the shutdown's first and last weeks as closures, but the weeks inside it, whose neighbours
    were shut too, stay 0, and log 0 = −inf made the series' noise NaN, so Easter (half the sales
    from Good Friday to Easter Monday, every year) was never taken out of the season."""
    days = pd.date_range("2015-06-01", "2019-03-31", freq="D")
    rng = np.random.default_rng(seed)
    y = pd.Series(1000 * (1 + 0.1 * (days.day_of_week == 5)) * np.exp(rng.normal(0, 0.05, len(days))), days)
    y[(days.day_of_week == 6) | ((days >= "2017-10-02") & (days < "2017-11-13"))] = 0.0
    for year in range(2016, 2019):
        sunday = pd.Timestamp(easter(year))
        y[(days >= sunday - pd.Timedelta(days=2)) & (days <= sunday + pd.Timedelta(days=1))] *= 0.5
    fitted = fill_closed(y, closed_periods(y, "D"), "D")  # as forecast_series hands it on
    assert (fitted == 0).any()
    future = pd.date_range("2019-04-01", periods=28, freq="D")
    free, factor = holiday_adjusted(fitted, "D", future, country_calendar("DE", days[0], future[-1]))
    assert factor[future.get_loc(pd.Timestamp("2019-04-22"))] < 0.7  # Easter Monday's dip, on its date
    assert free[pd.Timestamp("2018-04-02")] > 1.5 * fitted[pd.Timestamp("2018-04-02")]  # last year's filled


def _shut_on_easter(closed_years: dict[str, range]) -> pd.Series:
    """A German store's daily sales (2016 – 14 April 2019, a weekday pattern and noise), 0 on
    Good Friday and Easter Monday in the ``closed_years`` given for each, open otherwise."""
    y = _noisy_days(3, "2016-01-01", "2019-04-14") * 0.25 + 750
    for name, shift in (("Good Friday", -2), ("Easter Monday", 1)):
        for year in closed_years[name]:
            y[pd.Timestamp(easter(year)) + pd.Timedelta(days=shift)] = 0.0
    return y


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_moving_holiday_closed_every_year_is_forecast_closed(con, lang):
    y = _shut_on_easter({"Good Friday": range(2016, 2019), "Easter Monday": range(2016, 2019)})
    con.register("tmp_frame", pd.DataFrame({"day": y.index, "sales": y.to_numpy()}))
    con.execute("CREATE TABLE store AS SELECT * FROM tmp_frame")
    config = ForecastConfig(freq="D", horizon=28, country="DE", folds=2)
    result = run(con, "store", config, roles={"date": "day", "amount": "sales"}, lang=lang)
    forecast = result.total.forecast.set_index("period")
    for day in ("2019-04-19", "2019-04-22"):  # Good Friday, Easter Monday
        row = forecast.loc[day]
        assert row["closed"] and row["forecast"] == row["lower"] == row["upper"] == row["upper_95"] == 0
    assert not forecast["closed"].drop(pd.DatetimeIndex(["2019-04-19", "2019-04-22"])).any()
    assert (forecast.loc["2019-04-18", "forecast"] > 500) and not forecast.loc["2019-04-18", "closed"]
    said = [say(note, lang) for note in result.notes if "Good Friday" in note]
    assert len(said) == 1 and " 3 " in said[0]
    named = {"en": ("Easter Monday", "Good Friday"), "zh": ("复活节星期一", "耶稣受难节")}[lang]
    assert all(name in said[0] for name in named), said  # Germany's calendar has no Chinese of its own
    assert ("停业" in said[0]) == (lang == "zh") and ("Friday" in said[0]) == (lang == "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_chinese_holiday_is_named_as_china_s_own_calendar_names_it(con, lang):
    """A shop shut on the Spring Festival's days every year: the holiday is matched across years
    by its English key and named 春节 in Chinese, the package's zh_CN name (suffixes cut)."""
    y = _noisy_days(5, "2016-01-01", "2019-01-20")
    calendar = country_calendar("CN", y.index[0], pd.Timestamp("2019-03-31"))
    festival = pd.DatetimeIndex([day for day, name in calendar.items() if name == "Chinese New Year"])
    y[y.index.isin(festival)] = 0.0
    con.register("tmp_frame", pd.DataFrame({"day": y.index, "sales": y.to_numpy()}))
    con.execute("CREATE TABLE shop AS SELECT * FROM tmp_frame")
    config = ForecastConfig(freq="D", horizon=28, country="CN", folds=2)
    result = run(con, "shop", config, roles={"date": "day", "amount": "sales"}, lang=lang)
    said = [say(note, lang) for note in result.notes if "Chinese New Year" in note]
    assert said == [{"en": "Chinese New Year closed in each of the 3 past years: forecast closed",
                     "zh": "过去 3 年中，春节每年都停业：预测为停业"}[lang]]


def test_a_moving_holiday_closed_in_only_one_year_is_not_forecast_closed():
    y = _shut_on_easter({"Good Friday": range(2017, 2018), "Easter Monday": range(2016, 2019)})
    future = pd.date_range("2019-04-15", periods=14, freq="D")
    calendar = country_calendar("DE", y.index[0], future[-1])
    closed = closed_periods(y, "D")
    shut = pd.Series(closures_ahead(y, closed, "D", future, calendar), future)
    assert list(shut.index[shut]) == [pd.Timestamp("2019-04-22")]  # Easter Monday; Good Friday was open twice
    assert closed_holidays(y, closed, "D", future, calendar) == {"Easter Monday": 3}


def test_a_date_closed_on_a_sunday_and_on_an_easter_monday_stays_open():
    """21 April 2013 was a Sunday, 2014's Easter Monday: a store shut on both is open on
    21 April 2015 (Rossmann's stores were forecast 0 on it, actual 146k)."""
    y = _noisy_days(4, "2013-01-01", "2015-03-31")
    y[y.index.day_of_week == 6] = 0.0
    y[y.index.isin([pd.Timestamp(easter(year)) + pd.Timedelta(days=shift)
                    for year in (2013, 2014) for shift in (-2, 1)])] = 0.0  # Good Friday, Easter Monday
    future = pd.date_range("2015-04-01", periods=28, freq="D")
    calendar = country_calendar("DE", y.index[0], future[-1])
    shut = pd.Series(closures_ahead(y, closed_periods(y, "D"), "D", future, calendar), future)
    assert list(shut.index[shut].strftime("%d")) == ["03", "05", "06", "12", "19", "26"]
