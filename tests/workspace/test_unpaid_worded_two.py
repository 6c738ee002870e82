"""left94: left90 said one status column's unpaid states "(not paid yet)"; the two-column note (Big Cartel's
``Status`` Pending beside ``Payment status`` Refunded) and the note beside a flag (Clover's ``Order Payment
State`` Open beside its ``Refunded`` flag) still called every row "(no sale)". States are read from the
excerpts with pandas, never typed in; the notes are found by their words."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

BIGCARTEL = DATA / "bigcartel_orders_excerpt.csv"
CLOVER = DATA / "clover_line_items_excerpt.csv"
UNPAID = ("Pending", "Open")
SHAPES = [(BIGCARTEL, {"Status": "Completed", "Payment status": "Completed"}),
          (CLOVER, {"Order Payment State": "Paid"})]


def _status_note(con, path, column: str) -> tuple[str, str]:
    notes = load_file(con, path, "t")[0].notes
    [note] = [n for n in notes if f"in '{column}'" in say(n, "en") and "every analysis" in say(n, "en")]
    return say(note, "en"), say(note, "zh")


def _left_states(path, sold: dict[str, str]) -> tuple[list[str], list[str]]:
    """The states of each status column outside its sold one, split into unpaid and the others."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    left = {state for column, kept in sold.items() for state in raw[column] if state != kept}
    left -= {"Partially Refunded"}
    return sorted(left & set(UNPAID)), sorted(left - set(UNPAID))


@pytest.mark.parametrize(("path", "sold"), SHAPES, ids=["bigcartel_two_columns", "clover_flagged"])
def test_unpaid_states_beside_a_second_column_or_a_flag_are_not_paid_yet(con, path, sold):
    unpaid, other = _left_states(path, sold)
    assert unpaid and other
    en, zh = _status_note(con, path, next(iter(sold)))
    assert "(not paid yet)" in en and "（尚未付款）" in zh, (en, zh)
    before_en, before_zh = en[:en.index("(not paid yet)")], zh[:zh.index("（尚未付款）")]
    after_en, after_zh = en[en.index("(not paid yet)"):], zh[zh.index("（尚未付款）"):]
    for state in unpaid:
        assert f"'{state}'" in before_en and f"“{state}”" in before_zh, (en, zh)
        assert f"'{state}'" not in after_en and f"“{state}”" not in after_zh, (en, zh)
    for state in other:
        assert f"'{state}'" in after_en and f"“{state}”" in after_zh, (en, zh)
        assert f"'{state}'" not in before_en and f"“{state}”" not in before_zh, (en, zh)
    assert "no sale" in after_en and "不算销售" in after_zh, (en, zh)
