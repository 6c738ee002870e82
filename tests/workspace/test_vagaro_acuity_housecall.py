"""The judge64 pass: appointment businesses' English exports read as their systems write them (docs/judge.md).
Acuity Scheduling dates an appointment ``June 5, 2025 2:00 pm`` (the month's full name, a 12-hour clock), flags a
cancellation in ``Canceled`` and a no-show in ``Label``; Housecall Pro dates a job in ``Date`` when it is done,
beside ``Created At`` when it was booked. Every expected number is read from the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

ACUITY = DATA / "acuity_appointments_excerpt.csv"


def _attended() -> pd.DataFrame:
    raw = pd.read_csv(ACUITY, dtype=str)
    return raw[raw["Canceled"].isna() & (raw["Label"].fillna("") != "No Show")]


def test_acuitys_start_time_with_the_months_full_name_is_the_date(con):
    """``June 5, 2025 2:00 pm`` stayed text: the export had no date, so no customer, and was read as a list of
    520 people rather than appointments."""
    _, roles, sql = _view(con, ACUITY, "ac")
    assert roles.get("date") == "Start Time"
    assert roles.get("customer_id") == "Email"
    first = con.execute(f"SELECT min(ts) FROM ({sql})").fetchone()[0]
    assert first == min(pd.to_datetime(_attended()["Start Time"], format="%B %d, %Y %I:%M %p"))


def test_acuitys_cancelled_and_no_show_appointments_are_no_visits(con):
    """A cancelled booking (``Canceled`` yes) and a no-show (``Label`` No Show) were not served."""
    done = _attended()
    _, _, sql = _view(con, ACUITY, "ac")
    rows, customers, money = con.execute(
        f"SELECT count(*), count(DISTINCT customer_id), sum(amount) FROM ({sql})").fetchone()
    assert (rows, customers) == (len(done), done["Email"].nunique())
    assert round(money, 2) == round(done["Appointment Price"].astype(float).sum(), 2)
