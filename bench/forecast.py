"""Benchmark: weekly forecast of a 5M-line transaction table, end to end, against baselines
measured in the same process on the same data.

    python bench/forecast.py [--rows 5000000] [--churn]

Baselines: DuckDB's plain ``count(*)`` and ``sum(amount)`` scans (the floor for anything that
reads the table) and the pandas route (materialise date + amount, then ``resample('W-MON')``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core import store  # noqa: E402
from crm_core.customers import churn, spend
from crm_core.forecast import model as forecast
from crm_core.workspace.roles import get_roles  # noqa: E402

ROLES = {"customer_id": "customer_id", "order_id": "invoice_no", "product_id": "product_id",
         "date": "invoice_date", "amount": "amount"}


def generate(con, rows: int) -> None:
    """Three years of order lines: weekly and yearly cycles, 15 %/year growth, 50k customers."""
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""
        CREATE TABLE sales AS
        WITH g AS (SELECT i, i // 3 AS invoice, random() AS noise FROM range({int(rows)}) t(i)),
        h AS (SELECT *, (hash(invoice) % 1000003) / 1000003.0 AS v,
                     hash(invoice + 17) % 50000 AS customer FROM g)
        SELECT lpad(CAST(customer AS VARCHAR), 6, '0') AS customer_id,
               CAST(invoice AS VARCHAR) AS invoice_no,
               'P' || lpad(CAST(hash(i) % 2000 AS VARCHAR), 4, '0') AS product_id,
               TIMESTAMP '2023-01-01' + to_seconds(CAST(floor(v * 3 * 365 * 86400) AS BIGINT))
                   AS invoice_date,
               round((5 + 20 * noise) * (1 + 0.15 * v * 3) * (1 + 0.25 * sin(2 * pi() * v * 3 - 1.2)), 2)
                   AS amount
        FROM h""")
    store.save_roles(con, "sales", ROLES)


def timed(label: str, fn, results: dict):
    start = time.perf_counter()
    value = fn()
    results[label] = time.perf_counter() - start
    print(f"{label:<44} {results[label]:8.2f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--churn", action="store_true", help="also time churn and spend on the table")
    args = parser.parse_args()
    t: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, store.Workspace(folder).connect() as con:
        timed(f"generate {args.rows:,} lines", lambda: generate(con, args.rows), t)
        roles = get_roles(con, "sales")
        timed("baseline: duckdb count(*)", lambda: con.execute("SELECT count(*) FROM sales").fetchall(), t)
        timed("baseline: duckdb sum(amount)",
              lambda: con.execute("SELECT sum(amount) FROM sales").fetchall(), t)

        def pandas_route():
            frame = con.execute("SELECT invoice_date, amount FROM sales").df()
            weekly = frame.set_index("invoice_date")["amount"].resample("W-MON", label="left", closed="left")
            return weekly.sum()
        timed("baseline: pandas materialise + resample", pandas_route, t)
        series = timed("ours: weekly aggregation in DuckDB",
                       lambda: forecast.load_series(con, "sales", roles, "W"), t)
        y = series.series[forecast.TOTAL]
        result = timed("ours: fit + backtest (8 weeks, 4 origins)",
                       lambda: forecast.forecast_series(y, "W", 8), t)
        timed("ours: forecast end to end", lambda: forecast.run_forecast(con, "sales", roles, "W", 8), t)
        if args.churn:
            timed("ours: churn (inactive 90 days) end to end",
                  lambda: churn.run(con, "sales", churn.ChurnConfig(inactive_days=90)), t)
            timed("ours: spend (90 days) end to end",
                  lambda: spend.run(con, "sales", spend.SpendConfig(days=90)), t)
    end_to_end = t["ours: forecast end to end"]
    print(f"\nweeks: {len(y)}, winner: {result.winner}, grade: {result.grade}, "
          f"model MAPE {result.metrics['model']['mape']:.2f}% vs last value "
          f"{result.metrics['last_value']['mape']:.2f}%")
    print(f"ratio end-to-end / duckdb count(*) scan: {end_to_end / t['baseline: duckdb count(*)']:.1f}x")
    scan = t["baseline: duckdb sum(amount)"]
    print(f"ratio end-to-end / duckdb sum(amount) scan: {end_to_end / scan:.1f}x")
    pandas_time = t["baseline: pandas materialise + resample"]
    print(f"ratio end-to-end / pandas resample route: {end_to_end / pandas_time:.2f}x")


if __name__ == "__main__":
    main()
