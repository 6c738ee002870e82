"""A 拼多多 export whose only contact is a masked phone but whose 收货人 is a full name (judge25): the
recipient is the buyer (left60); a refusal offers both ways forward, with what each costs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.store import save_roles
from crm_core.workspace.transactions import transaction_view

PDD = Path(__file__).resolve().parents[1] / "data" / "pdd_orders_excerpt_zh.csv"


def refusal(con, table: str, lang: str) -> str:
    with pytest.raises(CrmError) as refused:
        transaction_view(con, table, get_roles(con, table))
    return say(refused.value.args[0], lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_recipient_is_the_buyer_and_a_refusal_without_it_offers_both_with_their_costs(con, lang):
    """The refusal offered only '手机' (138****0011); 收货人 holds full names and reads as customers too.
    left60: the recipient is now taken as the customer; with the customer role cleared on the Data page
    the refusal still offers both, 收货人 said as the one who signed for the parcel."""
    orders = pd.read_csv(PDD, encoding="utf-8-sig")
    load_file(con, PDD, table="pdd")
    kept = orders.loc[orders["订单状态"].isin(["已签收", "已发货待签收"]), "收货人"].nunique()
    view = transaction_view(con, "pdd", get_roles(con, "pdd"))
    assert con.execute(f"SELECT count(DISTINCT customer_id) FROM ({view.sql})").fetchone()[0] == kept
    save_roles(con, "pdd", {r: c for r, c in get_roles(con, "pdd").items() if r != "customer_id"})
    said = refusal(con, "pdd", lang)
    assert "--customer-col 手机" in said and "--customer-col 收货人" in said
    masks, names = orders["手机"].nunique(), orders["收货人"].nunique()
    assert f"{masks:,}" in said and f"{names:,}" in said
    assert ("same name" in said and "signed" in said) if lang == "en" else ("同名" in said and "签收" in said)


def test_a_masked_recipient_is_not_offered(con, tmp_path):
    """judge20's 拼多多 export masks the recipient too (高**): it says no one, so it is not offered."""
    orders = pd.read_csv(PDD, encoding="utf-8-sig", dtype=str)
    orders["收货人"] = orders["收货人"].str[0] + "**"
    orders.to_csv(tmp_path / "pdd_masked.csv", index=False, encoding="utf-8-sig")
    load_file(con, tmp_path / "pdd_masked.csv", table="pdd")
    said = refusal(con, "pdd", "zh")
    assert "--customer-col 手机" in said and "收货人" not in said
