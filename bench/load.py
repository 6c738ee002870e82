"""Benchmark: ``load`` of a big CSV export vs DuckDB's plain CTAS and bare ``count(*)``, wall and peak.

Run: ``python bench/load.py [--lines 5000000]``. One command generates the export once, then runs
each step in its own child process (so each peak RSS is its own, read with ``wait4``):

* ``count``: ``SELECT count(*) FROM read_csv(file)`` (DuckDB's bare scan);
* ``ctas``: ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` into a database file (the reference
  the issue names: at most 3x its time and 1.5x its peak memory);
* ``load``: ``python -m crm_core load file`` (sniff, typed columns, checks, roles, atomic install)
  through the real CLI, imports included.
The ratios are printed at the end; the export has text ids with leading zeros, timestamps and money.
``--placeholders`` writes ``-`` in 0.1% of the prices and ``无`` in 0.05% of the dates, as shop exports
do: both columns must still load typed (in the one pass, no text re-read), the cells empty.
``--sums-row`` ends the export with a row of the numeric columns' sums and nothing else (a
``=SUM()`` row without its label): the load must drop it, which costs one sum over the table.
``--yen`` writes the prices as ``¥72.47`` and 0.1% of them as Excel's accounting zero ``¥-``: the
column must load typed, those prices 0 (free lines are lines), through ``number_expr``'s currency path.
``--bare-days`` writes the first 10,000 dates as a bare day (``2024-01-01``, a newer system's lines):
the dates fail the first lines' plan and are typed again from a sample of the whole column (det29).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]


def make_export(path: Path, lines: int, placeholders: bool = False, sums_row: bool = False,
                yen: bool = False, bare_days: bool = False) -> None:
    """An orders export: invoice ids, timestamps, customer ids with leading zeros, quantities, prices
    (with ``placeholders``, a few prices ``-`` and dates ``无``; with ``sums_row``, a last row of sums;
    with ``yen``, prices ``¥72.47`` and a few ``¥-``; with ``bare_days``, the first dates a day alone)."""
    date = "CAST(TIMESTAMP '2024-01-01' + to_seconds(i * 60 % 63072000) AS VARCHAR)"
    if bare_days:
        date = f"CASE WHEN i < 10000 THEN CAST(CAST({date} AS DATE) AS VARCHAR) ELSE {date} END"
    price = "CAST(round(1 + (hash(i * 13) % 10000) / 100.0, 2) AS VARCHAR)"
    if placeholders:
        date = f"CASE WHEN hash(i * 3) % 2000 = 0 THEN '无' ELSE {date} END"
        price = f"CASE WHEN hash(i * 5) % 1000 = 0 THEN '-' ELSE {price} END"
    if yen:
        price = f"CASE WHEN hash(i * 11) % 1000 = 0 THEN '¥-' ELSE '¥' || {price} END"
    duckdb.execute(
        f"""COPY (SELECT 'INV' || lpad(CAST(i // 3 AS VARCHAR), 8, '0') AS invoice_no,
                   {date} AS invoice_date,
                   lpad(CAST(hash(i // 3) % 20000 AS VARCHAR), 6, '0') AS customer_id,
                   'P' || lpad(CAST(hash(i) % 5000 AS VARCHAR), 5, '0') AS product_id,
                   1 + hash(i * 7) % 5 AS quantity,
                   {price} AS unit_price,
                   'web' AS channel
            FROM range({lines}) t(i)) TO '{path}' (HEADER, DELIMITER ',')"""
    )
    if sums_row:
        quantity, price = duckdb.execute(
            "SELECT sum(quantity), round(sum(TRY_CAST(unit_price AS DOUBLE)), 2) FROM read_csv(?)",
            [str(path)]).fetchone()
        with path.open("a") as out:
            out.write(f",,,,{quantity},{price},\n")


STEPS = {
    "count": "import duckdb, sys; print(duckdb.connect().execute("
             "'SELECT count(*) FROM read_csv(?)', [sys.argv[1]]).fetchall()[0][0])",
    "ctas": "import duckdb, sys; con = duckdb.connect(sys.argv[2] + '/plain.duckdb'); "
            "con.execute('CREATE TABLE t AS SELECT * FROM read_csv(?)', [sys.argv[1]]); "
            "print(con.execute('SELECT count(*) FROM t').fetchall()[0][0])",
}


def spawn_and_measure(argv: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, peak RSS (MiB), CPU seconds (user + system) and last stdout line of one child
    process, reaped with ``wait4`` so the peak and the CPU are this child's alone."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        pid = os.posix_spawn(argv[0], argv, dict(os.environ, PYTHONPATH=str(ROOT)),
                             file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().strip()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{argv[1:4]} failed with exit code {os.waitstatus_to_exitcode(status)}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, cpu, text.splitlines()[-1] if text else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--placeholders", action="store_true", help="a few prices '-', dates '无'")
    parser.add_argument("--sums-row", action="store_true", help="a last row of bare column sums")
    parser.add_argument("--yen", action="store_true", help="prices '¥72.47', a few accounting zeros '¥-'")
    parser.add_argument("--bare-days", action="store_true", help="the first 10,000 dates a day alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders_export.csv"
        make_export(path, args.lines, args.placeholders, args.sums_row, args.yen, args.bare_days)
        print(f"file: {args.lines:,} lines, {path.stat().st_size / 1e6:,.0f} MB "
              f"(machine shared with other jobs: run once, read ratios, not absolutes)")
        results = {}
        for name, code in STEPS.items():
            results[name] = spawn_and_measure([sys.executable, "-c", code, str(path), tmp])
        results["load"] = spawn_and_measure([sys.executable, "-m", "crm_core", "--workspace",
                                             str(Path(tmp) / "ws"), "load", str(path)])
        for name, (wall, peak, cpu, out) in results.items():
            print(f"{name:>6}: {wall:7.2f} s  peak {peak:8.0f} MiB  CPU {cpu:7.2f} s  -> {out}")
        (lw, lp, _, _), (cw, cp, _, _), (sw, _, _, _) = results["load"], results["ctas"], results["count"]
        print(f"load / plain CTAS: {lw / cw:.2f}x wall, {lp / cp:.2f}x peak (targets 3x, 1.5x); "
              f"load / count(*): {lw / sw:.1f}x wall")
        con = duckdb.connect(str(Path(tmp) / "ws" / "crm.duckdb"), read_only=True)
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                 "WHERE table_name = 'orders_export'").fetchall())
        zeros = con.execute("SELECT count(*) FROM orders_export WHERE customer_id LIKE '0%'").fetchone()[0]
        rows, free = con.execute("SELECT count(*), count(*) FILTER (WHERE unit_price = 0) FROM orders_export"
                                 ).fetchone()
        print(f"typed columns: {types}; customer ids kept with leading zeros: {zeros:,}; rows {rows:,}; "
              f"prices 0: {free:,}")


if __name__ == "__main__":
    main()
