"""Benchmark: profile and a 5-step recipe on a generated 5M-line order file.

Runs in a temporary workspace; prints seconds and the ratio to DuckDB's plain
``SELECT count(*)`` over the same table (the cheapest possible full pass), measured in
the same process. ``python bench/clean.py [ROWS]`` (default 5,000,000).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core import store  # noqa: E402
from crm_core.quality.profile import profile  # noqa: E402
from crm_core.quality.recipes import Recipe, apply_recipe  # noqa: E402

RECIPE = {"steps": [
    {"kind": "drop_missing", "columns": ["customer_id"]},
    {"kind": "drop_duplicates"},
    {"kind": "returns", "action": "remove"},
    {"kind": "trim_text", "columns": ["channel"], "case": "lower"},
    {"kind": "outliers", "column": "amount", "action": "cap"},
]}
ROLES = {"order_id": "invoice_no", "date": "invoice_date", "customer_id": "customer_id",
         "product_id": "product_id", "quantity": "quantity", "unit_price": "unit_price", "amount": "amount"}


def generate(con, rows: int) -> None:
    """Order lines shaped like the sample: returns, guests, duplicates, messy channel text."""
    store.write_table(con, "orders", f"""
        SELECT CASE WHEN i % 55 = 0 THEN 'C' ELSE '' END || (500000 + i // 3)::VARCHAR AS invoice_no,
               TIMESTAMP '2024-01-01' + to_seconds(i * 12) AS invoice_date,
               CASE WHEN i % 100 = 0 THEN NULL ELSE lpad((i * 7919 % 50000)::VARCHAR, 6, '0') END
                   AS customer_id,
               'P' || lpad((i * 31 % 300)::VARCHAR, 4, '0') AS product_id,
               CASE WHEN i % 55 = 0 THEN -1 ELSE 1 + i % 4 END AS quantity,
               round(2 + (i * 13 % 9000) / 100.0, 2) AS unit_price,
               round((CASE WHEN i % 55 = 0 THEN -1 ELSE 1 + i % 4 END) * (2 + (i * 13 % 9000) / 100.0), 2)
                   AS amount,
               (['web', ' Web', 'store', 'APP '])[1 + i % 4] AS channel
        FROM range({rows}) t(i)
        UNION ALL SELECT d.* FROM (SELECT '500001', TIMESTAMP '2024-01-01', '000001', 'P0001', 1, 2.0, 2.0,
                                 'web') d, range(12)
    """, roles=ROLES)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(rows: int = 5_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder, store.Workspace(folder).connect() as con:
        gen_s, _ = timed(lambda: generate(con, rows))
        n = con.execute("SELECT count(*) FROM orders").fetchone()[0]
        base_s = min(timed(lambda: con.execute("SELECT count(*) FROM orders").fetchone())[0]
                     for _ in range(3))
        scan_s = min(timed(lambda: con.execute(
            "SELECT count(DISTINCT customer_id), avg(amount) FROM orders").fetchone())[0] for _ in range(2))
        prof_s, prof = timed(lambda: profile(con, "orders", ROLES))
        clean_s, result = timed(lambda: apply_recipe(con, "orders", Recipe.from_dict(RECIPE), roles=ROLES))
        print(f"rows: {n:,} (generated in {gen_s:.1f} s)")
        print(f"baseline SELECT count(*):            {base_s * 1000:8.1f} ms")
        print(f"baseline count(DISTINCT)+avg scan:   {scan_s:8.2f} s")
        print(f"profile ({len(prof['problems'])} problems found):   {prof_s:8.2f} s  "
              f"= {prof_s / base_s:,.0f}x count(*), {prof_s / scan_s:.1f}x one aggregate scan")
        print(f"5-step recipe -> {result['rows_after']:,} rows: {clean_s:8.2f} s  "
              f"= {clean_s / base_s:,.0f}x count(*), {clean_s / scan_s:.1f}x one aggregate scan")
        for step in result["steps"]:
            print(f"  step {step['step']} {step['kind']:<16} "
                  f"{step['rows_before']:>10,} -> {step['rows_after']:>10,}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000)
