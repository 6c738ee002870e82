"""A name several buyers share, looked up before any link run (walk36): 马帮 keeps each buyer's 买家ID
beside the 收件人 written on the parcel, and "Emma Lim" is on the rows of three 买家ID. The page said it
was "shown below with the orders and analyses under its customer id", then "no kept run includes this
customer" and "no records" under every block: it had found three customers and shown none."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.link import customer360
from crm_core.load.reader import load_file
from tests.conftest import DATA

MABANG = DATA / "mabang_orders_excerpt_zh.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_name_on_several_buyers_rows_names_their_ids(con, lang):
    lines = pd.read_csv(MABANG, dtype=str)
    buyers = sorted(lines.loc[lines["收件人"] == "Emma Lim", "买家ID"].unique())
    assert len(buyers) > 1
    load_file(con, MABANG, table="mabang")
    note = say(customer360.view(con, "Emma Lim")["note"], lang)
    assert all(buyer in note for buyer in buyers), note
    assert "买家ID" in note and str(len(buyers)) in note, note
    assert "under its customer id" not in note and "按其客户 ID" not in note, note


def test_a_name_on_one_buyers_rows_keeps_that_buyers_orders(con):
    lines = pd.read_csv(MABANG, dtype=str)
    buyer = lines.loc[lines["收件人"] == "Maria Garcia", "买家ID"].unique().tolist()
    load_file(con, MABANG, table="mabang")
    page = customer360.view(con, "Maria Garcia")
    assert buyer == ["maria005"] and "maria005" in page["ids"]
    assert "under its customer id" in say(page["note"], "en")


KOFI = DATA / "kofi_transactions_excerpt.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_blocks_of_a_name_on_several_customers_say_so_not_that_no_run_holds_them(con, lang):
    """walk40 (en_kofi_07_customer): Ko-fi's display name "lucas_draws" is on two supporters' e-mails; under
    the note naming both, the segment block said "No kept run includes this customer" though the kept run
    segmented both, and the orders "Nothing for this customer"."""
    from crm_core.segment import run as segment_run
    from crm_core.workspace import runs

    lines = pd.read_csv(KOFI, dtype=str)
    emails = lines.loc[lines["From"] == "lucas_draws", "BuyerEmail"].dropna().unique()
    assert len(emails) > 1
    load_file(con, KOFI, table="kofi")
    runs.save(con, segment_run.run(con, "kofi", segment_run.SegmentConfig(k=3)))
    page = customer360.view(con, "lucas_draws")
    assert page["note"].key == "customer.found_several"
    for block in ("segments", "orders"):
        said = say(page[block].get("why", ""), lang)
        assert not page[block].get("runs_on"), page[block]
        assert "lucas_draws" in said and str(len(emails)) in said, (block, said)
