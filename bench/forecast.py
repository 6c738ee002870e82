"""Benchmark: fit + backtest time of the sales forecast for 1, 10 and 500 series, end to end
from a DuckDB table, with a reference unit measured in the same process on the same machine.

    python bench/forecast.py [--freq W|D] [--counts 1,10,500,10x50] [--periods 1826]

Reference: one AutoETS fit (statsforecast) on one series of the same length — the unit a
notebook pays per series and model. ``--by`` runs give every candidate to the ``full_series``
largest parts (default 5) and the naive rules plus the share of the total to the rest.
``SxI`` (``10x50``) is the Kaggle store-item shape: S stores × I items, ``--by store,item``.
``--periods``: history length instead of the default (1826 days: five years, as SID; a daily
``--by`` part with every model fits its last three years, the total four).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.forecast.run import ForecastConfig, run  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

SETTINGS = {"W": (156, 8, "W-MON"), "D": (730, 28, "D")}
"""freq → (periods of history, horizon, pandas frequency)."""


def generate(con: duckdb.DuckDBPyConnection, freq: str, series: int, items: int = 1,
             periods: int | None = None) -> None:
    """``series`` stores (× ``items`` items) with a weekly and yearly cycle, growth and
    multiplicative noise, over ``periods`` (by default the frequency's ``SETTINGS``)."""
    periods, pandas_freq = periods or SETTINGS[freq][0], SETTINGS[freq][2]
    rng = np.random.default_rng(0)
    index = pd.date_range("2022-01-03", periods=periods, freq=pandas_freq)
    weekday = np.array([1.0, 0.9, 0.9, 1.0, 1.3, 1.6, 0.7])[index.day_of_week] if freq == "D" else 1.0
    yearly = 1 + 0.25 * np.sin(2 * np.pi * index.day_of_year / 365.25)
    base = weekday * yearly * (1 + 0.1 * np.arange(periods) / 52)
    count = series * items
    sizes = rng.pareto(1.5, count) * 100 + 20
    frame = pd.DataFrame({
        "day": np.tile(index, count),
        "store": np.repeat([f"s{k // items:03d}" for k in range(count)], periods),
        "item": np.repeat([k % items + 1 for k in range(count)], periods),
        "sales": (np.repeat(sizes, periods) * np.tile(base, count)
                  * np.exp(rng.normal(0, 0.1, count * periods))).round(2)})
    con.register("src", frame)
    con.execute("CREATE OR REPLACE TABLE sales AS SELECT * FROM src")
    con.unregister("src")


def reference(freq: str, periods: int | None = None) -> float:
    """Seconds of one AutoETS fit + forecast on one series of the benchmark's length."""
    from statsforecast.models import AutoETS

    periods, horizon = periods or SETTINGS[freq][0], SETTINGS[freq][1]
    y = 100 + 10 * np.sin(np.arange(periods) * 2 * np.pi / 7) + np.random.default_rng(1).normal(0, 3, periods)
    AutoETS(season_length=7).forecast(y=y, h=horizon)  # imports and first-call set-up
    start = time.perf_counter()
    AutoETS(season_length=7 if freq == "D" else 52).forecast(y=y, h=horizon)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--freq", choices=tuple(SETTINGS), default="W")
    parser.add_argument("--counts", default="1,10,500")
    parser.add_argument("--periods", type=int, default=None)
    args = parser.parse_args()
    unit = reference(args.freq, args.periods)
    _, horizon, _ = SETTINGS[args.freq]
    print(f"reference: one AutoETS fit on one {args.freq} series: {unit:.2f} s")
    for case in args.counts.split(","):
        stores, items = (int(n) for n in case.split("x")) if "x" in case else (int(case), 1)
        count = stores * items
        by = "store,item" if items > 1 else "store" if count > 1 else None
        with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
            generate(con, args.freq, stores, items, args.periods)
            config = ForecastConfig(freq=args.freq, horizon=horizon, by=by)
            start, cpu = time.perf_counter(), time.process_time()
            result = run(con, "sales", config, roles={"date": "day", "amount": "sales"})
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"{case:>5} series (--by {by}; + total: {len(result.results)} forecasts): {seconds:7.1f} s, "
              f"CPU {cpu:.1f} s = {seconds / unit:6.0f} AutoETS fits; "
              f"total MASE {result.summary()['mase']:.2f}")


if __name__ == "__main__":
    main()
