"""left90: FreshBooks' invoices sent, viewed or overdue are billed and not paid yet; the load note called them
"(no sale)" / "不算销售", the words of a cancelled or refunded row. The states' kind decides the words: the
unpaid ones are "not paid yet" / "尚未付款", the others keep theirs. States are read from the excerpts with
pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

FRESHBOOKS = DATA / "freshbooks_invoice_details_excerpt.csv"
UNPAID = ("Sent", "Viewed", "Overdue")


def _status_note(con, path, column: str) -> tuple[str, str]:
    notes = load_file(con, path, "t")[0].notes
    [note] = [n for n in notes if f"in '{column}'" in say(n, "en") and "every analysis" in say(n, "en")]
    return say(note, "en"), say(note, "zh")


def _clause(text: str, start: str, end: str) -> str:
    """The words between ``start`` and the next ``end`` after it."""
    head = text.index(start)
    return text[head:text.index(end, head)]


def test_freshbooks_unpaid_invoices_are_not_paid_yet_and_drafts_no_sale(con):
    raw = pd.read_csv(FRESHBOOKS, dtype=str, keep_default_na=False)
    left = raw[~raw["Invoice Status"].isin(["Paid", "Partial"])]["Invoice Status"]
    unpaid, other = sorted(set(left) & set(UNPAID)), sorted(set(left) - set(UNPAID))
    assert unpaid and other
    en, zh = _status_note(con, FRESHBOOKS, "Invoice Status")
    assert en.endswith(f": {len(left)}") and zh.startswith(f"{len(left)} 行"), (en, zh)
    unpaid_en, unpaid_zh = _clause(en, "rows marked", "(not paid yet)"), _clause(zh, "为", "（尚未付款）")
    other_en = _clause(en, "(not paid yet)", "(no sale)")
    other_zh = _clause(zh, "（尚未付款）", "（不算销售）")
    for state in unpaid:
        assert f"'{state}'" in unpaid_en and f"“{state}”" in unpaid_zh, (en, zh)
    for state in other:
        assert f"'{state}'" in other_en and f"“{state}”" in other_zh, (en, zh)


def test_cancelled_states_keep_their_words(con):
    """Fresha's Cancelled / No-show are no sale, not unpaid: the note says so as before."""
    raw = pd.read_csv(DATA / "fresha_appointments_excerpt.csv")
    assert set(raw["Status"]) - {"Completed"}
    en, zh = _status_note(con, DATA / "fresha_appointments_excerpt.csv", "Status")
    assert "(no sale)" in en and "（不算销售）" in zh, (en, zh)
    assert "not paid" not in en and "尚未付款" not in zh, (en, zh)
