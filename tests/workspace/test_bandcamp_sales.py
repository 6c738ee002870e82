"""A small label's Bandcamp sales report (judge74): a row per item bought, `date` written `6/3/25 12:04pm`
(month first, a two-digit year, am/pm glued to the minutes), digital albums and tracks beside physical
packages whose `ship date` only they have; refunds as negative rows of their own."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SALES = DATA / "bandcamp_sales_excerpt.csv"


def _when(text: str) -> dt.datetime:
    return dt.datetime.strptime(text.replace("am", " AM").replace("pm", " PM"), "%m/%d/%y %I:%M %p")


def test_a_time_with_am_pm_glued_to_its_minutes_is_read_as_the_sale_date(con):
    """`12:04pm` was no date to the reader, so the date fell to `ship date`, which only packages have: 69 % of
    judge74's rows (every digital sale) were left out of every analysis."""
    frame = pd.read_csv(SALES, dtype=str, keep_default_na=False)
    table = load_file(con, SALES, "bc")[0].table
    assert get_roles(con, table)["date"] == "date"
    sql = transaction_view(con, table, get_roles(con, table)).sql
    got = sorted(d for (d,) in con.execute(f"SELECT ts FROM ({sql})").fetchall())
    assert got == sorted(_when(text) for text in frame["date"])


def test_a_net_amount_beside_a_fee_is_the_sellers_take_not_what_the_fan_paid(con):
    """Bandcamp's `net amount` is after its share and PayPal's `transaction fee`; the fans paid `item total`
    (judge74: 9 % to 25 % less per row). Revenue is what buyers paid, on every export."""
    frame = pd.read_csv(SALES, dtype=str, keep_default_na=False)
    table = load_file(con, SALES, "bc")[0].table
    roles = get_roles(con, table)
    assert roles["amount"] == "item total"
    sql = transaction_view(con, table, roles).sql
    money = con.execute(f"SELECT sum(amount) FROM ({sql})").fetchone()[0]
    pounds = frame[frame["currency"] == "GBP"]["item total"].astype(float).sum()
    assert money == pytest.approx(pounds, abs=0.005)


def test_the_refund_rows_netted_off_the_money_are_said_at_load(con):
    """Bandcamp's `refund` rows under `item type` (beside album / track / package) are negative and net off
    the money, but judge74's load said nothing of its 22: only `profile` did. A refund row of its own is
    said at load whatever the type column is called; dollar ones are in no pound sum, so none taken off."""
    frame = pd.read_csv(SALES, dtype=str, keep_default_na=False)
    assert {"GBP", "USD"} <= set(frame[frame["item type"] == "refund"]["currency"])
    refunds = frame[(frame["item type"] == "refund") & (frame["currency"] == "GBP")]
    assert set(frame["item type"]) - {"refund"}
    notes = [n for n in load_file(con, SALES, "bc")[0].notes
             if getattr(n, "key", "") == "load.note.refund_type_rows"]
    [(en, zh)] = [(say(n, "en"), say(n, "zh")) for n in notes]
    back = refunds["item total"].astype(float).abs().sum()
    assert f"{len(refunds)} refund row" in en and f"{back:,.2f}" in en and "item type" in en, en
    assert f"{len(refunds)} 行退款" in zh and f"{back:,.2f}" in zh and "item type" in zh, zh


def test_the_bandcamp_transaction_id_is_the_order(con):
    """Bandcamp's `bandcamp transaction id` is the purchase (its API gives each line an item id beside it, and
    a cart's lines share it); with none read as the order id, each fan-day was one order (judge74)."""
    frame = pd.read_csv(SALES, dtype=str, keep_default_na=False)
    table = load_file(con, SALES, "bc")[0].table
    sql = transaction_view(con, table, get_roles(con, table)).sql
    orders = {o for (o,) in con.execute(f"SELECT DISTINCT CAST(order_id AS VARCHAR) FROM ({sql})").fetchall()}
    assert orders == set(frame["bandcamp transaction id"])
