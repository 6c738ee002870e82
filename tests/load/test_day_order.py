"""A date column whose every date fits both day-first and month-first is read in one order, and
the load says which (docs/data.md left it "read day-first with no note")."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file

DAYS = ["05/03/2024", "11/04/2024", "01/12/2024", "07/07/2024", "12/01/2025"]
"""Every first and second field at most 12: 5 March or 3 May, nothing in the data says which."""


def _write(tmp_path, suffix: str, days: list[str]):
    """The same small order export as a CSV, an .xlsx (dates as text cells) or a JSON array."""
    frame = pd.DataFrame({"customer": [f"C{i % 3}" for i in range(len(days))], "order_date": days,
                          "amount": [10.5 + i for i in range(len(days))]})
    path = tmp_path / f"orders.{suffix}"
    if suffix == "csv":
        frame.to_csv(path, index=False)
    elif suffix == "xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_json(path, orient="records")
    return path


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_dates_that_fit_both_orders_are_noted_with_the_order_read(con, tmp_path, suffix):
    (result,) = load_file(con, _write(tmp_path, suffix, DAYS), "t")
    first = con.execute("SELECT min(order_date) FROM t").fetchone()[0]
    assert first == dt.date(2024, 3, 5)  # day first; month first, 01/12/2024 (12 January) came first
    (note,) = [n for n in result.notes if "fits both" in n]
    assert note == ("order_date: every date fits both day-first and month-first, so the data cannot "
                    "tell which it is; read day first (05/03/2024 is 5 March 2024) — if the export meant "
                    "the other order, fix the dates at the source (or save them as 2024-03-05)")
    assert say(note, "zh").startswith("order_date：每个日期都既能按“日/月”也能按“月/日”理解，"
                                      "数据本身分不出来；已按日在前（05/03/2024 即 2024 年 3 月 5 日）读取")


@pytest.mark.parametrize("days", [
    ["05/03/2024", "25/04/2024"],  # the 25th: day first for sure
    ["05/03/2024", "04/25/2024"],  # the 25th in second place: month first for sure
    ["2024-03-05", "2024-04-11"],  # ISO: year, month, day
    ["01/01/2024", "02/02/2024"],  # either way the same days
])
def test_dates_one_order_fits_carry_no_such_note(con, tmp_path, days):
    (result,) = load_file(con, _write(tmp_path, "csv", days), "t")
    assert not [n for n in result.notes if "fits both" in n]
