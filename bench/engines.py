"""Check: every analysis gives the same answers with ``--engine spark`` as on DuckDB.

Loads the sample data and the real-shaped test exports into a temporary workspace (or reuses
``--workspace``), runs each analysis on each table on both engines in one process (one Spark
session), and prints one line per analysis × table: the DuckDB and Spark headline figures, or the
refusal, and ``same`` / ``DIFFERS`` (summaries to 1e-6, result rows, every numeric column's total
and every cell: ``cells``, a digest of the sorted rows). Analyses the CLI keeps on DuckDB (no
``spark`` in their ``ENGINES``) are run on the library's Spark connection anyway, marked
``(cli: duckdb only)``.

Run: ``python bench/engines.py [--analyses segment,cohorts] [--tables orders,...]``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.engine.spark import SparkConnection, spark_session  # noqa: E402
from crm_core.errors import CrmError  # noqa: E402
from crm_core.i18n import say  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FILES = {
    "orders": "sample_data/orders.csv",
    "store_sales_cn": "sample_data/store_sales_cn.csv",
    "customers": "sample_data/customers.csv",
    "hotel": "tests/data/hotel_reservations_excerpt.xlsx",
    "meituan": "tests/data/meituan_orders_excerpt_zh.xlsx",
    "points": "tests/data/points_ledger_excerpt_zh.csv",
    "bike": "tests/data/bike_shop_payments.csv",
    "chargebee": "tests/data/chargebee_subscriptions.csv",
    "ga4": "tests/data/ga4_events_excerpt.json",
    "jd": "tests/data/jd_orders_excerpt_zh.csv",
    "shopify": "tests/data/shopify_orders_excerpt.csv",
}
ANALYSES = {  # name: (module, Config class name)
    "segment": ("crm_core.segment.run", "SegmentConfig"),
    "cohorts": ("crm_core.segment.cohorts", "CohortConfig"),
    "churn": ("crm_core.customers.churn", "ChurnConfig"),
    "spend": ("crm_core.customers.spend", "SpendConfig"),
    "forecast": ("crm_core.forecast.run", "ForecastConfig"),
    "recommend": ("crm_core.recommend.run", "RecommendConfig"),
}
ROLES = {"meituan": {"customer_id": "顾客电话"}}  # 顾客 is masked (王**): refused without --customer-col


def outcome(module, con, table: str, config) -> dict:
    """The run's summary, result rows and numeric column totals, or its refusal in words."""
    try:
        run = module.run(con, table, config, roles=ROLES.get(table))
    except CrmError as exc:
        return {"refused": str(say(exc.args[0], "en")) if exc.args else str(exc)}
    except Exception as exc:  # noqa: BLE001 - a crash is a finding here, not a stop
        return {"crashed": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
    frame = next(iter(run.tables().values()))
    totals = {c: float(frame[c].sum()) for c in frame.columns
              if frame[c].dtype.kind in "fi" and frame[c].dtype.kind != "b"}
    return {"summary": run.summary(), "rows": len(frame), "totals": totals, "cells": cells(frame)}


def cells(frame) -> str:
    """The result's every cell as one digest (rows sorted, numbers to 9 significant digits): equal
    totals can hide two customers' lists swapped."""
    rounded = frame.apply(lambda c: c.map(lambda v: f"{v:.9g}") if c.dtype.kind == "f" else c.astype(str))
    rows = sorted(map(tuple, rounded.itertuples(index=False)))
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def close(a, b) -> bool:
    """Equal, numbers to a relative 1e-6 (NaN equal to NaN)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        if math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    return a == b


def differences(duck: dict, spark: dict) -> list[str]:
    """What differs between two outcomes, by key."""
    out = []
    for key in sorted(set(duck) | set(spark)):
        if key in ("summary", "totals") and key in duck and key in spark:
            for sub in sorted(set(duck[key]) | set(spark[key])):
                if not close(duck[key].get(sub), spark[key].get(sub)):
                    out.append(f"{key}.{sub}: {duck[key].get(sub)!r} vs {spark[key].get(sub)!r}")
        elif not close(duck.get(key), spark.get(key)):
            out.append(f"{key}: {duck.get(key)!r} vs {spark.get(key)!r}")
    return out


def headline(result: dict) -> str:
    if "summary" not in result:
        return next(iter(result.values()))[:160]
    keys = ("customers", "k", "silhouette", "cohorts", "roc_auc", "expected_total", "mape", "hit_rate")
    shown = {k: v for k, v in result["summary"].items() if k in keys}
    return f"rows={result['rows']} {shown}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyses", default=",".join(ANALYSES))
    parser.add_argument("--tables", default=",".join(FILES))
    parser.add_argument("--workspace", default=None, help="a workspace with the tables already loaded")
    args = parser.parse_args()
    folder = Path(args.workspace or tempfile.mkdtemp(prefix="engines_"))
    workspace = Workspace(folder)
    tables = args.tables.split(",")
    with workspace.connect() as con:
        for table in tables:
            if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                               [table]).fetchone()[0]:
                load_file(con, ROOT / FILES[table], table)
        session = spark_session()
        spark_con = SparkConnection(con, folder, session)
        for name in args.analyses.split(","):
            module = importlib.import_module(ANALYSES[name][0])
            config = getattr(module, ANALYSES[name][1])()
            cli_note = "" if "spark" in getattr(module, "ENGINES", ()) else " (cli: duckdb only)"
            for table in tables:
                started = time.perf_counter()
                duck = outcome(module, con, table, config)
                middle = time.perf_counter()
                spark = outcome(module, spark_con, table, config)
                ended = time.perf_counter()
                diff = differences(duck, spark)
                print(f"{name}{cli_note} × {table}: {'DIFFERS' if diff else 'same'} "
                      f"(duckdb {middle - started:.1f}s, spark {ended - middle:.1f}s)")
                print(f"    duckdb: {headline(duck)}")
                print(f"    spark:  {headline(spark)}")
                for line in diff[:12]:
                    print(f"    ≠ {line}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
