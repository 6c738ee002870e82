"""A gift log's RFM groups and summary headers (left87's leftover, left89): Givebutter's donors were
"Champions" / "冠军客户" and "At risk", its summary headed "Revenue", "Frequency (orders)" / "收入",
"频次（订单）", its parameters "订单数来源". They now speak of gifts; a shop's (Lemon Squeezy's) stay a
shop's."""

from __future__ import annotations

import pytest

from crm_core.load.reader import load_file
from crm_core.segment import report
from crm_core.segment import run as seg_run
from crm_core.segment.rfm import rfm_rules_table
from tests.conftest import DATA

GIVEBUTTER = DATA / "givebutter_transactions_excerpt.csv"
LEMON = DATA / "lemonsqueezy_orders_excerpt.csv"
DONOR = {"en": "donor", "zh": "捐赠人"}
SHOP = {"en": ("order", "revenue", "no sale", "customer"), "zh": ("订单", "收入", "消费", "销售", "客户")}
"""A shop's words; a parameter may still name a joined customer table (``Customer table``), so not those."""


def _said(con, path, lang):
    """The run's RFM group names and the headers of its summary and parameters (in the shop's words)."""
    run = seg_run.run(con, load_file(con, path)[0].table, lang=lang)
    groups = set(run.members["rfm_segment"]) | set(rfm_rules_table(lang, run.gifts).iloc[:, 0])
    shop = [h for h in report.summary_shown(run).columns for w in SHOP[lang] if w in h.lower()]
    shop += [h for h in report.parameters_frame(run).iloc[:, 0] for w in SHOP[lang][:-1] if w in h.lower()]
    return groups, shop


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gift_logs_rfm_groups_and_headers_speak_of_gifts(con, lang):
    groups, shop = _said(con, GIVEBUTTER, lang)
    assert groups and all(DONOR[lang] in g.lower() for g in groups), groups
    assert not shop, shop


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_shops_rfm_groups_and_headers_keep_the_shops_words(con, lang):
    groups, shop = _said(con, LEMON, lang)
    assert groups and not [g for g in groups if DONOR[lang] in g.lower()], groups
    assert len(shop) > 5, shop
