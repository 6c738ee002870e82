"""Benchmark: top-10 for every customer plus the held-out evaluation on a grocery-sized log.

    python bench/recommend.py          # quick: 400k lines, 1k households, 20k products
    python bench/recommend.py --full   # issue size: 1.5M lines, 2.5k households, 70k products

Generates its own data in a temporary workspace, then times (1) the DuckDB aggregation to
(customer, product) pairs alone — the baseline every run pays — and (2) the full run
(evaluation fit + scoring, final fit, recommendations with explanations). Prints wall times,
CPU time (a fairer figure on a shared machine), the ratio to the baseline, peak memory
(ru_maxrss) and the evaluation figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.recommend.model import interactions  # noqa: E402
from crm_core.recommend.run import RecommendParams, run  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace, write_frame  # noqa: E402

SIZES = {"quick": (400_000, 1_000, 20_000), "full": (1_500_000, 2_500, 70_000)}


def grocery_log(lines: int, households: int, products: int, seed: int = 7) -> pd.DataFrame:
    """Baskets of ~12 lines over two years; each household mixes best-sellers, its taste
    cluster's products and a few staples it rebuys (so co-purchase has something to find)."""
    rng = np.random.default_rng(seed)
    clusters = 40
    popularity = 1.0 / np.arange(1, products + 1) ** 0.9
    popularity /= popularity.sum()
    cluster_items = [rng.choice(products, 1_500, replace=False) for _ in range(clusters)]
    taste = rng.integers(0, clusters, households)
    activity = rng.gamma(1.2, 1.0, households)
    house = rng.choice(households, lines, p=activity / activity.sum())
    source = rng.random(lines)
    from_pop = rng.choice(products, lines, p=popularity)
    cluster_pick = np.array([cluster_items[taste[h]][i] for h, i in
                             zip(house, (rng.zipf(1.3, lines) - 1) % 1_500, strict=True)])
    staples = rng.integers(0, products, (households, 12))
    staple_pick = staples[house, rng.integers(0, 12, lines)]
    product = np.where(source < 0.35, from_pop, np.where(source < 0.75, cluster_pick, staple_pick))
    order = np.argsort(house, kind="stable")
    house, product = house[order], product[order]
    position = np.arange(lines) - np.searchsorted(house, house)
    basket = position // 12
    baskets = np.bincount(house, minlength=households)[house] // 12 + 1
    day = np.minimum(729, (basket + rng.random(lines) * 0.2) * 730 // baskets)
    return pd.DataFrame({
        "household_key": house.astype(str),
        "basket_id": [f"{h}-{b}" for h, b in zip(house, basket, strict=True)],
        "day": pd.Timestamp("2023-01-01") + pd.to_timedelta(day, unit="D"),
        "product_id": product.astype(str),
        "quantity": rng.integers(1, 4, lines),
        "sales_value": np.round(rng.gamma(2.0, 2.0, lines), 2),
    })


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the issue's full size")
    args = parser.parse_args()
    lines, households, products = SIZES["full" if args.full else "quick"]
    t0 = time.perf_counter()
    log = grocery_log(lines, households, products)
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        write_frame(con, "transactions", log)
        del log
        print(f"data: {lines:,} lines, {households:,} households, {products:,} products "
              f"(generated in {time.perf_counter() - t0:.1f}s)")
        roles = get_roles(con, "transactions")
        t1, c1 = time.perf_counter(), time.process_time()
        pairs = interactions(con, "transactions", roles)
        baseline, baseline_cpu = time.perf_counter() - t1, time.process_time() - c1
        print(f"baseline  DuckDB aggregation alone: {baseline:.2f}s wall, "
              f"{baseline_cpu:.2f}s CPU ({len(pairs):,} pairs)")
        del pairs
        t2, c2 = time.perf_counter(), time.process_time()
        result = run(con, "transactions", RecommendParams(top=10))
        full = time.perf_counter() - t2
        ev = result.evaluation
        cpu = time.process_time() - c2
        print(f"recommend top-10 for {ev['customers']:,} customers + evaluation: {full:.2f}s wall "
              f"({full / baseline:.1f}× the aggregation), {cpu:.2f}s CPU in all threads "
              f"({cpu / baseline_cpu:.1f}× the aggregation); {len(result.recommendations):,} rows")
        print(f"peak memory (ru_maxrss): {peak_mb():,.0f} MB")
        print(json.dumps({k: ev.get(k) for k in (
            "hit_rate", "popularity_hit_rate", "lift_hit_rate", "precision", "popularity_precision",
            "recall", "popularity_recall", "coverage", "popularity_coverage", "customers_evaluated")}))


if __name__ == "__main__":
    main()
