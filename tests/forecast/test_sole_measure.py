"""A table with a date and one measure forecasts that measure; several measures are listed to pick
from; Chinese trade and turnover headers (出口额, 成交额 …) are money (fc18)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast.run import ForecastConfig, run
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.role_names import name_candidates


def _analytics_export(path, days: int = 420, sessions: bool = False):
    """A Google Analytics page report as it is exported (judge18's ``analytics_pageviews``): a
    ``#`` comment block, then ``Page Title, Date`` (yyyymmdd) and ``Pageviews`` with thousands
    commas, one row per page and day."""
    rng = np.random.default_rng(7)
    dates = pd.date_range("2015-07-01", periods=days, freq="D")
    rows = []
    for page, level in (("Main Page", 40000), ("Python (programming language)", 9000)):
        views = level * (1 + 0.2 * np.sin(2 * np.pi * dates.dayofweek / 7)) * rng.lognormal(0, 0.1, days)
        for day, v in zip(dates, views, strict=True):
            row = {"Page Title": page, "Date": f"{day:%Y%m%d}", "Pageviews": f"{v:,.0f}"}
            if sessions:
                row["Sessions"] = f"{v * 0.6:,.0f}"
            rows.append(row)
    head = "# ----------------------------------------\n# All Web Site Data\n# Pages\n#\n\n"
    path.write_text(head + pd.DataFrame(rows).to_csv(index=False))
    return path


@pytest.mark.parametrize(("lang", "said", "counting"), [
    ("en", "the table's only number column", "forecasts the number of rows per period"),
    ("zh", "是表中唯一的数值列", "此处预测每期的行数")])
def test_an_analytics_export_forecasts_its_one_measure_and_says_so(con, tmp_path, lang, said, counting):
    """judge18: the export's one measure was not forecast unless named; rows were counted
    (a constant: two pages a day) while the note named ``Pageviews``."""
    load_file(con, _analytics_export(tmp_path / "Analytics Pages.csv"), table="ga")
    result = run(con, "ga", ForecastConfig(freq="W", horizon=4, folds=3), lang=lang)
    assert result.target == "Pageviews" and result.measure == "Pageviews"
    weekly = result.total.history
    assert weekly.median() > 300_000  # two pages' views a week, not 14 rows
    notes = [say(n, lang) for n in result.notes]
    assert any(said in n and "Pageviews" in n for n in notes), notes
    assert not any(counting in n for n in notes), notes


def test_several_measures_are_listed_and_rows_still_counted(con, tmp_path):
    load_file(con, _analytics_export(tmp_path / "Analytics Pages.csv", sessions=True), table="ga2")
    result = run(con, "ga2", ForecastConfig(freq="W", horizon=4, folds=3))
    assert result.target == "rows"
    assert any(say(n, "en").endswith("(--value-col on the command line): Pageviews, Sessions")
               for n in result.notes), [say(n, "en") for n in result.notes]


def test_a_year_column_is_no_measure_beside_the_date(con):
    """``Year`` beside a date is when, not how much: the one measure is still ``Sessions``."""
    days = pd.date_range("2022-01-03", periods=300, freq="D")
    rng = np.random.default_rng(2)
    store.write_frame(con, "visits", pd.DataFrame({"Date": days, "Year": days.year,
                                                   "Sessions": rng.poisson(300, 300).astype(float)}))
    assert run(con, "visits", ForecastConfig(freq="W", horizon=4, folds=3)).target == "Sessions"


@pytest.mark.parametrize("header", ["出口额", "进口额", "营业额", "成交额", "交易额", "出口额(万美元)"])
def test_chinese_trade_and_turnover_headers_are_money(header):
    assert name_candidates(header)[0] == "amount"


def test_a_yearly_export_table_forecasts_its_money_by_name(con):
    """walk16's 年度出口 (年份, 出口额) without ``--value-col``: the money column is the measure."""
    years = np.arange(1975, 2020)
    store.write_frame(con, "exports", pd.DataFrame({"年份": years, "出口额": 100 * 1.08 ** (years - 1975)}))
    result = run(con, "exports", ForecastConfig(freq="Y", horizon=3, folds=3), lang="zh")
    assert result.target == "revenue" and result.measure == "出口额"
    assert result.total.history.iloc[-1] == pytest.approx(100 * 1.08 ** 44)
