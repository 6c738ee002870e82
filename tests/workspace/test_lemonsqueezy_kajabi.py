"""The judge61 pass: a font foundry's Lemon Squeezy orders export and a coach's Kajabi payments export read as
their systems write them (docs/judge.md). Lemon Squeezy sells in the buyer's currency: ``total`` is in
``currency`` (USD, EUR, GBP), ``total_usd`` the same order in dollars, ``refunded_amount_usd`` its refund in
dollars. Kajabi names what was bought by ``Offer Title`` and writes a refund as a row of its own with a
negative ``Amount``. Every expected number is read from the excerpt with pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from crm_core.workspace.roles import detect_with_evidence
from crm_core.workspace.transactions import named_products, transaction_view
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

LEMON = DATA / "lemonsqueezy_orders_excerpt.csv"
KAJABI = DATA / "kajabi_payments_excerpt.csv"


def _lemon_kept() -> pd.DataFrame:
    raw = pd.read_csv(LEMON)
    assert raw["currency"].nunique() > 1  # the excerpt mixes currencies, as the shop does
    return raw[~raw["status"].isin(["refunded", "pending"])]  # a pending payment is not received (left62)


def test_lemon_squeezys_orders_in_every_currency_count_in_dollars(con):
    """Read by ``subtotal`` in each order's own currency, judge61's EUR and GBP orders (four in ten) were left
    out of every money sum as having no rate, beside a ``total_usd`` holding each order in dollars."""
    kept = _lemon_kept()
    table, roles, sql = _view(con, LEMON, "ls")
    assert roles.get("amount") == "total_usd"
    said = detect_with_evidence(con, table)["amount"][1].text()
    assert "USD" in said and "currency" in said  # why the dollars, not the order's own money
    rows, money = con.execute(f"SELECT count(*), sum(amount) FROM ({sql})").fetchone()
    truth = (kept["total_usd"] - kept["refunded_amount_usd"]).sum()
    assert rows == len(kept) and round(money, 2) == round(truth, 2)


def test_kajabis_offer_title_is_what_was_bought(con):
    """Recommend and basket refused Kajabi's payments for want of a product and offered ``Offer ID`` first."""
    raw = pd.read_csv(KAJABI)
    table, roles, _ = _view(con, KAJABI, "kj")
    assert roles.get("product_name") == "Offer Title"
    sql = transaction_view(con, table, named_products(roles)).sql  # as recommend and basket read it
    bought = con.execute(f"SELECT count(DISTINCT product_id) FROM ({sql})").fetchone()[0]
    assert bought == raw["Offer Title"].nunique()


def test_a_kajabi_refund_nets_with_its_payment(con):
    """A refund row's negative ``Amount`` is money given back: the view's total is the file's charges less
    its refunds, and the refund is no order of its own."""
    raw = pd.read_csv(KAJABI)
    money = raw["Amount"].str.replace(r"[$,]", "", regex=True).astype(float)
    _, _, sql = _view(con, KAJABI, "kj")
    total = con.execute(f"SELECT sum(amount) FROM ({sql})").fetchone()[0]
    assert round(total, 2) == round(money.sum(), 2)
