"""An export's left-out rows said one way on every page (left87): Acuity's load note names its ``Label`` No
Show and its ``Canceled`` flag ("21 行不算销售（9 行的“Label”为“No Show”，12 行由“Canceled”列标记）"), while
the Segments page's line on the same rows listed every state the app knows ("退款、取消、拒收、退货、失败、
未付款或爽约的订单（依据状态列）"); Clover's ``Order Payment State`` and ``Refunded`` flag alike."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment import run as seg_run
from tests.conftest import DATA

SHAPES = [(DATA / "acuity_appointments_excerpt.csv", "Label", "Canceled"),
          (DATA / "clover_line_items_excerpt.csv", "Order Payment State", "Refunded")]
GENERIC = {"en": "refused", "zh": "拒收"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("path", "status", "flag"), SHAPES)
def test_a_status_beside_a_flag_is_said_by_segments_as_the_load_note_says_it(con, path, status, flag, lang):
    raw = pd.read_csv(path, dtype=str)
    loaded = load_file(con, path)[0]
    [note] = [n for n in loaded.notes if status in say(n, "en") and f"flagged in '{flag}'" in say(n, "en")]
    line = seg_run.run(con, loaded.table).features.status_said
    assert line is not None, say(note, lang)
    said = say(line, lang)
    assert GENERIC[lang] not in said and status in said and flag in said, said
    states = [s for s in raw[status].dropna().unique() if f"“{s}”" in say(note, "zh")]
    assert states and all(f"“{s}”" in said or f"'{s}'" in said for s in states), (said, states)
