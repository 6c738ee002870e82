"""A column whose first lines do not show all its forms is typed again from a sample of the whole
table: the same file must type the same in every run (DuckDB's ``USING SAMPLE`` drew other rows each
time: a check-out time written at midnight on most lines and with a real time on a few loaded as DATE
in one run and TIMESTAMP in the next)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from crm_core.load.reader import load_file

STAYS = 30_000
NEW_SYSTEM = 6_000
"""The newest stays, written by the new system as a bare day: past the loader's first-lines sample."""


def _reservations(tmp_path):
    """A hotel PMS export, newest first: ``checked_out_at`` a bare day on the new system's stays; on
    the old system's a day at 00:00:00 (its default) and, on 12 stays, the time the desk typed."""
    rows = []
    for i in range(STAYS):
        day = dt.datetime(2024, 1, 1) + dt.timedelta(days=i % 300)
        out = day.replace(hour=14, minute=30) if i % 2_500 == 17 else day
        rows.append((f"R{100_000 + i}", f"G{i % 7_919:05d}", day.date().isoformat(),
                     out.strftime("%Y-%m-%d" if i < NEW_SYSTEM else "%Y-%m-%d %H:%M:%S")))
    frame = pd.DataFrame(rows, columns=["reservation", "guest", "arrival", "checked_out_at"])
    path = tmp_path / "stays.csv"
    frame.to_csv(path, index=False)
    return path


def test_a_column_retyped_from_a_sample_types_alike_in_every_load(con, tmp_path):
    """Ten loads: with 12 timed stays of 30,000 about half of main's samples held one, so ten loads
    agreed about once in 500."""
    path = _reservations(tmp_path)
    typed, kept = set(), set()
    for n in range(10):
        table = load_file(con, path, f"stays_{n}")[0].table
        typed.add(con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = ? "
                              "AND column_name = 'checked_out_at'", [table]).fetchone()[0])
        kept.add(con.execute(f"SELECT sum(hash(checked_out_at)) FROM {table}").fetchone()[0])
    assert len(typed) == 1, typed
    assert len(kept) == 1
