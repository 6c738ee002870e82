"""Benchmark: what the protections cost.

1. The SQL sandbox (fresh in-memory DuckDB, workspace attached read-only, settings locked,
   statement check, timer) vs a plain workspace connection, on the same aggregate query.
2. Loading a customer export with ``mask_pii`` (detection + keyed HMAC in SQL) vs without.

Run: ``PYTHONPATH=. python bench/sql.py [--rows N] [--customers N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from crm_core.explore import sandbox
from crm_core.load.reader import load_file
from crm_core.workspace.store import Workspace, write_table

QUERIES = {
    "aggregate": "SELECT customer_id, count(*) AS lines, sum(amount) AS spend FROM orders "
                 "GROUP BY 1 ORDER BY spend DESC LIMIT 100",
    "point": "SELECT count(*) FROM orders WHERE customer_id = '000042'",
}


def build(ws: Workspace, rows: int) -> None:
    """An orders table of ``rows`` lines for 50,000 customers."""
    with ws.connect() as con:
        write_table(con, "orders", f"""SELECT lpad(CAST(i % 50000 AS VARCHAR), 6, '0') AS customer_id,
                    TIMESTAMP '2024-01-01' + to_seconds(i * 37 % 63072000) AS ts,
                    round(1 + (hash(i) % 10000) / 100.0, 2) AS amount FROM range({rows}) t(i)""")


def time_plain(ws: Workspace, sql: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        with ws.connect() as con:
            con.execute(sql).df()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_sandbox(ws: Workspace, sql: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        sandbox.run_query(ws.db_path, sql)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def customers_csv(path: Path, n: int) -> None:
    duckdb.execute(f"""COPY (SELECT lpad(CAST(i AS VARCHAR), 7, '0') AS customer_id,
                   'user' || i || '@example.com' AS email,
                   '13' || lpad(CAST(hash(i) % 1000000000 AS VARCHAR), 9, '0') AS phone,
                   (['London', 'Leeds', 'Beijing'])[1 + i % 3] AS city,
                   18 + i % 60 AS age FROM range({n}) t(i)) TO '{path}' (HEADER)""")


def time_load(folder: Path, csv: Path, mask: bool) -> float:
    with Workspace(folder).connect() as con:
        start = time.perf_counter()
        load_file(con, csv, "customers", replace=True, mask_pii=mask)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--customers", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "ws")
        start = time.perf_counter()
        build(ws, args.rows)
        print(f"built orders: {args.rows:,} rows in {time.perf_counter() - start:.2f} s")
        for name, sql in QUERIES.items():
            plain, boxed = time_plain(ws, sql, args.repeat), time_sandbox(ws, sql, args.repeat)
            print(f"{name:10s} plain {plain * 1000:8.1f} ms   sandbox {boxed * 1000:8.1f} ms   "
                  f"ratio {boxed / plain:5.2f}   (median of {args.repeat})")
        csv = Path(tmp) / "customers.csv"
        customers_csv(csv, args.customers)
        raw = time_load(Path(tmp) / "load", csv, mask=False)
        masked = time_load(Path(tmp) / "load", csv, mask=True)
        print(f"load {args.customers:,} customers: plain {raw:.2f} s   masked {masked:.2f} s   "
              f"ratio {masked / raw:.2f}")


if __name__ == "__main__":
    main()
