"""Benchmark: top-10 for every customer plus the evaluation, and basket rules, on grocery-sized logs.

    python bench/recommend.py                 # 100k, 1.5M and 5M lines, one process each
    python bench/recommend.py --lines 1500000 # one size

Generates its own data in a temporary workspace, then times (1) the DuckDB aggregation to
(customer, product, window) rows alone — the reference every run pays — (2) the full run
(validation choice, test evaluation, final fit, recommendations with names) and (3) the basket
rules. Prints wall and CPU time (fairer on a shared machine), ratios to the reference, and the
peak memory of the process (ru_maxrss).
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

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.recommend import basket  # noqa: E402
from crm_core.recommend.data import purchases  # noqa: E402
from crm_core.recommend.run import RecommendConfig, run  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace, write_frame  # noqa: E402

SIZES = {100_000: (400, 10_000), 1_500_000: (2_500, 70_000), 5_000_000: (8_000, 120_000)}
"""Lines → (households, products)."""


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


def measure(lines: int) -> None:
    households, products = SIZES.get(lines, (max(100, lines // 600), max(1_000, lines // 20)))
    t0 = time.perf_counter()
    log = grocery_log(lines, households, products)
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        write_frame(con, "transactions", log)
        del log
        print(f"data: {lines:,} lines, {households:,} households, {products:,} products "
              f"(generated in {time.perf_counter() - t0:.1f}s)")
        roles = get_roles(con, "transactions")
        t1, c1 = time.perf_counter(), time.process_time()
        rows = len(purchases(con, "transactions", roles, 28).frame)
        reference, reference_cpu = time.perf_counter() - t1, time.process_time() - c1
        print(f"reference  DuckDB aggregation alone: {reference:.2f}s wall, {reference_cpu:.2f}s CPU "
              f"({rows:,} rows)")
        t2, c2 = time.perf_counter(), time.process_time()
        result = run(con, "transactions", RecommendConfig(top=10))
        full, cpu = time.perf_counter() - t2, time.process_time() - c2
        ev = result.evaluation
        print(f"recommend  top-10 for {ev['customers']:,} customers + evaluation: {full:.2f}s wall "
              f"({full / reference:.1f}x the reference), {cpu:.2f}s CPU ({cpu / reference_cpu:.1f}x); "
              f"{len(result.recommendations):,} rows")
        t3, c3 = time.perf_counter(), time.process_time()
        rules = basket.run(con, "transactions", basket.BasketConfig(min_support=0.0005))
        print(f"basket     {len(rules.rules):,} rules from {rules.baskets:,} baskets: "
              f"{time.perf_counter() - t3:.2f}s wall, {time.process_time() - c3:.2f}s CPU; "
              f"{rules.left_out['products']:,} products left out as not goods")
        print(f"peak memory (ru_maxrss): {peak_mb():,.0f} MB")
        print(json.dumps({k: ev.get(k) for k in (
            "hit_rate", "popularity_hit_rate", "recent_popularity_hit_rate", "lift_hit_rate",
            "customers_evaluated", "customers_covered", "method", "validation_hit_rate", "purchase_rows",
            "ranker_customers")}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=None, help="one size (default: all three)")
    args = parser.parse_args()
    if args.lines:
        measure(args.lines)
        return
    for lines in SIZES:  # one process per size: ru_maxrss is the peak of the whole process
        subprocess.run([sys.executable, __file__, "--lines", str(lines)], check=True)


if __name__ == "__main__":
    main()
