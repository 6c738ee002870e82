"""A small label's Bandcamp sales report (judge74): a row per item bought, `date` written `6/3/25 12:04pm`
(month first, a two-digit year, am/pm glued to the minutes), digital albums and tracks beside physical
packages whose `ship date` only they have; refunds as negative rows of their own."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

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
