"""walk35: a status no known system writes (Fresha's ``Status``, 唯品会's and 快团团's ``订单状态``) left its
rows out under a note naming every state the app knows ("refunded, cancelled, refused, returned, failed,
unpaid or no-show orders and bookings", "336 行为退款、取消、拒收……"); the analyst looks for the export's own
words. Counts and states are read from the excerpts with pandas, never typed in."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

CASES = [("fresha_appointments_excerpt.csv", "Status", ("Completed",)),
         ("vipshop_orders_excerpt_zh.csv", "订单状态", ("已签收", "已发货")),
         ("ktt_group_orders_excerpt_zh.xlsx", "订单状态", ("已完成", "部分退款"))]


def _raw(name: str) -> pd.DataFrame:
    path = DATA / name
    return pd.read_excel(path) if path.suffix == ".xlsx" else pd.read_csv(path)


@pytest.mark.parametrize(("name", "column", "kept"), CASES)
def test_the_load_note_names_the_status_and_the_states_it_left_out(con, name, column, kept):
    raw = _raw(name)
    gone = raw[~raw[column].isin(kept)]
    notes = load_file(con, DATA / name, table="t")[0].notes
    [note] = [n for n in notes if say(n, "en").startswith("rows ") and "every analysis" in say(n, "en")
              and "refund is their whole amount" not in say(n, "en")]
    en, zh = say(note, "en"), say(note, "zh")
    assert en.endswith(f": {len(gone)}") and zh.startswith(f"{len(gone)} 行"), (en, zh)
    for state in gone[column].unique():
        assert f"'{state}'" in en and f"“{state}”" in zh, (en, zh)
    assert f"'{column}'" in en and f"“{column}”" in zh
    assert "no-show" not in en.replace("No-show", "") and "爽约" not in zh, (en, zh)


@pytest.mark.parametrize(("name", "column", "kept"), [*CASES, ("mabang_orders_excerpt_zh.csv", "订单状态",
                                                              ("已发货", "已完成"))])
def test_an_analysiss_rows_used_line_says_the_same_states(con, name, column, kept):
    """Segments and Churn said every state the app knows under the Data page's named note (walk36, left66);
    a count the states do not add up to (a kept run over a table loaded again) keeps the generic words."""
    from crm_core.workspace.status_named import status_said

    raw = _raw(name)
    gone = raw[~raw[column].isin(kept)]
    load_file(con, DATA / name, table="t")
    said = status_said(con, "t", len(gone))
    en, zh = say(said, "en"), say(said, "zh")
    assert en.startswith("orders marked ") and zh.startswith(f"“{column}”为"), (en, zh)
    for state in gone[column].unique():
        assert f"'{state}'" in en and f"“{state}”" in zh, (en, zh)
    assert status_said(con, "t", len(gone) + 1) is None
