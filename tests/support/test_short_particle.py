"""了 after a verb (填错了, 降价了, 到哪了) is a particle, not a word an entry can share: kept, it
tied 收货地址填错了咋办 to E14 发票抬头或税号填错了怎么办 (错了, 了) rather than E12 修改收货地址,
and 到哪了 to an entry whose wording held a 了. 不了 (用不了: cannot), 为了, 除了 and 了解 are
words and stay."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.support import text
from crm_core.support.matcher import FaqMatcher
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def _fitted(half: int | None) -> FaqMatcher:
    """The e-commerce FAQ fitted with its short questions in the IDF: one half (工单号 % 2) or all."""
    faq = pd.read_csv(DATA / "ecom_faq_zh.csv", dtype=str)
    faq = faq.set_axis(["faq_id", "question", "answer"], axis=1).assign(category="")
    asked = pd.read_csv(DATA / "ecom_short_questions_zh.csv", dtype=str, keep_default_na=False)
    if half is not None:
        asked = asked[asked["工单号"].astype(int) % 2 == half]
    return FaqMatcher().fit(faq, asked["问题"].tolist())


@pytest.mark.parametrize(("question", "gone"), [
    ("发票抬头错了", {"了", "错了"}), ("降价了能退差价吗", {"了", "价了", "了能"}),
    ("到哪了", {"了", "哪了"}),
])
def test_a_particle_le_is_cut_from_the_words(question, gone):
    assert not gone & set(text.word_tokens(question))


@pytest.mark.parametrize(("question", "kept"), [
    ("优惠券为什么用不了", "不了"), ("登录不了", "不了"), ("为了安全", "为了"),
    ("除了运费", "除了"), ("想了解会员", "了解"),
])
def test_le_inside_a_word_stays(question, kept):
    assert kept in text.word_tokens(question)


@pytest.mark.parametrize(("question", "entry", "half"), [
    ("收货地址填错了咋办", "E12", None),  # E14 发票…填错了怎么办 first on main: 错了 and 了 were shared words
    ("到哪了", "E10", 1),  # E11 first on main by 0.001 (a near tie between two 物流 entries either way)
])
def test_a_question_no_longer_follows_an_entry_for_its_le(question, entry, half):
    matcher = _fitted(half)
    idx, _ = matcher.top([question])
    assert matcher.faq_ids_[idx[0, 0]] == entry
