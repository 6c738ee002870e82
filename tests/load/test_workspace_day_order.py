"""A date column whose every value fits both orders, in a workspace whose other exports show theirs (left36):
a Salesforce org's Contacts report writes ``Created Date`` ``1/3/2017`` on every row, and its Opportunities
report, loaded before it, ``Close Date`` ``7/17/2017`` (month first). Read day first, every contact was
created on 1 March."""

from __future__ import annotations

from datetime import date

from crm_core.load.reader import load_file
from tests.conftest import DATA

CONTACTS = DATA / "salesforce_contacts_excerpt.csv"
OPPORTUNITIES = DATA / "salesforce_opportunities_excerpt.csv"


def _created(con) -> set:
    return {day for (day,) in con.execute('SELECT DISTINCT CAST("Created Date" AS DATE) FROM sfc').fetchall()}


def test_contacts_after_their_org_s_opportunities_are_read_month_first(con):
    load_file(con, OPPORTUNITIES, "sfo")
    notes = load_file(con, CONTACTS, "sfc")[0].notes
    assert _created(con) == {date(2017, 1, 3)}
    said = [n for n in notes if getattr(n, "key", "").startswith("load.note.day_order")]
    assert len(said) == 1 and "sfo" in said[0] and "month first" in said[0] and "日" in said[0].text("zh")


def test_contacts_alone_are_still_read_day_first_with_the_note(con):
    notes = load_file(con, CONTACTS, "sfc")[0].notes
    assert _created(con) == {date(2017, 3, 1)}
    said = [n.key for n in notes if getattr(n, "key", "").startswith("load.note.day_order")]
    assert said == ["load.note.day_order"]
