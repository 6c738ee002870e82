"""Benchmark: loading a 1M-line CSV export vs DuckDB's bare ``count(*)`` scan of the same file.

Run: ``python bench/load.py [--lines N]``. Prints seconds for each step and the ratio of our
full load (sniff, typed columns, roles, atomic swap) to the bare scan, measured in one process.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from crm_core.load.reader import load_file
from crm_core.workspace.store import Workspace


def make_export(path: Path, lines: int) -> None:
    """An orders export with text ids (leading zeros), timestamps, money and a GB-free header."""
    duckdb.execute(
        f"""COPY (SELECT 'INV' || lpad(CAST(i // 3 AS VARCHAR), 8, '0') AS invoice_no,
                   TIMESTAMP '2024-01-01' + to_seconds(i * 60 % 63072000) AS invoice_date,
                   lpad(CAST(hash(i // 3) % 20000 AS VARCHAR), 6, '0') AS customer_id,
                   'P' || lpad(CAST(hash(i) % 5000 AS VARCHAR), 5, '0') AS product_id,
                   1 + hash(i * 7) % 5 AS quantity,
                   round(1 + (hash(i * 13) % 10000) / 100.0, 2) AS unit_price,
                   'web' AS channel
            FROM range({lines}) t(i)) TO '{path}' (HEADER, DELIMITER ',')"""
    )


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders_1m.csv"
        make_export(path, args.lines)
        size_mb = path.stat().st_size / 1e6
        scan = timed(lambda: duckdb.connect().execute(
            "SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall())
        plain = duckdb.connect(str(Path(tmp) / "plain.duckdb"))
        ctas = timed(lambda: plain.execute(
            "CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(path)]).fetchall())
        plain.close()
        with Workspace(Path(tmp) / "ws").connect() as con:
            load = timed(lambda: load_file(con, path))
        print(f"file: {args.lines:,} lines, {size_mb:.1f} MB")
        print(f"duckdb count(*) over read_csv: {scan:.2f} s")
        print(f"duckdb CREATE TABLE AS read_csv (its own sniffer, file db): {ctas:.2f} s")
        print(f"crm load (sniff + typed table + roles): {load:.2f} s")
        print(f"ratio load / bare scan: {load / scan:.1f}x; load / plain duckdb load: {load / ctas:.1f}x")


if __name__ == "__main__":
    main()
