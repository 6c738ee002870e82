"""The outside probe's SQL cases: wall time and peak memory of one query (issue #20, High 1).

    PYTHONPATH=. python bench/sql_limits.py [--workspace DIR]

Each case runs in a fresh Python process (so peak memory is its own) through the page's path
(``run_query``: what the SQL page keeps) and the CLI's path (``stream_query`` written to
/dev/null). Peak memory is the larger of the calling process and the sandbox process it
started (``getrusage``), in MB. Run it with PYTHONPATH pointing at another checkout to compare.
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

CASES = {
    "wide_rows_page": ("page", "SELECT repeat('x',5000)||range FROM range(200000)", 30.0),
    "md5_timeout_1s_cli": ("cli", "SELECT max(md5(repeat('x', 10000000+(range%7)::INT))) "
                                  "FROM range(300)", 1.0),
}


def _one(db_path: str, path: str, sql: str, timeout: float) -> dict:
    from crm_core.errors import CrmError
    from crm_core.explore import sandbox

    start = time.perf_counter()
    outcome = "ok"
    try:
        if path == "page":
            result = sandbox.run_query(db_path, sql, timeout)
            outcome = f"ok: {result.rows} rows kept, cut by {getattr(result, 'cut_by', '?') or 'nothing'}"
        else:
            for frame in sandbox.stream_query(db_path, sql, timeout):
                frame.to_csv("/dev/null")
    except CrmError as exc:
        outcome = f"refused: {exc}"
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": round(seconds, 2), "peak_mb": round(max(own, child)), "server_mb": round(own),
            "sandbox_mb": round(child), "outcome": outcome[:160]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workspace")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        path, sql, timeout = CASES[args.case]
        print(json.dumps(_one(str(Path(args.workspace) / "crm.duckdb"), path, sql, timeout)))
        return
    folder = args.workspace or tempfile.mkdtemp(prefix="crm_bench_sql_")
    subprocess.run([sys.executable, "-m", "crm_core", "load", "sample_data/orders.csv",
                    "--workspace", folder], check=True, capture_output=True)
    for name in CASES:
        out = subprocess.run([sys.executable, __file__, "--workspace", folder, "--case", name],
                             capture_output=True, text=True)
        print(name, out.stdout.strip() or out.stderr.strip()[-400:])


if __name__ == "__main__":
    main()
