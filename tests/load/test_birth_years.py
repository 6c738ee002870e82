"""A birth date written with a two-digit year (Excel's US short date, ``12/31/68``): DuckDB's ``%y`` puts
00–68 in this century, so a customer born in 1968 was born in 2068. A date of birth cannot be after today:
under a header naming one, a two-digit year that would land after today is the previous century's (left35).
Other dates keep the usual pivot: an expected next order in 2026 is no 1926."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from tests.conftest import DATA

KLAVIYO = DATA / "klaviyo_profiles_excerpt.csv"


def _short_year(day: date) -> str:
    return f"{day.month}/{day.day}/{day:%y}"


def _born(profiles: pd.DataFrame) -> list[date]:
    """A birth date per profile, 1940 to 2005 (spread by row, so 1940s–1960s births land past 68)."""
    return [date(1940 + (i * 7) % 66, 1 + i % 12, 1 + (i * 5) % 28) for i in range(len(profiles))]


def _as_read_by_hand(text: str) -> date:
    """``%m/%d/%y`` by Python, then a century back when that is after today."""
    day = datetime.strptime(text, "%m/%d/%y").date()
    return day.replace(year=day.year - 100) if day > date.today() else day


@pytest.mark.parametrize("header", ["Date of Birth", "DOB", "Birthday", "生日", "出生日期"])
def test_a_two_digit_birth_year_is_never_after_today(con, tmp_path, header):
    profiles = pd.read_csv(KLAVIYO, dtype=str, keep_default_na=False)
    profiles[header] = [_short_year(d) for d in _born(profiles)]
    path = tmp_path / "profiles.csv"
    profiles.to_csv(path, index=False)
    table = load_file(con, path, "profiles")[0].table
    read = [v for (v,) in con.execute(f'SELECT "{header}" FROM {table}').fetchall()]
    assert read == [_as_read_by_hand(t) for t in profiles[header]]
    assert read == _born(profiles)
    assert max(read) <= date.today()


def test_other_two_digit_years_keep_their_century(con, tmp_path):
    """The same years under ``Expected Date Of Next Order``: no birth, so 5/1/26 stays in 2026."""
    profiles = pd.read_csv(KLAVIYO, dtype=str, keep_default_na=False)
    expected = [date(2026 + i % 30, 1 + i % 12, 1 + i % 28) for i in range(len(profiles))]
    profiles["Expected Date Of Next Order"] = [_short_year(d) for d in expected]
    path = tmp_path / "profiles.csv"
    profiles.to_csv(path, index=False)
    table = load_file(con, path, "profiles")[0].table
    read = [v for (v,) in con.execute(f'SELECT "Expected Date Of Next Order" FROM {table}').fetchall()]
    assert read == expected


def test_a_birth_year_written_in_full_is_kept_as_written(con, tmp_path):
    """Only a two-digit year is a guess: ``1/2/2045`` under ``DOB`` is a typo to show, not to move."""
    profiles = pd.read_csv(KLAVIYO, dtype=str, keep_default_na=False)
    written = [*_born(profiles)[:-1], date(2045, 1, 2)]
    profiles["DOB"] = [f"{d.month}/{d.day}/{d.year}" for d in written]
    path = tmp_path / "profiles.csv"
    profiles.to_csv(path, index=False)
    table = load_file(con, path, "profiles")[0].table
    assert [v for (v,) in con.execute(f'SELECT "DOB" FROM {table}').fetchall()] == written
