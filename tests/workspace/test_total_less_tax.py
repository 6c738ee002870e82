"""left99: an order's total with its tax beside it counts less the tax. Sellfy's `Total` = `Price` ×
`Quantity` − `Discount` + `Tax` (19 / 20 % VAT); judge92 counted the tax as spend (11,782.45 against
10,466.50 before tax), where Shopify's and Big Cartel's money leaves it out. Expected money is read from the
excerpt with pandas; the note is found by its words."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.workspace.test_freshbooks_actblue import _totals

SELLFY = DATA / "sellfy_orders_excerpt.csv"


def _completed() -> pd.DataFrame:
    frame = pd.read_csv(SELLFY, dtype={"Order ID": str})
    return frame[frame["Status"] == "Completed"]


def test_sellfys_total_counts_less_its_tax(con):
    paid = _completed()
    assert (paid["Tax"] > 0).sum() >= 3
    goods = paid["Price"] * paid["Quantity"] - paid["Discount"]
    assert (goods + paid["Tax"] - paid["Total"]).abs().max() < 0.01
    load_file(con, SELLFY, "sf")
    money, orders, buyers = _totals(con, "sf")
    assert money == pytest.approx((paid["Total"] - paid["Tax"]).sum())
    assert (orders, buyers) == (paid["Order ID"].nunique(), paid["Customer Email"].nunique())


def test_the_money_note_says_the_tax_was_taken_off(con):
    notes = load_file(con, SELLFY, "sf")[0].notes
    [note] = [n for n in notes if "“Total”" in say(n, "en") and "“Tax”" in say(n, "en")]
    en, zh = say(note, "en"), say(note, "zh")
    assert "'Total' less 'Tax'" in en and "taken off" in en, en
    assert "“Total”减去“Tax”" in zh and "“Tax”里的税费" in zh, zh
