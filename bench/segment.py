"""Benchmark: our segmentation pipeline against the pandas / scikit-learn tutorial pipeline.

Generates a transaction CSV (default 5M lines, ~20k customers) in a temporary folder, then times

* ours: load into a DuckDB workspace (reported separately), features in SQL, KMeans with all of
  k = 2…10 evaluated (silhouette on a sample, CH, DB, bootstrap stability), the ``segments``
  table and the three report files written;
* tutorial: ``pd.read_csv``, groupby RFM, log + StandardScaler, ``KMeans(n_init=10)`` and
  ``silhouette_score`` for k = 2…10 on the same file.

Run: ``python bench/segment.py`` (or ``--lines 500000`` for a quick run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.load.reader import load_file  # noqa: E402
from crm_core.report.files import write_files  # noqa: E402
from crm_core.segment.run import run  # noqa: E402
from crm_core.workspace import runs  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402


def generate(path: Path, lines: int, customers: int, seed: int = 7) -> None:
    """Order lines with heavy-tailed customer activity, returns and guest rows, written by DuckDB."""
    con = duckdb.connect()
    con.execute("SELECT setseed(?)", [seed / 100])
    con.execute(f"""
        COPY (
          WITH l AS (
            SELECT i, CAST(floor(pow(random(), 2.2) * {customers}) AS INTEGER) AS c,
                   CAST(i / 3 AS BIGINT) AS o FROM range({lines}) t(i))
          SELECT CASE WHEN random() < 0.02 THEN 'C' ELSE '' END || lpad(CAST(o AS VARCHAR), 8, '0')
                   AS invoice_no,
                 TIMESTAMP '2023-01-01' + to_seconds(CAST(floor(random() * 730 * 86400) AS BIGINT))
                   AS invoice_date,
                 CASE WHEN random() < 0.01 THEN NULL ELSE lpad(CAST(c AS VARCHAR), 6, '0') END
                   AS customer_id,
                 'P' || CAST(CAST(floor(random() * 2000) AS INTEGER) AS VARCHAR) AS product_id,
                 CAST(1 + floor(random() * 6) AS INTEGER) AS quantity,
                 round(1 + random() * 40, 2) AS unit_price
          FROM l
        ) TO '{path}' (HEADER, DELIMITER ',')""")
    con.execute(f"""COPY (SELECT *, round(quantity * unit_price, 2) AS amount FROM read_csv('{path}'))
                    TO '{path}.tmp' (HEADER, DELIMITER ',')""")
    con.close()
    Path(f"{path}.tmp").replace(path)


def ours(csv: Path, folder: Path) -> dict[str, float]:
    times = {}
    ws = Workspace(folder / "ws")
    start = time.perf_counter()
    with ws.connect() as con:
        load_file(con, csv, "orders")
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    with ws.connect() as con:
        result = run(con, "orders")
        runs.save(con, result)
    times["segment"] = time.perf_counter() - start
    start = time.perf_counter()
    write_files(result.files(), folder / "out")
    times["reports"] = time.perf_counter() - start
    times["k"] = result.k
    times["customers"] = len(result.members)
    return times


def tutorial(csv: Path) -> dict[str, float]:
    """The pipeline from the usual RFM + KMeans tutorials, as written there."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    start = time.perf_counter()
    df = pd.read_csv(csv, dtype={"customer_id": str, "invoice_no": str}, parse_dates=["invoice_date"])
    df = df.dropna(subset=["customer_id"])
    snapshot = df["invoice_date"].max() + pd.Timedelta(days=1)
    rfm = df.groupby("customer_id").agg(
        recency=("invoice_date", lambda s: (snapshot - s.max()).days),
        frequency=("invoice_no", "nunique"), monetary=("amount", "sum"))
    read = time.perf_counter() - start
    x = StandardScaler().fit_transform(np.log1p(rfm.clip(lower=0)))
    scores = {}
    for k in range(2, 11):
        labels = KMeans(n_clusters=k, n_init=10, random_state=42).fit_predict(x)
        scores[k] = silhouette_score(x, labels)
    best = max(scores, key=scores.get)
    KMeans(n_clusters=best, n_init=10, random_state=42).fit(x)
    return {"read_groupby": read, "total": time.perf_counter() - start, "customers": len(rfm), "k": best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv = folder / "orders.csv"
        start = time.perf_counter()
        generate(csv, args.lines, args.customers)
        print(f"generated {args.lines:,} lines ({csv.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - start:.1f}s")
        mine = ours(csv, folder)
        print(f"ours:     load into workspace {mine['load']:.1f}s (once per export); "
              f"features + k=2..10 + segments table {mine['segment']:.1f}s; reports {mine['reports']:.1f}s; "
              f"{mine['customers']:,} customers, k={mine['k']}")
        base = tutorial(csv)
        print(f"tutorial: read_csv + groupby {base['read_groupby']:.1f}s; total {base['total']:.1f}s; "
              f"{base['customers']:,} customers, k={base['k']}")
        analysis = mine["segment"] + mine["reports"]
        print(f"ratio (tutorial total / ours without load): {base['total'] / analysis:.1f}x")
        print(f"ratio (tutorial total / ours with load):    {base['total'] / (analysis + mine['load']):.1f}x")


if __name__ == "__main__":
    main()
