"""Event logs read as purchases (docs/segments.md, "Event types and stray dates").

Generates one behaviour log with real structure — users view items of their favourite categories
(popularity skew), some views become cart / fav, about 2 % of events are buys, mostly of items
viewed before, six stray stamps (1970 … 2037) — and writes it three ways: Tianchi UserBehavior
(no header, Unix seconds), a GA4 export (``event_name``, ``user_pseudo_id``, microseconds,
``purchase_revenue``) and a Chinese 行为类型 export. For each it prints one JSON line: the events by
type, the rows the purchase view reads and leaves out, the weekly cohorts, and the time to build
and count the view (event types, dense date range, coverage) as a ratio of one plain scan of the
table counting its customers (baseline in the same process).

Run: ``PYTHONPATH=. python bench/events.py [--users 3000] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from crm_core.load.reader import load_file
from crm_core.segment import cohorts
from crm_core.workspace.coverage import coverage
from crm_core.workspace.roles import get_roles
from crm_core.workspace.store import Workspace
from crm_core.workspace.transactions import transaction_view

START, END = 1511539200, 1512316799  # UserBehavior's nine days (Beijing)
STRAY = [0, 86400 * 3, 2122329600, 1262304000 - 5, 632000000, 2100000000]


def behaviour_log(users: int, items: int = 6000, categories: int = 120, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    category = rng.integers(0, categories, items)
    popularity = 1.0 / np.arange(1, items + 1) ** 0.9
    rng.shuffle(popularity)
    pools = [np.flatnonzero(category == c) for c in range(categories)]
    rows = []
    for user in range(users):
        favourite, seen = rng.choice(categories, 2, replace=False), []
        for ts in np.sort(rng.integers(START, END, int(rng.lognormal(3.3, 0.9)) + 1)):
            pool = pools[favourite[rng.integers(2)] if rng.random() < 0.75 else rng.integers(categories)]
            if not len(pool):
                continue
            p = popularity[pool] / popularity[pool].sum()
            r = rng.random()
            if seen and r < 0.022:
                item = seen[rng.integers(len(seen))] if rng.random() < 0.75 else rng.choice(pool, p=p)
                kind = "buy"
            else:
                again = seen and rng.random() < 0.3
                item = seen[rng.integers(len(seen))] if again else rng.choice(pool, p=p)
                kind = "pv" if r < 0.92 else ("cart" if r < 0.97 else "fav")
                seen.append(item)
            rows.append((user * 337 + 100003, int(item) * 853 + 5000, int(category[item]) * 40961 + 2520,
                         kind, int(ts)))
    frame = pd.DataFrame(rows, columns=["user_id", "item_id", "category_id", "behavior_type", "timestamp"])
    buys = frame[frame["behavior_type"] == "buy"].sample(3, random_state=seed).index
    others = frame[frame["behavior_type"] != "buy"].sample(3, random_state=seed).index
    frame.loc[buys.append(others), "timestamp"] = STRAY  # three purchases among them
    return frame


def write_shapes(frame: pd.DataFrame, out: Path) -> dict[str, Path]:
    """The same log as UserBehavior, a GA4 export and a Chinese 行为类型 export."""
    paths = {"userbehavior": out / "UserBehavior.csv", "ga4": out / "ga4_events.csv",
             "zh": out / "行为日志.csv"}
    frame.to_csv(paths["userbehavior"], header=False, index=False)
    ga = {"pv": "page_view", "buy": "purchase", "cart": "add_to_cart", "fav": "add_to_wishlist"}
    pd.DataFrame({"event_timestamp": frame["timestamp"].astype("int64") * 1_000_000 + 123456,
                  "event_name": frame["behavior_type"].map(ga),
                  "user_pseudo_id": frame["user_id"].map(lambda u: f"{u}.1511{u % 997}"),
                  "item_id": "SKU_" + frame["item_id"].astype(str),
                  "purchase_revenue": np.where(frame["behavior_type"] == "buy",
                                               (frame["item_id"] % 50 + 9.9).round(2), np.nan)},
                 ).to_csv(paths["ga4"], index=False)
    zh = {"pv": "浏览", "buy": "购买", "cart": "加购", "fav": "收藏"}
    pd.DataFrame({"用户ID": frame["user_id"], "商品ID": frame["item_id"], "商品类目": frame["category_id"],
                  "行为类型": frame["behavior_type"].map(zh),
                  "行为时间": pd.to_datetime(frame["timestamp"], unit="s").dt.strftime("%Y-%m-%d %H:%M:%S")},
                 ).to_csv(paths["zh"], index=False)
    return paths


def measure(con, name: str, path: Path) -> dict:
    load_file(con, path, name)
    start = time.perf_counter()
    customer = get_roles(con, name)["customer_id"]
    con.execute(f'SELECT count(DISTINCT "{customer}") FROM "{name}"').fetchone()  # one plain scan
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    counts = coverage(con, transaction_view(con, name, get_roles(con, name)))
    view = time.perf_counter() - start
    summary = cohorts.run(con, name, cohorts.CohortConfig(freq="W")).summary()
    return {"log": name, "rows": counts["rows"], "purchases_read": counts["used"],
            "not_purchases": counts.get("not_purchases", 0), "stray_dates": counts.get("stray_dates", 0),
            "weekly_cohorts": summary["cohorts"], "weeks": summary["periods"], "buyers": summary["customers"],
            "view_vs_count": round(view / max(baseline, 1e-6), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="evt_"))
    out.mkdir(parents=True, exist_ok=True)
    frame = behaviour_log(args.users)
    print(json.dumps({"events": frame["behavior_type"].value_counts().to_dict(),
                      "users": int(frame["user_id"].nunique())}))
    with Workspace(out / "ws").connect() as con:
        for name, path in write_shapes(frame, out).items():
            print(json.dumps(measure(con, name, path), ensure_ascii=False))


if __name__ == "__main__":
    main()
