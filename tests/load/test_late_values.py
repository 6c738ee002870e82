"""Values of another form after the lines a CSV column is typed from (the first 5,000): a check-out time
after days written at midnight, a deposit column blank on its first lines. Each is kept as written or said,
never cut or left as text without a word (left32)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from tests.conftest import DATA

DESK_TIMES_FROM = "2017-08-25"
"""The day the desk began typing check-out times (and the system taking deposits): past line 5,000."""


def _stays(tmp_path, typed_early: int = 0):
    """modeldata::hotel_rates' real stays (every third) as a PMS's stays export in arrival order:
    ``Check-out`` the departure day at 00:00:00 until the desk began typing the time, then the time typed;
    ``Deposit`` blank until then. ``typed_early``: one stay in so many before that had its time typed too."""
    stays = pd.read_csv(DATA / "hotel_rates_stays_excerpt.csv")
    arrival = pd.to_datetime(stays["arrival_date"])
    out = arrival + pd.to_timedelta(stays["nights"], unit="D")
    late = arrival >= DESK_TIMES_FROM
    timed = late | (pd.Series(range(len(stays))) % typed_early == 1) if typed_early else late
    minutes = pd.to_timedelta(10 * 60 + (stays.index * 7) % 150 + 1, unit="min")
    export = pd.DataFrame({
        "Booking No": [f"BK{170000 + i}" for i in range(len(stays))],
        "Arrival": arrival.dt.strftime("%Y-%m-%d"),
        "Check-out": (out + minutes.where(timed, pd.Timedelta(0))).dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Nights": stays["nights"],
        "Rate": stays["avg_price_per_room"],
        "Deposit": (stays["avg_price_per_room"] * 0.3).map("{:.2f}".format).where(late, ""),
    })
    path = tmp_path / "stays.csv"
    export.to_csv(path, index=False)
    return path, export


def _type(con, table: str, column: str) -> str:
    return con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = ? "
                       "AND column_name = ?", [table, column]).fetchone()[0]


@pytest.mark.parametrize("typed_early", [0, 249])
def test_check_out_times_after_days_at_midnight_are_kept(con, tmp_path, typed_early):
    """Main typed ``Check-out`` DATE from its first 5,000 lines (all 00:00:00, or a time on every 249th
    line that the sample's every third value missed) and cut every later time to the day, without a note."""
    path, export = _stays(tmp_path, typed_early)
    timed = export["Check-out"].str.slice(11) != "00:00:00"
    assert not typed_early or timed.iloc[:5000].any()
    assert timed.iloc[5000:].sum() == 80
    load_file(con, path, "stays")
    assert _type(con, "stays", "Check-out") == "TIMESTAMP"
    kept = con.execute("SELECT strftime(\"Check-out\", '%Y-%m-%d %H:%M:%S') FROM stays").fetchall()
    assert [v for (v,) in kept] == export["Check-out"].tolist()

