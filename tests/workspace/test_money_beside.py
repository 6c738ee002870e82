"""left94: an order export's total paid differs from the goods every analysis counts by its tax, shipping and
a discount not taken off; judge80's OpenCart load said the `Shipping` left out but not the 20 % VAT in `Tax`
nor the `Coupon`, and judge86's Big Cartel load said nothing of its `Shipping total` and `Tax total`. The
columns are read from the excerpts' headers; the note is found by its words."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

SHAPES = [(DATA / "opencart_orders_excerpt.csv", "Total", {"Tax": "税", "Coupon": "优惠"}, ()),
          (DATA / "bigcartel_orders_excerpt.csv", "Total price",
           {"Shipping total": "运费", "Tax total": "税"}, ("Discount total",))]


@pytest.mark.parametrize(("path", "total", "beside", "taken_off"), SHAPES, ids=["opencart", "bigcartel"])
def test_the_money_note_says_what_the_total_paid_holds_beside_it(con, path, total, beside, taken_off):
    header = pd.read_csv(path, nrows=0).columns
    assert {total, *beside, *taken_off} <= set(header)
    notes = load_file(con, path, "t")[0].notes
    [note] = [n for n in notes if f"“{total}”" in say(n, "en") and "no spend or revenue" in say(n, "en")]
    en, zh = say(note, "en"), say(note, "zh")
    for column, word in beside.items():
        assert f"“{column}”" in en and f"“{column}”" in zh and word in zh, (en, zh)
    for column in taken_off:
        assert f"less '{column}'" in en and f"减去“{column}”" in zh, (en, zh)
    assert "不计入消费和营收" in zh, zh
