"""The judge64 pass: appointment businesses' English exports read as their systems write them
(docs/judge.md). Acuity Scheduling dates an appointment ``June 5, 2025 2:00 pm`` (the month's full name, a
12-hour clock), flags a cancellation in ``Canceled`` and a no-show in ``Label``; Housecall Pro dates a job in
``Date`` when it is done, beside ``Created At`` when it was booked. Every expected number is read from the
excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

ACUITY = DATA / "acuity_appointments_excerpt.csv"


def _counted(con, path, name: str) -> tuple[int, int, float | None]:
    """The view's rows, customers and money once ``path`` is loaded as ``name``."""
    _, _, sql = _view(con, path, name)
    return con.execute(f"SELECT count(*), count(DISTINCT customer_id), sum(amount) FROM ({sql})").fetchone()


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
    rows, customers, money = _counted(con, ACUITY, "ac")
    assert (rows, customers) == (len(done), done["Email"].nunique())
    assert round(money, 2) == round(done["Appointment Price"].astype(float).sum(), 2)


HOUSECALL = DATA / "housecall_jobs_excerpt.csv"


def _completed_jobs() -> pd.DataFrame:
    raw = pd.read_csv(HOUSECALL, dtype=str)
    return raw[raw["Job Status"].str.startswith("complete")]


def test_housecalls_cancelled_and_scheduled_jobs_are_no_sales(con):
    """``Job Status`` was no status header and ``user canceled`` / ``pro canceled`` no cancelled state: every
    cancelled job's quote counted as revenue, and a job booked for next week as done."""
    done = _completed_jobs()
    assert _counted(con, HOUSECALL, "hc")[:2] == (len(done), done["Customer"].nunique())


def test_a_housecall_job_is_dated_by_its_date_not_when_it_was_created(con):
    """``Created At`` (the booking, up to two weeks before) came first and was the date."""
    served = pd.to_datetime(_completed_jobs()["Date"], format="%m/%d/%Y %I:%M %p")
    _, roles, sql = _view(con, HOUSECALL, "hc")
    assert roles.get("date") == "Date"
    span = con.execute(f"SELECT min(ts), max(ts), count(DISTINCT ts) FROM ({sql})").fetchone()
    assert span == (served.min(), served.max(), served.nunique())


VAGARO = DATA / "vagaro_transaction_list_excerpt.xlsx"


def test_vagaros_amount_paid_is_spend_less_the_tip(con):
    """``Amount Paid`` is what the card was charged, the tip in (``Tip`` beside it): the tip is the stylist's,
    no sale, so every customer's spend read 12.8 % high on judge64's Transaction List."""
    raw = pd.read_excel(VAGARO, dtype={"Receipt #": str})
    assert raw["Tip"].sum() > 0
    _, roles, sql = _view(con, VAGARO, "vg")
    assert roles.get("amount") == "Amount Paid"
    money, customers = con.execute(f"SELECT sum(amount), count(DISTINCT customer_id) FROM ({sql})").fetchone()
    assert round(money, 2) == round((raw["Amount Paid"] - raw["Tip"]).sum(), 2)
    assert customers == raw["Customer"].nunique()


def test_vagaros_load_says_what_the_tips_came_to(con):
    """The spend is below the export's own ``Amount Paid`` total: the load says by how much and why."""
    tips = pd.read_excel(VAGARO)["Tip"].sum()
    said = [str(note) for note in load_file(con, VAGARO, "vg")[0].notes]
    assert any("“Tip”" in note and f"{tips:,.2f} in tips" in note for note in said), said
