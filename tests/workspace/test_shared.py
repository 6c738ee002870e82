"""The shared-till rule (:mod:`crm_core.workspace.shared`) on a log shaped like the sample's
订单导出: the busiest accounts of a zipf-like shop raise the 99th percentile, so a bar set from
it let two tills pass as customers (walk18: 晴天7841, 晴天9809)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from crm_core.workspace.shared import shared_accounts, visits_sql


def _account(customer: str, days: int, per_day: list[int]) -> list[tuple[str, int, int]]:
    """(customer, day, order on that day) rows: ``per_day`` orders on each day, cycled over ``days``
    active days spread across a year."""
    step = 365 / days
    return [(customer, int(d * step), k) for d in range(days) for k in range(per_day[d % len(per_day)])]


def _shop() -> list[tuple[str, int, int]]:
    """300 members ordering once on a few days, 20 of them twice on one day in three (the 99th
    percentile about 1.4 a day, as in 订单导出), real heavy buyers as busy as Complete Journey's
    busiest household (2,337: 780 baskets on 276 days, 2.8 a day) and 订单导出's busiest
    remaining phone (2.6 a day on 314), and three tills: 晴天1711 (18.2 a day), 晴天7841 (6.4)
    and 晴天9809 (3.5 on 353 days)."""
    rows = [r for m in range(300) for r in _account(f"m{m:03d}", 2 + m % 30, [1])]
    rows += [r for m in range(20) for r in _account(f"h{m:02d}", 30, [2, 1, 1])]
    rows += _account("household_2337", 276, [3, 3, 2, 3, 3, 3])  # 2.83 a day
    rows += _account("phone_0810", 314, [3, 3, 2, 3, 2])  # 2.6 a day
    rows += _account("till_1711", 365, [18, 18, 18, 18, 19])
    rows += _account("till_7841", 364, [6, 7, 6, 7, 6])
    rows += _account("till_9809", 353, [4, 3])
    return rows


@pytest.fixture
def shop():
    con = duckdb.connect()
    frame = pd.DataFrame(_shop(), columns=["customer_id", "day", "k"])  # noqa: F841 (read by DuckDB)
    con.execute("CREATE TABLE rows AS SELECT * FROM frame")
    yield con
    con.close()


def _flagged(con) -> list[str]:
    rows = ("SELECT customer_id, customer_id || '-' || day || '-' || k AS order_id, 25.0 AS amount, "
            "TIMESTAMP '2023-01-01 09:00' + day * INTERVAL 1 DAY + k * INTERVAL 7 MINUTE AS ts FROM rows")
    return sorted(c for c, _, _ in shared_accounts(con, f"({visits_sql(rows)})"))


def test_tills_the_busiest_accounts_hid_are_caught(shop):
    """walk18: 晴天7841 (6.4 a day) and 晴天9809 (3.5 a day, every day of the year) stayed
    customers, because the bar was five times a 99th percentile the busy accounts raise."""
    assert _flagged(shop) == ["till_1711", "till_7841", "till_9809"]


def test_real_heavy_buyers_stay_customers(shop):
    """Complete Journey's busiest household and 订单导出's next phone (2.6 to 2.8 orders an active
    day) are customers: the bar stays above what a household does."""
    flagged = _flagged(shop)
    assert "household_2337" not in flagged and "phone_0810" not in flagged
    assert not [c for c in flagged if c.startswith(("m", "h"))]
