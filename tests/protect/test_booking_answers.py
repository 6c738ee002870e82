"""Acuity Scheduling's appointments export carries the client's booking `Notes` and one column per intake-form
question (``Any health conditions, injuries or medications we should know about?``); a masked load kept them
in clear (left85's "Seen and left alone": no patient named, so not a clinic's table). In an appointments
table they are the client's own words, often about health: keyed tokens, like a clinic's note. A yes / no
question (Acuity's ``Paid?``) is a flag, kept. Masking must not move customers or spend."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.protect import privacy
from tests.conftest import DATA
from tests.protect.test_address_firm_buyer_id import _masked_load

ACUITY = DATA / "acuity_intake_answers_excerpt.csv"
HEALTH = "Any health conditions, injuries or medications we should know about?"
GOALS = "What would you like to work on?"


@pytest.mark.parametrize("column", ["Notes", HEALTH, GOALS])
def test_acuitys_notes_and_intake_answers_are_masked(con, column):
    raw = pd.read_csv(ACUITY, dtype=str, keep_default_na=False)[column].replace("", None)
    kind, left, notes = _masked_load(con, ACUITY, column, raw)
    assert kind == "client_note" and not left
    said = "已脱敏（客户预约时写下的备注或问卷回答，可能涉及健康等隐私；相同的内容脱敏后仍相同）"
    assert f"{column}：{said}" in notes
    carried = con.execute(f'SELECT count("{column}") FROM masked').fetchone()[0]
    assert carried == raw.notna().sum() > 0  # an empty answer stays empty


def test_acuitys_paid_flag_is_kept(con):
    raw = pd.read_csv(ACUITY, dtype=str)["Paid?"]
    kind, left, _ = _masked_load(con, ACUITY, "Paid?", raw)
    assert kind is None and left == {"yes", "no"} & set(raw)
    assert "Type" not in privacy.masked_columns(con, "masked")  # the service booked, not the client's words
