"""Benchmark: load, segment, profile (and cohorts, where the command exists) at 5M/20M/50M lines.

Each step runs as its own ``python -m crm_core`` process so its peak memory (max RSS, the
process and its children) is measured the way an analyst meets it; the reference is DuckDB's
plain ``CREATE TABLE AS SELECT * FROM read_csv(file)`` in a process of its own, on the same file.

Run: ``python bench/scale.py`` (default 5M and 20M lines) or ``--lines 5000000 20000000 50000000``;
``--engine spark`` adds the same segment run on a local Spark session; ``--root DIR`` runs the
commands of another checkout (e.g. ``git worktree add /tmp/before <commit>``) for a before/after.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.segment import generate  # noqa: E402

CTAS = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
        "con.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?)\", [sys.argv[2]])")


def measure(argv: list[str], root: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of one step, run under :func:`child` so that its peak is its own."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(root), *argv],
                          cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:6])} failed: {done.stderr.strip()[-500:]}")
    return wall, int(done.stdout.strip().splitlines()[-1]) / 1024


def commands(ws: Path, csv: Path, engine: str | None, root: Path) -> dict[str, list[str]]:
    crm = [sys.executable, "-m", "crm_core"]
    steps = {
        "duckdb CTAS (reference)": [sys.executable, "-c", CTAS, str(ws.parent / "ref.duckdb"), str(csv)],
        "load": [*crm, "load", str(csv), "--table", "orders", "--workspace", str(ws)],
        "profile": [*crm, "profile", "orders", "--workspace", str(ws)],
        "segment": [*crm, "segment", "orders", "--workspace", str(ws), "--out", str(ws / "out")],
    }
    help_text = subprocess.run([*crm, "--help"], cwd=root, capture_output=True, text=True).stdout
    if "cohorts" in help_text:
        steps["cohorts"] = [*crm, "cohorts", "orders", "--workspace", str(ws), "--out", str(ws / "out")]
    if engine == "spark":
        steps["segment (spark, local)"] = [*steps["segment"], "--engine", "spark"]
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[5_000_000, 20_000_000])
    parser.add_argument("--customers", type=int, default=150_000)
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose commands are measured")
    args = parser.parse_args()
    results = []
    for lines in args.lines:
        with tempfile.TemporaryDirectory(prefix="crm_scale_") as tmp:
            csv = Path(tmp) / "orders.csv"
            generate(csv, lines, args.customers)
            size = csv.stat().st_size / 2**30
            for step, argv in commands(Path(tmp) / "ws", csv, args.engine, args.root).items():
                wall, peak = measure(argv, args.root)
                results.append({"lines": lines, "gib": round(size, 2), "step": step,
                                "seconds": round(wall, 1), "peak_mib": round(peak)})
                print(json.dumps(results[-1]), flush=True)
    ref = {r["lines"]: r for r in results if r["step"].startswith("duckdb CTAS")}
    for r in results:
        base = ref[r["lines"]]
        print(f"{r['lines']:>11,} lines  {r['step']:<26} {r['seconds']:>7.1f} s "
              f"({r['seconds'] / base['seconds']:.2f}x CTAS)  peak {r['peak_mib']:>6,} MiB "
              f"({r['peak_mib'] / base['peak_mib']:.2f}x CTAS)")


def child(root: str, argv: list[str]) -> None:
    """Run one step and print its peak (KiB): RUSAGE_CHILDREN of this fresh process is that step's."""
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True)
    sys.stderr.write(done.stderr[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(peak)
    raise SystemExit(done.returncode)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
    else:
        main()
