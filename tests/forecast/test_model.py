"""Sales forecasts: aggregation in DuckDB, honest backtests, recovered structure, intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.forecast import model as F
from crm_core.workspace.roles import get_roles


def _table(con, name: str, frame: pd.DataFrame) -> None:
    con.register("tmp_frame", frame)
    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM tmp_frame')
    con.unregister("tmp_frame")


def _weekly(n: int, seed: int = 0, noise: float = 0.05, growth: float = 0.15) -> pd.Series:
    """Weekly revenue with a yearly cycle, a yearly growth rate and multiplicative noise."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2021-01-04", periods=n, freq="W-MON")
    t = np.arange(n)
    season = 1 + 0.3 * np.sin(2 * np.pi * index.day_of_year / 365.25)
    values = 1000 * (1 + growth) ** (t / 52) * season * np.exp(rng.normal(0, noise, n))
    return pd.Series(values, index)


# --------------------------------------------------------------------------- aggregation

def test_weeks_start_monday_missing_weeks_are_zero_and_rows_per_day_are_summed(con):
    _table(con, "sales", pd.DataFrame({
        "day": ["2024-01-01", "2024-01-01", "2024-01-03", "2024-01-07", "2024-01-15", "2024-01-21"],
        "store": ["a", "b", "a", "b", "a", "a"],
        "sales": ["10", "2.5", "5", "1", "3", "2"],
    }))
    series = F.load_series(con, "sales", {"date": "day", "amount": "sales"}, "W")
    y = series.series[F.TOTAL]
    assert list(y.index.date.astype(str)) == ["2024-01-01", "2024-01-08", "2024-01-15"]
    assert y.tolist() == [18.5, 0.0, 5.0]
    assert series.target == "revenue"


def test_by_column_gives_one_series_per_group_that_add_up_to_the_total(con):
    _table(con, "sales", pd.DataFrame({
        "day": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-09", "2024-01-10", "2024-01-14"]),
        "store": ["a", "b", "a", "b", "b"], "sales": [1.0, 2.0, 3.0, 4.0, 5.0],
    }))
    series = F.load_series(con, "sales", {"date": "day", "amount": "sales"}, "W", by="store")
    assert set(series.series) == {F.TOTAL, "a", "b"}
    assert series.series["a"].tolist() == [1.0, 3.0]
    assert series.series["b"].tolist() == [2.0, 9.0]
    assert (series.series["a"] + series.series["b"]).tolist() == series.series[F.TOTAL].tolist()


def test_partial_last_week_of_daily_data_is_left_out_but_friday_weekly_data_keeps_it(con):
    days = pd.date_range("2024-01-01", "2024-01-24", freq="D")  # ends on a Wednesday
    _table(con, "daily", pd.DataFrame({"d": days, "v": 1.0}))
    daily = F.load_series(con, "daily", {"date": "d", "amount": "v"}, "W")
    assert daily.series[F.TOTAL].tolist() == [7.0, 7.0, 7.0]
    assert any("left out the last period" in n for n in daily.notes)
    fridays = pd.date_range("2024-01-05", periods=6, freq="W-FRI")
    _table(con, "weekly", pd.DataFrame({"store": 1, "dept": 1, "date": fridays, "weekly_sales": 5.0}))
    weekly = F.load_series(con, "weekly", get_roles(con, "weekly"), "W")
    assert weekly.series[F.TOTAL].tolist() == [5.0] * 6


def test_target_falls_back_to_quantity_times_price_then_units_then_orders(con):
    _table(con, "lines", pd.DataFrame({
        "order_id": ["o1", "o1", "o2"], "order_date": ["2024-01-01", "2024-01-01", "2024-01-02"],
        "qty": [2.0, 1.0, 4.0], "price": [3.0, 10.0, 1.0],
    }))
    def total(roles, **kw):
        s = F.load_series(con, "lines", roles, "D", **kw)
        return s.target, s.series[F.TOTAL].tolist()
    base = {"date": "order_date", "order_id": "order_id"}
    assert total({**base, "quantity": "qty", "unit_price": "price"}) == ("revenue", [16.0, 4.0])
    assert total({**base, "quantity": "qty"}) == ("units", [3.0, 4.0])
    assert total(base) == ("orders", [1.0, 1.0])
    assert total(base, value_col="price") == ("price", [13.0, 1.0])


def test_bad_frequency_and_unknown_columns_are_clear_errors(con):
    _table(con, "s", pd.DataFrame({"d": ["2024-01-01"], "v": [1.0]}))
    with pytest.raises(CrmError, match="frequency"):
        F.load_series(con, "s", {"date": "d", "amount": "v"}, "Q")
    with pytest.raises(CrmError, match="no column 'nope'"):
        F.load_series(con, "s", {"date": "d", "amount": "v"}, "W", by="nope")


# --------------------------------------------------------------------------- backtest honesty

def test_backtest_never_sees_the_future():
    y = _weekly(130)
    fits = F.run_backtest(y, "W", 8, folds=3)
    first_origin = fits["origin"].min()
    changed = y.copy()
    changed[changed.index > first_origin] *= 10  # everything after the first origin is different
    refits = F.run_backtest(changed, "W", 8, folds=3)
    before, after = fits[fits["origin"] == first_origin], refits[refits["origin"] == first_origin]
    for method in F.methods_of(fits):
        np.testing.assert_allclose(before[method].to_numpy(), after[method].to_numpy())
    assert not np.allclose(before["actual"], after["actual"])


def test_error_metrics_are_computed_exactly():
    m = F.error_metrics(np.array([10.0, 0.0, 20.0]), np.array([12.0, 1.0, 15.0]))
    assert m["mae"] == pytest.approx((2 + 1 + 5) / 3)
    assert m["mape"] == pytest.approx((0.2 + 0.25) / 2 * 100)
    assert m["bias"] == pytest.approx((2 + 1 - 5) / 3)
    assert m["smape"] == pytest.approx((4 / 22 + 2 / 1 + 10 / 35) / 3 * 100)


def test_planted_trend_and_yearly_season_are_recovered():
    y = _weekly(208, noise=0.03)
    result = F.forecast_series(y.iloc[:200], "W", 8)
    assert result.winner == F.MODEL
    assert result.skill > 0.3
    truth = y.iloc[200:].to_numpy()
    assert np.mean(np.abs(result.forecast["forecast"].to_numpy() / truth - 1)) < 0.08


def test_planted_weekday_pattern_is_recovered_on_daily_data():
    rng = np.random.default_rng(1)
    index = pd.date_range("2023-01-02", periods=300, freq="D")
    weekday = np.array([1.0, 0.8, 0.9, 1.0, 1.2, 1.6, 1.4])[index.day_of_week]
    y = pd.Series(500 * weekday * np.exp(rng.normal(0, 0.05, len(index))), index)
    result = F.forecast_series(y, "D", 7, folds=3)
    f = result.forecast.set_index("period")["forecast"]
    saturday, tuesday = f[f.index.day_of_week == 5].mean(), f[f.index.day_of_week == 1].mean()
    assert saturday / tuesday == pytest.approx(2.0, rel=0.15)
    assert result.metrics[F.MODEL]["mae"] < result.metrics[F.LAST]["mae"]


def test_intervals_cover_about_their_stated_share():
    inside = []
    for seed in range(8):
        y = _weekly(140, seed=seed, noise=0.08)
        result = F.forecast_series(y.iloc[:134], "W", 6, coverage=0.8, folds=6)
        truth = y.iloc[134:].to_numpy()
        inside += list((truth >= result.forecast["lower"]) & (truth <= result.forecast["upper"]))
    assert 0.65 <= np.mean(inside) <= 0.95


def test_a_naive_winner_is_named_and_used_for_the_forecast():
    rng = np.random.default_rng(3)
    y = pd.Series(np.cumsum(rng.normal(0, 10, 120)) + 1000,
                  pd.date_range("2022-01-03", periods=120, freq="W-MON"))
    result = F.forecast_series(y, "W", 4)
    if result.winner != F.MODEL:
        expected = F.baseline(y, "W", 4, result.winner)
        np.testing.assert_allclose(result.forecast["forecast"], expected)
        assert result.grade in ("on_par", "worse")
    assert (result.forecast["lower"] <= result.forecast["forecast"]).all()
    assert (result.forecast["forecast"] <= result.forecast["upper"]).all()


def test_too_short_history_is_a_clear_error():
    y = _weekly(20)
    with pytest.raises(CrmError, match="Too little history"):
        F.forecast_series(y, "W", 8)


# --------------------------------------------------------------------------- sample data

def test_sample_orders_weekly_model_beats_naive_baselines(sample_ws):
    with sample_ws.connect() as con:
        run = F.run_forecast(con, "orders", get_roles(con, "orders"), "W", 8)
    total = run.total
    assert total.winner == F.MODEL and total.grade in ("better", "strong")
    assert total.metrics[F.MODEL]["mae"] < total.metrics[F.LAST]["mae"]
    assert total.metrics[F.MODEL]["mae"] < total.metrics[F.SEASONAL]["mae"]
    table = F.forecast_table(run)
    assert list(table.columns) == ["period", "forecast", "lower", "upper"]
    assert len(table) == 8 and pd.Timestamp(table["period"][0]).day_of_week == 0
    summary = F.summary(run)
    assert summary["mape"] < summary["naive_mape"]


def test_chinese_gb18030_shop_export_forecasts_monthly_by_shop(sample_ws):
    with sample_ws.connect() as con:
        run = F.run_forecast(con, "store_sales_cn", get_roles(con, "store_sales_cn"), "M", 2, by="门店")
    assert run.target == "revenue"
    assert len(run.results) == 8  # the total and 7 shops
    table = F.forecast_table(run, "门店")
    assert table["门店"].iloc[0] == F.TOTAL and len(table) == 16


def test_marked_holidays_are_learned_and_forecast():
    index = pd.date_range("2023-01-02", periods=280, freq="D")
    holidays = list(index[::23]) + [index[-1] + pd.Timedelta(days=3)]
    rng = np.random.default_rng(2)
    values = 100 * np.exp(rng.normal(0, 0.03, len(index)))
    values[np.isin(index, holidays)] *= 3
    y = pd.Series(values, index)
    marked = [d.date().isoformat() for d in holidays]
    f = F.Forecaster("D", 7, marked).fit(y).predict()
    assert f[2] > 2 * np.median(np.delete(f, 2))
    plain = F.Forecaster("D", 7).fit(y).predict()
    assert plain[2] < 1.5 * np.median(plain)
