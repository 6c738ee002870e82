"""A payer's name beside her e-mail (a Stripe export whose customer's name is a ``Customer Name``;
Stripe's own ``Customer Description`` stays unread, docs/link.md link25). A Stripe customer already
linked to her Shopify record by e-mail was also linked to a second Shopify buyer of her name:
Shopify's re-reads of one id (an order's later lines leave the billing phone blank) were counted as
double sign-ups, so "the namesake is her second account" outweighed the differing e-mail."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"
SHOP, STRIPE = "shopify_orders_excerpt", "stripe_payments_fx_excerpt"


def test_a_payer_linked_by_email_takes_no_namesake_with_another_email(con, tmp_path):
    """Two more Shopify buyers renamed after two payers (their own e-mails kept): each payer stays
    with her own order records and the namesakes stay apart."""
    orders = pd.read_csv(DATA / f"{SHOP}.csv", dtype=str)
    payments = pd.read_csv(DATA / f"{STRIPE}.csv", dtype=str)
    payers = payments.drop_duplicates("Customer ID")
    shared = payers.merge(orders.drop_duplicates("Email"), left_on="Customer Email", right_on="Email")
    assert len(shared) == 3
    others = orders.loc[~orders["Email"].isin(payers["Customer Email"]), "Email"].drop_duplicates().head(2)
    for email, name in zip(others, shared["Customer Description"], strict=False):
        named = (orders["Email"] == email) & orders["Billing Name"].notna()
        orders.loc[named, "Billing Name"] = name
    orders.to_csv(tmp_path / f"{SHOP}.csv", index=False)
    payments.rename(columns={"Customer Description": "Customer Name"}).to_csv(tmp_path / f"{STRIPE}.csv",
                                                                               index=False)
    for name in (SHOP, STRIPE):
        load_file(con, tmp_path / f"{name}.csv")
    result = run(con, [SHOP, STRIPE], LinkConfig())
    key = result.identity.set_index(["table", "record_id"])["customer_key"]
    for email, customer in zip(shared["Email"], shared["Customer ID"], strict=True):
        assert set(key.loc[[(SHOP, email)]]) == set(key.loc[[(STRIPE, customer)]]), email
    paying = set(key.loc[[(STRIPE, c) for c in payers["Customer ID"]]])
    for email in others:
        assert set(key.loc[[(SHOP, email)]]).isdisjoint(paying), email
