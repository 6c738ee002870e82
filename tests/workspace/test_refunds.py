"""A partly refunded payment still stands, less its refund (judge18: Stripe's ``Amount Refunded``
on 19 paid charges of the bike shops was counted as money kept)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SHOPIFY = {"Amount": "Total", "Amount Refunded": "Refunded Amount", "Status": "Financial Status"}


def _export(tmp_path, shopify: bool):
    """The Stripe export as it is, or with Shopify's order headers and lower-case statuses."""
    frame = pd.read_csv(DATA / "bike_shop_payments.csv", dtype=str)
    if shopify:
        frame = frame.rename(columns=SHOPIFY).assign(**{"Financial Status": lambda f: f["Financial Status"]
                                                       .str.lower().replace("failed", "voided")})
    path = tmp_path / ("orders_export.csv" if shopify else "unified_payments.csv")
    frame.to_csv(path, index=False)
    return path, frame


@pytest.mark.parametrize("shopify", [False, True])
def test_a_partly_refunded_payment_counts_the_money_kept(con, tmp_path, shopify):
    path, frame = _export(tmp_path, shopify)
    loaded = load_file(con, path)[0]
    money, refund, status = (SHOPIFY[k] if shopify else k for k in ("Amount", "Amount Refunded", "Status"))
    number = {c: frame[c].str.replace(",", "").astype(float) for c in (money, refund)}
    paid = frame[status].str.lower() == "paid"
    kept = (number[money] - number[refund])[paid].sum()
    view = transaction_view(con, loaded.table, get_roles(con, loaded.table))
    assert con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0] == pytest.approx(kept)
    assert kept < number[money][paid].sum()
    said = [str(n) for n in loaded.notes if refund in str(n)]
    assert said and f"{int((number[refund][paid] > 0).sum())} paid rows" in said[0]


def test_a_net_amount_is_not_refunded_twice(con, tmp_path):
    path, frame = _export(tmp_path, False)
    frame.rename(columns={"Amount": "Net Amount"}).to_csv(path, index=False)
    loaded = load_file(con, path)[0]
    roles = get_roles(con, loaded.table)
    assert roles["amount"] == "Net Amount"
    net = frame["Amount"].str.replace(",", "").astype(float)[frame["Status"] == "Paid"].sum()
    view = transaction_view(con, loaded.table, roles)
    assert con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0] == pytest.approx(net)
