"""PayPal's ``To Email Address`` (pii28): on a payment received it is the shop's own address, on a refund or a
payment sent the payee's. Either way it is never the customer's e-mail role, and a masked load keeps neither
address while a buyer refunded under ``To`` keeps the token of his payment under ``From``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.workspace import roles

PAYPAL = Path(__file__).resolve().parents[1] / "data" / "paypal_activity_download.csv"


def _roles(con, table: str) -> dict[str, str]:
    return {r: c for r, (c, _) in roles.detect_with_evidence(con, table).items()}


@pytest.mark.parametrize("mask", [False, True])
def test_the_shops_own_address_is_no_customer_email(con, mask):
    load_file(con, PAYPAL, "paypal", mask_pii=mask)
    found = _roles(con, "paypal")
    assert found["customer_id"] == "From Email Address"
    assert found.get("email") != "To Email Address"


def test_both_addresses_masked_and_a_refunded_buyer_keeps_his_token(con):
    raw = pd.read_csv(PAYPAL, dtype=str)
    load_file(con, PAYPAL, "paypal", mask_pii=True)
    masked = privacy.masked_columns(con, "paypal")
    assert masked["From Email Address"] == masked["To Email Address"] == "email"
    stored = con.execute('SELECT * FROM "paypal"').df()
    addresses = set(raw["From Email Address"].dropna()) | set(raw["To Email Address"].dropna())
    kept = set(stored["From Email Address"].dropna()) | set(stored["To Email Address"].dropna())
    assert not addresses & kept
    paid = dict(zip(raw["From Email Address"], stored["From Email Address"], strict=True))
    refunds = raw["Type"] == "Payment Refund"
    pairs = zip(raw.loc[refunds, "To Email Address"], stored.loc[refunds, "To Email Address"], strict=True)
    refunded = [(address, token) for address, token in pairs if address in paid]
    assert refunded
    assert [token for _, token in refunded] == [paid[address] for address, _ in refunded]


@pytest.mark.parametrize("mask", [False, True])
def test_the_shops_own_rows_make_no_customer_of_its_address(con, mask):
    """On PayPal's debit rows (refunds, withdrawals, conversions, payments to a supplier) ``From Email
    Address`` is the shop itself: linked as it stood, the shop's address became a customer holding nine
    people's names, and the look-up of the shop's address listed its refunded buyers (judge28, pii28)."""
    raw = pd.read_csv(PAYPAL, dtype=str)
    load_file(con, PAYPAL, "paypal", mask_pii=mask)
    result = run(con, ["paypal"], LinkConfig())
    shop = "sales@kartcorner.com"
    key = privacy.workspace_key(privacy.connection_folder(con))
    shop_id = privacy.pseudonym(key, "email", shop) if mask else shop
    assert shop_id not in set(result.identity["record_id"])
    assert result.summary()["ids_split_into_people"] == []
    buyers = raw.loc[raw["From Email Address"] != shop, "From Email Address"].nunique()
    assert result.identity["customer_key"].nunique() == buyers
