"""Segments of a donation log (walk39): Givebutter's donors to a food bank were told "Reward them and ask for
reviews or referrals", a shop's words. Where the log holds gifts, each segment's action is said to donors."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.segment import report
from crm_core.segment import run as seg_run
from crm_core.segment.actions import ACTIONS, rfm_action, segment_actions
from crm_core.segment.rfm import RFM_RULES
from tests.conftest import DATA

SHOP_WORDS = {"en": ("review", "product", "purchase", "offer", "buy"),
              "zh": ("商品", "评价", "优惠", "复购", "退货")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gift_logs_segments_are_told_in_a_donors_words(con, lang):
    table = load_file(con, DATA / "givebutter_transactions_excerpt.csv")[0].table
    run = seg_run.run(con, table, lang=lang)
    said = report.summary_typed(run)[0][t("segment.col.action", lang)]
    assert said.notna().all() and len(said)
    assert not [a for a in said for word in SHOP_WORDS[lang] if word in a]
    shop = segment_actions(run.z_profile(), lang)  # the same segments in a shop's words
    assert set(shop.values()).isdisjoint(said)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_action_has_a_donors_words(lang):
    every = {*ACTIONS.values(), "check_returns"}
    said = [t(f"segment.action.gift.{a}", lang) for a in every] + [rfm_action(r.key, lang, gifts=True)
                                                                    for r in RFM_RULES]
    assert not [a for a in said for word in SHOP_WORDS[lang] if word in a or a.startswith("segment.")]
