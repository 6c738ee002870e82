"""A chain's 收银流水 and its 会员 list (judge27): both exports are keyed by the same 会员卡号, and a
bill carries the member's phone but no name. A card number and a phone both exports agree on is
one member; a household on one phone holds two cards, two people."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"


def _household_on_one_phone(tmp_path) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """The excerpts, a member who has no bill in the journal given the phone of one who has (a
    spouse's card on the family phone); returns the journal, the member list, the spouse's row."""
    journal = pd.read_csv(DATA / "pos_journal_excerpt_zh.csv", encoding="gb18030", dtype=str)
    members = pd.read_excel(DATA / "pos_members_excerpt_zh.xlsx", dtype=str)
    billed = members[members["会员卡号"].isin(journal["会员卡号"])]
    assert len(billed) == 2
    spouse = members.index[~members["会员卡号"].isin(journal["会员卡号"])][0]
    members.loc[spouse, "手机号"] = billed["手机号"].iloc[0]
    journal.to_csv(tmp_path / "收银流水.csv", index=False, encoding="gb18030")
    members.to_excel(tmp_path / "会员列表.xlsx", index=False, sheet_name="会员列表")
    return journal, members, members.loc[spouse]


def test_a_card_and_a_phone_both_exports_hold_link_a_member_to_her_bills_not_her_spouse(con, tmp_path):
    """main linked the spouse's card to the member's bills on the phone alone (0.72, both pairs alike)
    and left the member herself unlinked."""
    journal, members, spouse = _household_on_one_phone(tmp_path)
    for name in ("收银流水.csv", "会员列表.xlsx"):
        load_file(con, tmp_path / name)
    result = run(con, ["收银流水", "会员列表"], LinkConfig())
    key = result.identity.set_index(["table", "record_id"])["customer_key"]
    for card in set(journal["会员卡号"].dropna()) & set(members["会员卡号"]):
        assert key[("收银流水", card)] == key[("会员列表", card)], card
    assert key[("会员列表", spouse["会员卡号"])] not in set(key.loc["收银流水"])
    cards = result.identity.groupby("customer_key")["record_id"].nunique()
    assert cards.max() == 1  # no customer holds two cards

