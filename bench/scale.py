"""Benchmark: every analysis an analyst runs on one purchase log, at 5M/20M/50M lines.

Steps: load, profile, segment, cohorts, forecast (weekly, and weekly by product), churn and spend
as of a cutoff, recommend, basket and one customer's page. Each step runs as its own
``python -m crm_core`` process so its peak memory (max RSS, the process and its children) and
user CPU are measured the way an analyst meets them; the reference is DuckDB's plain
``CREATE TABLE AS SELECT * FROM read_csv(file)`` in a process of its own, on the same file.

Run: ``python bench/scale.py`` (default 5M and 20M lines) or ``--lines 5000000 20000000 50000000``;
``--steps load segment`` measures only those (load always runs); ``--engine spark`` adds the same
segment run on a local Spark session; ``--root DIR [DIR …]`` runs the commands of other checkouts
(e.g. ``git archive main | tar -x -C /tmp/before``) on the same file, one after the other, for a
before/after; ``--shape plain shopify`` measures Shopify's order export (totals on an order's first
line only, some orders voided or refunded) beside the plain log of the same size.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from bench.segment import generate  # noqa: E402

CUTOFF = "2024-09-30"
QUALITY = ("hit_rate", "baseline_hit_rate", "similar_customers_hit_rate", "method", "customers_evaluated")
"""Summary figures kept with a step's timings (recommend's hit rates): its output folder goes with
the workspace, so they would otherwise be lost."""
CTAS = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
        "con.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?)\", [sys.argv[2]])")


def generate_shopify(path: Path, lines: int, customers: int, seed: int = 7) -> None:
    """Shopify's order export at ``lines`` lines: one row per line item (one to three an order), the
    order's status and money (``Financial Status``, ``Subtotal``, ``Total``, ``Refunded Amount``) on
    its first line only; 3 % voided, 2 % refunded, 2 % partly refunded, 1 % pending, the rest paid.
    Same customers' heavy tail, products and two years as :func:`bench.segment.generate`, so each
    rule the later lines meet (:func:`crm_core.workspace.order_lines.follows_order`) is measured
    against the plain shape of the same size."""
    con = duckdb.connect()
    con.execute("SELECT setseed(?)", [seed / 100])
    con.execute(f"""
        COPY (
          WITH o AS MATERIALIZED (
            SELECT o, CAST(floor(pow(random(), 2.2) * {customers}) AS INTEGER) AS c,
                   1 + CAST(floor(random() * 3) AS INTEGER) AS n, random() AS r,
                   TIMESTAMP '2023-01-01' + to_seconds(CAST(floor(random() * 730 * 86400) AS BIGINT)) AS ts
            FROM range({lines}) t(o)),
          l AS MATERIALIZED (
            SELECT o, c, r, ts, k, CAST(1 + floor(random() * 3) AS INTEGER) AS qty,
                   round(1 + random() * 40, 2) AS price, CAST(floor(random() * 2000) AS INTEGER) AS p
            FROM (SELECT *, unnest(range(n)) AS k FROM o) ORDER BY o, k LIMIT {lines}),
          t AS (SELECT *, round(sum(qty * price) OVER (PARTITION BY o), 2) AS sub,
                       CASE WHEN r < 0.03 THEN 'voided' WHEN r < 0.05 THEN 'refunded'
                            WHEN r < 0.07 THEN 'partially_refunded' WHEN r < 0.08 THEN 'pending'
                            ELSE 'paid' END AS status FROM l)
          SELECT '#' || CAST(100000 + o AS VARCHAR) AS "Name",
                 'c' || lpad(CAST(c AS VARCHAR), 6, '0') || '@example.com' AS "Email",
                 CASE WHEN k = 0 THEN status END AS "Financial Status",
                 CASE WHEN k = 0 AND status NOT IN ('voided', 'pending')
                      THEN strftime(ts + INTERVAL 4 SECOND, '%Y-%m-%d %H:%M:%S -0500') END AS "Paid at",
                 CASE WHEN k = 0 THEN 'USD' END AS "Currency",
                 CASE WHEN k = 0 THEN sub END AS "Subtotal",
                 CASE WHEN k = 0 THEN 4.99 END AS "Shipping",
                 CASE WHEN k = 0 THEN round(sub * 0.08, 2) END AS "Taxes",
                 CASE WHEN k = 0 THEN round(sub * 1.08 + 4.99, 2) END AS "Total",
                 strftime(ts, '%Y-%m-%d %H:%M:%S -0500') AS "Created at",
                 qty AS "Lineitem quantity", 'Album ' || CAST(p AS VARCHAR) AS "Lineitem name",
                 price AS "Lineitem price", 'CD-' || CAST(10000 + p AS VARCHAR) AS "Lineitem sku",
                 CASE WHEN k = 0 AND status = 'voided'
                      THEN strftime(ts + INTERVAL 2 HOUR, '%Y-%m-%d %H:%M:%S -0500') END AS "Cancelled at",
                 CASE WHEN k > 0 THEN NULL WHEN status = 'refunded' THEN sub
                      WHEN status = 'partially_refunded' THEN round(sub * 0.3, 2) ELSE 0.0 END
                   AS "Refunded Amount",
                 'CD Corner' AS "Vendor",
                 CASE WHEN k = 0 THEN 5600000000000 + o END AS "Id"
          FROM t ORDER BY o, k
        ) TO '{path}' (HEADER, DELIMITER ',')""")
    con.close()


SHAPES = {"plain": (generate, "000001"), "shopify": (generate_shopify, "c000001@example.com")}
"""Each log's generator and the customer whose page is measured (one of the busiest)."""


def measure(argv: list[str], root: Path) -> tuple[float, float, float, dict]:
    """Wall seconds, user CPU seconds, peak MiB and the :data:`QUALITY` figures of one step, run
    under :func:`child` so that its peak and CPU are its own."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(root), *argv],
                          cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    refusal = refused(done)
    if done.returncode != 0 and not refusal:
        raise SystemExit(f"{' '.join(argv[:6])} failed: {done.stderr.strip()[-500:]}")
    *said, usage = done.stdout.strip().splitlines()
    user, peak = usage.split()
    return wall, float(user), int(peak) / 1024, quality(said) | refusal


def refused(done: subprocess.CompletedProcess) -> dict:
    """``{"refused": sentence}`` when the step refused the data in its one-line way (exit 1,
    ``error: …``): an answer about the data, kept in the report, and the next steps still run
    (at 50M lines every generated customer is active, so churn has no one to learn from)."""
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return {"refused": last} if done.returncode == 1 and last.startswith("error:") else {}


def quality(lines: list[str]) -> dict:
    """The :data:`QUALITY` figures of the step's summary (the last JSON line it printed)."""
    summary = next((json.loads(line) for line in reversed(lines) if line.startswith("{")), {})
    return {key: summary[key] for key in QUALITY if key in summary}


def commands(ws: Path, csv: Path, engine: str | None, customer: str = "000001") -> dict[str, list[str]]:
    """Each step's command line; the generated log runs 2023-01-01 to 2024-12-31, so the cutoff
    leaves a quarter after it, and ``customer`` is one of the busiest."""
    crm = [sys.executable, "-m", "crm_core"]
    out = ["orders", "--workspace", str(ws), "--out", str(ws / "out")]
    steps = {
        "duckdb CTAS (reference)": [sys.executable, "-c", CTAS, str(ws.parent / "ref.duckdb"), str(csv)],
        "load": [*crm, "load", str(csv), "--table", "orders", "--workspace", str(ws)],
        "profile": [*crm, "profile", "orders", "--workspace", str(ws)],
        "segment": [*crm, "segment", *out],
        "cohorts": [*crm, "cohorts", *out],
        "forecast W": [*crm, "forecast", *out, "--freq", "W"],
        "forecast W by product": [*crm, "forecast", *out, "--freq", "W", "--by", "product_id"],
        "churn": [*crm, "churn", *out, "--cutoff", CUTOFF],
        "spend": [*crm, "spend", *out, "--cutoff", CUTOFF],
        "recommend": [*crm, "recommend", *out],
        "basket": [*crm, "basket", *out],
        "customer": [*crm, "customer", customer, "--workspace", str(ws)],
    }
    if engine == "spark":
        steps["segment (spark, local)"] = [*steps["segment"], "--engine", "spark"]
    return steps


def chosen(steps: dict[str, list[str]], names: list[str] | None) -> dict[str, list[str]]:
    """The reference, load (every other step reads its table) and the steps asked for."""
    keep = {"duckdb CTAS (reference)", "load", *(names or steps)}
    return {name: argv for name, argv in steps.items() if name in keep}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[5_000_000, 20_000_000])
    parser.add_argument("--customers", type=int, default=150_000)
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--root", type=Path, nargs="+", default=[ROOT],
                        help="checkouts whose commands are measured, one after the other")
    parser.add_argument("--steps", nargs="+", help="steps to measure (default: all; load always runs)")
    parser.add_argument("--tmp", type=Path, help="folder for the generated file (default: the system's)")
    parser.add_argument("--shape", nargs="+", choices=tuple(SHAPES), default=["plain"],
                        help="logs measured, one after the other at each size (shopify: totals on an "
                             "order's first line only, some orders voided or refunded)")
    args = parser.parse_args()
    results = []
    for lines in args.lines:
        for shape in args.shape:
            results += measure_shape(shape, lines, args)
    report(results)


def measure_shape(shape: str, lines: int, args: argparse.Namespace) -> list[dict]:
    """Every chosen step of every checkout on one generated log of ``shape``, each printed as done."""
    write, customer = SHAPES[shape]
    results = []
    with tempfile.TemporaryDirectory(prefix="crm_scale_", dir=args.tmp) as tmp:
        csv = Path(tmp) / "orders.csv"
        write(csv, lines, args.customers)
        size = csv.stat().st_size / 2**30
        for n, root in enumerate(args.root):
            ws = Path(tmp) / f"ws{n}"
            for step, argv in chosen(commands(ws, csv, args.engine, customer), args.steps).items():
                wall, user, peak, figures = measure(argv, root)
                results.append({"lines": lines, "shape": shape, "gib": round(size, 2), "root": str(root),
                                "step": step, "seconds": round(wall, 1), "user_s": round(user, 1),
                                "peak_mib": round(peak), **figures})
                print(json.dumps(results[-1]), flush=True)
            shutil.rmtree(ws, ignore_errors=True)
    return results


def report(results: list[dict]) -> None:
    """One line per step with its ratios to the CTAS reference of the same file and checkout, and
    to the same step on the plain log of the same size when it was measured too."""
    ref = {(r["lines"], r["root"], r["shape"]): r for r in results if r["step"].startswith("duckdb CTAS")}
    plain = {(r["lines"], r["root"], r["step"]): r for r in results if r["shape"] == "plain"}
    for r in results:
        base = ref[r["lines"], r["root"], r["shape"]]
        same = plain.get((r["lines"], r["root"], r["step"])) if r["shape"] != "plain" else None
        print(f"{r['lines']:>11,} lines  {r['shape']:<8} {Path(r['root']).name:<10} {r['step']:<24} "
              f"{r['seconds']:>7.1f} s ({r['seconds'] / base['seconds']:5.2f}x)  "
              f"user {r['user_s']:>7.1f} s ({r['user_s'] / base['user_s']:5.2f}x)  "
              f"peak {r['peak_mib']:>6,} MiB ({r['peak_mib'] / base['peak_mib']:5.2f}x CTAS)"
              + (f"  vs plain: user {r['user_s'] / same['user_s']:.2f}x, peak "
                 f"{r['peak_mib'] / same['peak_mib']:.2f}x" if same else "")
              + "".join(f"  {key} {r[key]}" for key in (*QUALITY, "refused") if key in r))


def child(root: str, argv: list[str]) -> None:
    """Run one step and print its last output line (the summary), then its user CPU (s) and peak
    (KiB): RUSAGE_CHILDREN of this fresh process is that step's."""
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True)
    sys.stderr.write(done.stderr[-2000:])
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(usage.ru_utime, usage.ru_maxrss)
    raise SystemExit(done.returncode)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
    else:
        main()
