"""walk42: FreshBooks' Invoice Details on the Clean page said "'Due Date': 28 dates lie in the future" — an
invoice sent this month falls due next month, which is what a due date is. A date column whose header names a
due or expiry day is not checked for the future; the day an invoice was issued still is."""

from __future__ import annotations

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from crm_core.workspace import store
from tests.conftest import DATA


def _moved(con, days_ago: int) -> str:
    """The excerpt's invoices moved so the last was issued ``days_ago`` days ago (negative: ahead)."""
    loaded = load_file(con, DATA / "freshbooks_invoice_details_excerpt.csv")[0].table
    issued, due = (f'CAST("{c}" AS DATE)' for c in ("Date Issued", "Due Date"))
    last = f'(SELECT max({issued}) FROM "{loaded}")'
    shift = f"CAST(date_diff('day', {last}, current_date) - {days_ago} AS INTEGER)"
    store.write_table(con, "recent", f'SELECT "Invoice #", {issued} + {shift} AS "Date Issued", '
                                     f'{due} + {shift} AS "Due Date", "Amount Paid" FROM "{loaded}"')
    return "recent"


def _future(con, table: str) -> dict[str, int]:
    return {p["column"]: p["count"] for p in profile(con, table, roles={})["problems"]
            if p["kind"] == "future_dates"}


def test_due_dates_ahead_are_no_problem(con):
    table = _moved(con, 5)
    ahead = con.execute(f'SELECT count(*) FROM "{table}" WHERE "Due Date" > current_date').fetchone()[0]
    assert ahead > 0
    assert "Due Date" not in _future(con, table)


def test_an_issue_day_ahead_still_is(con):
    table = _moved(con, -3)
    assert _future(con, table).get("Date Issued", 0) > 0
