"""Depop's `Buyer` is the buyer's username (``lucasfox1``) and the customer id; it stayed in clear under
``--mask-pii`` (judge84, left91). A marketplace's buyer handle is a member name, read as a nickname (left85's
rule): under a bare `Buyer` or an English `Member Name` when the values are handles, never a number (an id)
nor a person's name (a name under `Member Name` stays a name). Masking must not move customers or spend."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.protect import privacy
from tests.conftest import DATA
from tests.protect.test_address_firm_buyer_id import _masked_load

DEPOP = DATA / "depop_sales_excerpt.csv"


def test_depops_buyer_username_is_masked_as_a_nickname(con):
    raw = pd.read_csv(DEPOP, dtype=str)["Buyer"]
    kind, left, notes = _masked_load(con, DEPOP, "Buyer", raw)
    assert kind == "nickname" and not left and "Buyer：已脱敏（昵称）" in notes


@pytest.mark.parametrize("header", ["Buyer", "buyer", "Member Name", "member_name"])
def test_a_buyer_or_member_name_of_handles_is_a_nickname(header):
    handles = ["lucasfox1", "ellarei3", "tb3190056_momo", "vintage.jo"]
    assert privacy.classify_values(handles, header) == "nickname"


@pytest.mark.parametrize("header", ["Buyer", "Member Name"])
def test_a_numeric_buyer_stays_an_id(header):
    assert privacy.classify_values(["2208745512", "2208745513", "1983302"], header) is None


def test_a_member_name_of_peoples_names_stays_a_name():
    assert privacy.classify_values(["Lucas Fox", "Ella Reid", "Leo Reid"], "Member Name") == "name"


@pytest.mark.parametrize("header, values", [
    ("Membership Name", ["Gold", "Silver Tier", "Founding member"]),  # a plan bought: a product
    ("Team Member", ["Sam", "Priya", "Aroha"]),  # the shop's staff
    ("Buyer Type", ["new", "returning", "new"]),
])
def test_what_a_buyer_handle_is_not(header, values):
    assert privacy.classify_values(values, header) != "nickname"
