"""A donation log told in a donor's words beyond the actions (left82's "Seen and left alone"):
Givebutter's and Donorbox's segments were named "High value, active" / "高价值·活跃", and Givebutter's
load note and the Segments page's rows-left-out line said "refunded, failed, pending orders" / "…的订单".
A shop with the same payment states (Lemon Squeezy) keeps its orders."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment import run as seg_run
from crm_core.segment.model import cluster_names
from tests.conftest import DATA

GIVEBUTTER = DATA / "givebutter_transactions_excerpt.csv"
DONORBOX = DATA / "donorbox_donations_excerpt.csv"
LEMON = DATA / "lemonsqueezy_orders_excerpt.csv"
DONOR = {"en": "donor", "zh": "捐赠人"}
SHOP = {"en": ("value", "order", "spender"), "zh": ("价值", "订单", "消费", "购买")}
GIFT = {"en": "donations", "zh": "捐赠"}
ORDERS = {"en": "orders", "zh": "订单"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", [GIVEBUTTER, DONORBOX])
def test_a_gift_logs_segments_are_named_for_donors(con, path, lang):
    run = seg_run.run(con, load_file(con, path)[0].table, lang=lang)
    names = list(run.names.values())
    assert len(names) > 1 and all(DONOR[lang] in n.lower() for n in names), names
    assert not [n for n in names for word in SHOP[lang] if word in n.lower()], names
    shop = cluster_names(run.features.frame, run.segmenter.labels_, lang)  # the same clusters, a shop's words
    assert set(shop.values()).isdisjoint(names)


def _left_out(con, path) -> tuple[str, str]:
    """The load's note on the rows whose status is no sale, and the Segments run's line on them."""
    raw = pd.read_csv(path, dtype=str)
    status = next(c for c in raw.columns if c.lower() == "status")
    out = raw[status].isin(["refunded", "failed", "pending"]).sum()
    loaded = load_file(con, path)[0]
    [note] = [n for n in loaded.notes if say(n, "en").endswith(f"left out of every analysis: {out}")
              and status in say(n, "en")]
    return note, seg_run.run(con, loaded.table).features.status_said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gift_logs_states_say_donations(con, lang):
    note, line = _left_out(con, GIVEBUTTER)
    for said in (say(note, lang), say(line, lang)):
        assert GIFT[lang] in said and ORDERS[lang] not in said, said
        assert ("pending" if lang == "en" else "待付款") in said, said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_shops_payment_states_still_say_orders(con, lang):
    note, line = _left_out(con, LEMON)
    for said in (say(note, lang), say(line, lang)):
        assert ORDERS[lang] in said and GIFT[lang] not in said, said
