"""A tea merchant's OpenCart orders export and a game server's Tebex payments export (judge80): OpenCart's
stock statuses `Chargeback` and `Denied` are no sale beside its `Canceled` and `Refunded`; Tebex's bare
`Status` (Complete / Refunded / Chargeback / Pending) is a payment's, so a pending payment is no money yet;
its `IP Address` is the buyer's, personal data to mask."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.recommend import offers
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

OPENCART = DATA / "opencart_orders_excerpt.csv"
TEBEX = DATA / "tebex_payments_excerpt.csv"
OC_SALES = ("Complete", "Processing", "Shipped", "Canceled Reversal")


def _totals(con, table: str) -> tuple:
    sql = transaction_view(con, table, get_roles(con, table)).sql
    return con.execute(
        f"SELECT sum(amount), count(DISTINCT order_id), count(DISTINCT customer_id) FROM ({sql}) "
        "WHERE customer_id IS NOT NULL AND amount IS NOT NULL").fetchone()


def _left_out_note(notes: list, lang: str) -> str:
    [note] = [say(n, lang) for n in notes if "every analysis" in say(n, "en") and "Status" in say(n, "en")]
    return note


def test_an_opencart_chargeback_or_denied_order_is_no_sale(con):
    """`Chargeback` (the card's bank took the money back) and `Denied` (the payment refused) were summed as
    sales beside the left-out `Canceled`, `Refunded`, `Voided` (judge80: 14 orders, 388.60 too much)."""
    frame = pd.read_csv(OPENCART, dtype=str, keep_default_na=False)
    assert {"Chargeback", "Denied", "Canceled Reversal"} <= set(frame["Order Status"])
    kept = frame[(frame["Currency"] == "GBP") & frame["Order Status"].isin(OC_SALES)]
    notes = load_file(con, OPENCART, "oc")[0].notes
    money, orders, buyers = _totals(con, "oc")
    goods = (kept["Price"].astype(float) * kept["Quantity"].astype(float)).sum()
    assert money == pytest.approx(goods, abs=0.005)
    assert (orders, buyers) == (kept["Order ID"].nunique(), kept["E-Mail"].nunique())
    assert "'Chargeback'" in _left_out_note(notes, "en") and "'Denied'" in _left_out_note(notes, "en")


def test_a_tebex_pending_or_charged_back_payment_is_no_money_kept(con):
    """Tebex's bare `Status` holds a payment's outcomes: `Pending` is not paid yet and `Chargeback` taken
    back, both were summed as sales beside the left-out `Refunded` (judge80: 31 payments, 542.17 too much)."""
    frame = pd.read_csv(TEBEX, dtype=str, keep_default_na=False)
    assert {"Complete", "Refunded", "Chargeback", "Pending"} <= set(frame["Status"])
    kept = frame[(frame["Currency"] == "USD") & (frame["Status"] == "Complete")]
    notes = load_file(con, TEBEX, "tb")[0].notes
    money, orders, buyers = _totals(con, "tb")
    assert money == pytest.approx(kept["Price"].astype(float).sum(), abs=0.005)
    assert (orders, buyers) == (kept["Transaction ID"].nunique(), kept["Email"].nunique())
    en, zh = _left_out_note(notes, "en"), _left_out_note(notes, "zh")
    assert "charged back" in en and "pending" in en and "拒付" in zh and "待付款" in zh


def test_a_buyers_ip_address_is_masked(con):
    """Tebex's `IP Address` (the buyer's, 165.226.97.131) stayed plain under `--mask-pii` (judge80): an IP
    address points at a household as a phone does."""
    notes = load_file(con, TEBEX, "tb", mask_pii=True)[0].notes
    assert privacy.masked_columns(con, "tb")["IP Address"] == "ip_address"
    said = {say(n, lang) for n in notes for lang in ("en", "zh")}
    assert {"IP Address: masked (IP address)", "IP Address：已脱敏（IP 地址）"} <= said
    shown = {v for (v,) in con.execute('SELECT DISTINCT "IP Address" FROM tb').fetchall()}
    plain = set(pd.read_csv(TEBEX, dtype=str, keep_default_na=False)["IP Address"])
    assert len(shown) == len(plain) and not shown & plain


def test_a_players_username_is_never_offered_as_the_product(con):
    """Tebex's refusal offered `Username` first ("--product-col Username", judge80): a buyer's chosen
    handle is who bought, masked as a nickname, never what; `Packages` is."""
    load_file(con, TEBEX, "tb")
    said = say(offers.no_product(con, "tb", get_roles(con, "tb")), "en")
    assert "--product-col Packages" in said and "Username" not in said
