"""A yearly series whose only time is a column of whole years (``年份`` 1937 … 1960)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.forecast.run import ForecastConfig, run
from crm_core.i18n import say
from crm_core.workspace import store
from tests.forecast.test_run import AIRMILES, AIRMILES_ROLES, _yearly


@pytest.mark.parametrize("lang, header, words", [
    ("zh", "年份", ("表中没有日期列", "“年份”列的年份（1937–1960年）", "当年 1 月 1 日")),
    ("en", "Year", ("no date column", "its year in 'Year' (1937–1960)", "1 January"))])
def test_whole_years_are_the_yearly_series_date(con, lang, header, words):
    """walk16: airmiles with its years as integers (年份 1937…1960, the way statistics offices
    publish a yearly series) was refused "没有日期列"; dated 1 January it was forecast by year.
    Both now give the same forecast, with a note saying the years were read as dates."""
    store.write_frame(con, "airmiles_years", pd.DataFrame({header: range(1937, 1961),
                                                           "passenger_miles": AIRMILES}))
    _yearly(con, "airmiles", AIRMILES)
    years = run(con, "airmiles_years", ForecastConfig(horizon=3, value_col="passenger_miles"), lang=lang)
    dated = run(con, "airmiles", ForecastConfig(horizon=3), roles=AIRMILES_ROLES, lang=lang)
    assert years.config.freq == "Y" and list(years.total.history) == list(dated.total.history)
    assert list(years.total.forecast["period"]) == list(pd.to_datetime(["1961-01-01", "1962-01-01",
                                                                         "1963-01-01"]))
    ahead = [r.total.forecast["forecast"].round(6).tolist() for r in (years, dated)]
    assert ahead[0] == ahead[1]
    note = say(years.notes[0], lang)
    assert all(w in note for w in words)


def test_a_year_header_over_other_numbers_is_no_date(con):
    """Tenure in years (``Year`` 1 … 24) is no calendar year: the table is still refused for its
    missing date, not read as the years 1 … 24."""
    store.write_frame(con, "tenure", pd.DataFrame({"Year": range(1, 25), "passenger_miles": AIRMILES}))
    with pytest.raises(CrmError) as refused:
        run(con, "tenure", ForecastConfig(horizon=3, value_col="passenger_miles"))
    assert "no date column" in say(refused.value.args[0], "en")
