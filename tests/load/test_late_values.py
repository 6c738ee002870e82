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


def test_a_deposit_column_blank_on_its_first_lines_is_money(con, tmp_path):
    """Main kept ``Deposit`` text (blank on the first 5,000 lines, nothing to type it from): no sum."""
    path, export = _stays(tmp_path)
    load_file(con, path, "stays")
    assert _type(con, "stays", "Deposit") == "DOUBLE"
    total = con.execute("SELECT count(Deposit), round(sum(Deposit), 2) FROM stays").fetchone()
    truth = pd.to_numeric(export["Deposit"].replace("", None))
    assert total == (truth.count(), round(truth.sum(), 2))


def test_a_room_number_column_that_turns_to_text_later_says_so(con, tmp_path, monkeypatch):
    """``Room`` is a number on the old system's stays and ``C-114`` (the real room type, then the number)
    from 2017 on, past the lines the CSV is typed from (1,000 here, so the later form is most of the file,
    as in a long export). Main kept the column text from its whole-table sample without a word: the
    values are kept, and now the note says how many did not fit the first lines' numbers."""
    monkeypatch.setattr("crm_core.load.text.SAMPLE_ROWS", 1_000)
    stays = pd.read_csv(DATA / "hotel_rates_stays_excerpt.csv")
    room = [100 + (i * 37) % 60 for i in range(len(stays))]
    new = stays["arrival_date"] >= "2017-01-01"
    export = stays.assign(Room=[f"{t.upper()}-{n}" if later else str(n)
                                for t, n, later in zip(stays["room_type"], room, new, strict=True)])
    assert not new.iloc[:1_000].any()
    path = tmp_path / "stays.csv"
    export.to_csv(path, index=False)
    notes = [str(n) for n in load_file(con, path, "stays")[0].notes]
    assert _type(con, "stays", "Room") == "VARCHAR"
    assert [v for (v,) in con.execute("SELECT Room FROM stays").fetchall()] == export["Room"].tolist()
    assert f"Room: kept as text (values that do not parse as numbers or dates: {new.sum()})" in notes
