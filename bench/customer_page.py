"""Benchmark: one customer's page (Customer 360) on a generated purchase log, per checkout.

``python bench/customer_page.py --lines 5000000 20000000 --tmp /tmp/scale12 --root /tmp/before .``
generates each log once (``bench.segment.generate``, CDNOW-like: 150,000 customers, 2,000
products), loads it with the first checkout, then measures, alternating the checkouts ``--rounds``
times, each in a fresh process (user CPU and peak RSS, :func:`bench.scale.measure`):
``cli``, ``python -m crm_core customer 000001``; ``page``, what the page's script does in its
long-lived process: the purchase logs and the products table found once, then two look-ups
(000001, then 000002), each on its own connection. ``--workspace DIR`` measures a loaded workspace
instead of generating one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scale import measure  # noqa: E402
from bench.segment import generate  # noqa: E402

PAGE = """
import json, sys
from crm_core.link import customer360
from crm_core.recommend.data import find_products_table
from crm_core.workspace.store import Workspace
ws = Workspace(sys.argv[1])
with ws.connect() as con:
    sources = customer360.orders_sources(con)
found, catalogues = [], {}
for query in sys.argv[2:]:
    with ws.connect() as con:
        view = customer360.view(con, query, sources=sources, catalogue_of=lambda t: catalogues.setdefault(
            t, find_products_table(con, t)))
        found.append(len(view["orders"]["rows"]))
print(json.dumps({"order_lines": found}))
"""
"""The Customer page's calls (``pages/customer.py``): its caches keep the logs and the products
table per workspace state, so a second look-up reads neither again."""


def steps(ws: Path) -> dict[str, list[str]]:
    """Each measured command line, run from the checkout's folder."""
    return {"cli": [sys.executable, "-m", "crm_core", "customer", "000001", "--workspace", str(ws)],
            "page": [sys.executable, "-c", PAGE, str(ws), "000001", "000002"]}


def workspace_of(lines: int, tmp: Path, root: Path) -> Path:
    """A workspace holding the generated log of ``lines`` lines as ``orders`` (made once)."""
    folder = tmp / f"page_{lines}"
    ws, csv = folder / "ws", folder / "orders.csv"
    if not (ws / "crm.duckdb").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(csv, lines, 150_000)
        subprocess.run([sys.executable, "-m", "crm_core", "load", str(csv), "--table", "orders",
                        "--workspace", str(ws)], cwd=root, check=True, capture_output=True)
    return ws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[5_000_000, 20_000_000])
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    parser.add_argument("--workspace", type=Path, nargs="+", help="loaded workspaces to measure instead")
    parser.add_argument("--root", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    spaces = args.workspace or [workspace_of(n, args.tmp, args.root[0].resolve()) for n in args.lines]
    for ws in spaces:
        for _ in range(args.rounds):
            for root in args.root:
                for step, argv in steps(ws.resolve()).items():
                    wall, user, peak, _ = measure(argv, root.resolve())
                    print(json.dumps({"workspace": str(ws), "root": str(root), "step": step,
                                      "seconds": round(wall, 1), "user_s": round(user, 2),
                                      "peak_mib": round(peak)}), flush=True)


if __name__ == "__main__":
    main()
