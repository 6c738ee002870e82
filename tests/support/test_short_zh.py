"""Short Chinese questions as buyers type them (咋退货, 运费多少钱, 能开发票不) against a shop FAQ's
wording."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.support import run as support_run
from crm_core.support import text
from crm_core.workspace.store import write_frame
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


@pytest.mark.parametrize(("typed", "entry"), [
    ("怎么退货？", "如何申请退货？"), ("咋退货", "如何申请退货？"),
    ("运费多少钱", "运费怎么计算？"), ("能开发票不", "可以开发票吗？"),
])
def test_a_short_chinese_question_typed_alone_gets_the_sample_faqs_answer(con, typed, entry):
    """The judge's two (怎么退货 32 %, 运费多少钱 24 % against a threshold of 40 %) went to a person."""
    write_frame(con, "faq", pd.read_csv(ROOT / "sample_data" / "faq.csv", dtype=str))
    run = support_run.run(con, "faq", support_run.SupportConfig(questions=(typed,)))
    reply = run.replies.iloc[0]
    assert reply["best_faq_question"] == entry
    assert not reply["routed_to_person"], (reply["confidence"], run.threshold)


@pytest.mark.parametrize(("buyer", "faq"), [
    ("咋退货", "怎么退货"), ("运费谁出", "运费谁承担"), ("邮费多少", "运费怎么计算"), ("几天到", "多久到"),
    ("开票", "开发票"), ("到付可以吗", "货到付款可以吗"), ("优惠卷在哪领", "优惠券在哪领"),
    ("七天无理由", "7天无理由"),
])
def test_a_buyers_word_and_the_faqs_word_give_the_same_tokens(buyer, faq):
    """Both sides are respelled alike, so the word and character n-gram spaces see one word."""
    assert text.word_tokens(buyer) == text.word_tokens(faq)
    assert text.canonical(buyer) == text.canonical(faq)


def test_words_the_table_must_not_touch_stay_as_written():
    """货到付款 and 发票 already in the FAQ's spelling stay so (no 货货到付款款); English is left alone."""
    assert text.canonical("货到付款吗") == "货到付款吗" and text.canonical("开发票") == "开发票"
    assert text.canonical("我不要了") == "我不要了"
    english = "Can I get a refund? It's been 7 days"
    assert text.canonical(english) == text.normalise(english)


def test_short_buyer_questions_on_an_ecommerce_faq_are_answered_and_none_wrongly(con):
    """159 short questions (144 with their entry, 15 off-topic) typed as buyers type them: on main 28 of the
    144 were answered right (19 %); no question may be sent a wrong answer."""
    write_frame(con, "ecom_faq", pd.read_csv(DATA / "ecom_faq_zh.csv", dtype=str))
    asked = pd.read_csv(DATA / "ecom_short_questions_zh.csv", dtype=str, keep_default_na=False)
    run = support_run.run(con, "ecom_faq", support_run.SupportConfig(questions=tuple(asked["问题"])))
    sent = run.replies["faq_id"].to_numpy()
    truth = asked["标签"].to_numpy()
    answered = sent != ""
    assert not (answered & (sent != truth)).any(), asked["问题"][answered & (sent != truth)].tolist()
    assert np.sum(answered & (sent == truth)) >= 0.25 * np.sum(truth != "")
