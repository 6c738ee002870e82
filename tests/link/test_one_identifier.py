"""Two exports that share only a phone: a hotel's reservations and its members' points ledger
(judge21). The phone's blocking rule leaves no other field to learn m from, so no EM session ran,
the prior fell to 1 / all pairs and none of the same-phone pairs was linked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    for name in ("hotel_reservations_excerpt.xlsx", "points_ledger_excerpt_zh.csv"):
        load_file(con, DATA / name)
    bookings = pd.read_excel(DATA / "hotel_reservations_excerpt.xlsx", dtype=str)
    ledger = pd.read_csv(DATA / "points_ledger_excerpt_zh.csv", encoding="gb18030", dtype=str)
    return bookings, ledger


def test_a_phone_both_exports_hold_links_a_guest_to_her_ledger(con):
    bookings, ledger = _load(con)
    result = run(con, ["hotel_reservations_excerpt", "points_ledger_excerpt_zh"], LinkConfig())
    guests = bookings.drop_duplicates("Guest ID")
    members = ledger.drop_duplicates("会员卡号")
    shared = guests.merge(members, left_on="Phone", right_on="手机号")
    assert len(shared) == 34
    key = result.identity.set_index(["table", "record_id"])["customer_key"]
    for guest, member in zip(shared["Guest ID"], shared["会员卡号"], strict=True):
        assert key[("hotel_reservations_excerpt", guest)] == key[("points_ledger_excerpt_zh", member)]
    summary = result.summary()
    assert summary["customers"] == len(guests) + len(members) - len(shared)
    assert summary["linked_on"] == {"phone": len(shared)}


def test_a_phone_a_household_shares_links_none_of_its_holders(con, tmp_path):
    """Five guests booked under one member's phone (a family, a travel agent): agreeing on a
    phone held that often is weak evidence, and none of them is linked to the member."""
    bookings = pd.read_excel(DATA / "hotel_reservations_excerpt.xlsx", dtype=str)
    ledger = pd.read_csv(DATA / "points_ledger_excerpt_zh.csv", encoding="gb18030", dtype=str)
    member_phone = ledger["手机号"].iloc[0]
    others = bookings.loc[~bookings["Phone"].isin(ledger["手机号"]), "Guest ID"].drop_duplicates().head(4)
    bookings.loc[bookings["Guest ID"].isin(others), "Phone"] = member_phone
    bookings.to_excel(tmp_path / "reservations.xlsx", index=False)
    ledger.to_csv(tmp_path / "积分流水.csv", index=False, encoding="gb18030")
    for name in ("reservations.xlsx", "积分流水.csv"):
        load_file(con, tmp_path / name)
    result = run(con, ["reservations", "积分流水"], LinkConfig())
    links = result.links()
    household = links[links["right_id"].isin(ledger.loc[ledger["手机号"] == member_phone, "会员卡号"])
                      | links["left_id"].isin(ledger.loc[ledger["手机号"] == member_phone, "会员卡号"])]
    assert len(household) >= len(others)
    assert not household["linked"].any()
    assert result.summary()["pairs_linked"] >= 30


def test_a_guest_name_with_a_middle_initial_is_the_bookings_name(con):
    """The bookings' ``Guest Name`` ("Ana A. Silva") was read as no name at all (link19): the
    model saw the phone alone there, and a guest's name was never compared."""
    bookings, ledger = _load(con)
    result = run(con, ["hotel_reservations_excerpt", "points_ledger_excerpt_zh"], LinkConfig())
    summary = result.summary()
    assert summary["fields"][0]["name"] == "Guest Name"
    assert summary["held_by_some"] == {"name": ["hotel_reservations_excerpt"]}
    assert summary["linked_on"] == {"phone": 34}  # the ledger has no name: the phone still carries the links
