"""left83: Thinkific's Segments said "monetary from 'Amount'" under a load note saying every analysis counts
“Amount” less “Amount Refunded” (walk38): two notes that read as contradicting each other. The monetary
source now names the refund the view takes off, where the load's refund rule applies."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment.features import customer_features
from crm_core.workspace.amount_words import amount_source_said
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import refund_notes
from tests.conftest import DATA

THINKIFIC = DATA / "thinkific_orders_excerpt.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_monetary_names_the_refund_the_load_note_takes_off(con, lang):
    raw = pd.read_csv(THINKIFIC, dtype=str)
    assert (raw["Status"] == "Partially Refunded").any()
    load_file(con, THINKIFIC, table="tk")
    note = refund_notes(con, "tk", get_roles(con, "tk")["amount"])["refunds_taken_off"]
    said = amount_source_said(customer_features(con, "tk").monetary_source).text(lang)
    assert note["amount"] in said and note["refund"] in said, said


def test_without_a_refund_column_monetary_names_the_amount_alone(con):
    """Lightspeed's line items have no refund beside ``Total``: the words stay the column's."""
    load_file(con, DATA / "lightspeed_line_items_excerpt.csv", table="ls")
    amount = get_roles(con, "ls")["amount"]
    assert not refund_notes(con, "ls", amount).get("refunds_taken_off")
    assert amount_source_said(customer_features(con, "ls").monetary_source).text("en") == f"'{amount}'"
