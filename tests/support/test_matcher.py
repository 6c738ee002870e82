"""FAQ matching: exact, paraphrased and Chinese questions, routing, evaluation, gaps, columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.support import columns, evaluate, selfcheck, text
from crm_core.support import gaps as support_gaps
from crm_core.support import matcher as support
from crm_core.support import run as support_run
from crm_core.workspace.store import write_frame
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"

FAQ = pd.DataFrame({
    "faq_id": ["F1", "F2", "F3", "F4", "F5", "F6"],
    "question": ["How long does delivery take?", "How do I return an item?",
                 "When will I get my refund?", "How do I reset my password?",
                 "运费怎么计算？", "如何申请退货？"],
    "answer": ["Delivery takes 2-4 working days.", "Open My Orders and choose Return item.",
               "Refunds arrive within 5 working days after we receive the item.",
               "Click Forgot password on the sign-in page.",
               "订单满300元免运费，不满300元收取25元运费。", "在我的订单中选择退货商品并提交申请。"],
    "category": ["shipping", "returns", "returns", "account", "shipping", "returns"],
})
QUESTIONS = pd.DataFrame({
    "question_id": [f"Q{i}" for i in range(1, 11)],
    "question": [
        "How long does delivery take?",                      # exact
        "hi, how many days until my parcel delivery arrives?",  # paraphrase
        "i forgot my pasword, how can i reset it",           # typo paraphrase
        "when do I get my money refunded",                  # paraphrase
        "运费是怎么算的？",                                   # Chinese
        "我想退货，怎么申请",                                  # Chinese
        "Are you hiring warehouse staff?",                  # off-topic
        "Do you sponsor football clubs?",                   # off-topic
        "招聘店员吗",                                         # off-topic, Chinese
        "HOW LONG DOES DELIVERY TAKE？",                     # full-width punctuation, capitals
    ],
    "true_faq_id": ["F1", "F1", "F4", "F3", "F5", "F6", "", "", "", "F1"],
})


@pytest.fixture(scope="module")
def matches() -> support.Matches:
    return support.match_questions(FAQ, QUESTIONS)


def test_normalise_folds_width_case_and_punctuation():
    assert text.normalise("ＨＯＷ  Long？！") == "how long"
    assert text.normalise(None) == ""
    tokens = text.word_tokens("Points returned, 你好请问运费多少")
    # 运费多少 is spelled as an FAQ spells it, 运费怎么计算, and 怎么 is cut (sup29)
    assert tokens == ["point", "return", "运费", "运", "费", "计算", "计", "算"]


def test_chinese_greeting_qin_is_dropped_like_dear():
    """亲 ("dear", how shop customers open) is a greeting, not content: it named a gap 亲."""
    assert text.word_tokens("亲，运费") == text.word_tokens("亲爱的客服，运费") == ["运费", "运", "费"]


@pytest.mark.parametrize("typed", ["亲，运费", "亲 运费", "运费啊亲", "亲亲，运费", "亲爱的，运费呢"])
def test_qin_said_alone_is_a_greeting_wherever_it_stands(typed):
    assert text.word_tokens(typed) == ["运费", "运", "费"]


@pytest.mark.parametrize(("typed", "word"), [("亲子套餐怎么退", "亲子"), ("有亲属卡吗", "亲属"),
                                             ("邀请亲友送积分", "亲友"), ("谁是你的父亲", "父亲")])
def test_qin_inside_a_word_is_kept(typed, word):
    """亲 was cut everywhere, so 亲子套餐 read 子套餐 and routed questions about it were named 子套."""
    assert word in text.word_tokens(typed) and word in text.gap_terms(typed)


def test_routed_qinzi_questions_name_their_gap_by_the_word():
    texts = ["亲子套餐能退吗", "亲子套餐过期了怎么办", "亲，亲子套餐可以改日期吗", "亲子套餐能开发票吗",
             "快递一直没送到", "快递丢件了找谁", "我的快递被别人签收", "快递员态度很差"]
    terms = [t for names in support_gaps.find_gaps(texts)["top_terms"] for t in names.split(", ")]
    assert "亲子" in terms and "亲" not in terms  # main's: 子套, 套餐, 餐能 …


def test_qinzi_questions_still_match_their_faq_entry(con):
    """A web shop FAQ with a family-ticket entry: 亲子套餐 questions get it, greeting or not."""
    faq = pd.read_csv(DATA / "webshop_faq_zh.csv", dtype=str)
    extra = pd.DataFrame({"编号": ["W31", "W32"], "问题": ["亲子套餐包含哪些项目？", "亲属卡怎么开通？"],
                          "答案": ["一大一小两张门票和一节亲子手工课。",
                                 "在“我的-亲属卡”添加家人手机号即可开通。"]})
    write_frame(con, "family_faq", pd.concat([faq, extra], ignore_index=True))
    asked = ("亲子套餐有哪些项目", "亲，亲子套餐包括什么", "亲属卡在哪开通")
    run = support_run.run(con, "family_faq", support_run.SupportConfig(questions=asked))
    assert run.replies["faq_id"].tolist() == ["W31", "W31", "W32"]


def test_exact_paraphrase_typo_and_chinese_questions_rank_the_right_entry_first(matches):
    best = matches.top_ids[:, 0]
    on_topic = QUESTIONS["true_faq_id"] != ""
    assert (best[on_topic] == QUESTIONS.loc[on_topic, "true_faq_id"]).all()
    exact = matches.top_scores[0, 0]
    assert exact == pytest.approx(matches.top_scores[9, 0]) and exact > 0.6


def test_off_topic_questions_go_to_a_person_and_on_topic_are_answered(matches):
    table = support.replies(matches, selfcheck.self_check(matches.matcher).threshold)
    routed = dict(zip(table["question_id"], table["routed_to_person"], strict=True))
    assert routed["Q7"] and routed["Q8"] and routed["Q9"]
    assert not routed["Q1"] and not routed["Q10"] and not routed["Q5"]
    assert (table.loc[table["routed_to_person"], "faq_id"] == "").all()
    assert (table.loc[~table["routed_to_person"], "answer"] != "").all()


def test_self_check_paraphrases_chinese_too():
    """Split on spaces only, a Chinese question was "reworded" into itself, so the FAQ's
    paraphrase check passed by design; each character now counts as a word."""
    assert selfcheck.paraphrase("怎么修改绑定的手机号？") == "怎修改定的机号"
    assert selfcheck.paraphrase("How do I reset my password?") == "how i reset password"
    assert selfcheck.paraphrase("发票") == "发票"  # too short to leave a word out


def test_confidence_penalises_a_close_runner_up():
    scores = np.array([[0.6, 0.1, 0.0], [0.6, 0.58, 0.1]])
    assert support.confidence(scores).tolist() == pytest.approx([0.55, 0.31])
    twins = np.array([[0, 0, 1], [0, 1, 2]])  # answer groups: the first row's runner-up is a twin
    assert support.confidence(scores, twins).tolist() == pytest.approx([0.6, 0.31])
    values = np.arange(1, 101) / 100  # 100 held-out confidences .01-1.00
    assert support.conformal_quantile(values, 0.95) == pytest.approx(0.96)  # ⌈101 × .95⌉ = 96th
    assert support.conformal_quantile(values[:10], 0.95) == pytest.approx(0.10)  # small: the largest


def test_evaluation_counts_exactly(matches):
    summary = evaluate.evaluate(matches, 0.0)  # everything answered
    assert summary["answered_share"] == 1.0
    assert summary["accuracy_at_1"] == 1.0 and summary["accuracy_at_3"] == 1.0
    assert summary["wrong_share"] == pytest.approx(0.3)  # the three off-topic questions
    assert summary["precision_of_replies"] == pytest.approx(0.7)
    assert evaluate.evaluate(matches, 1.0)["answered"] == 0
    curve = evaluate.threshold_curve(matches)
    assert curve["answered_share"].is_monotonic_decreasing
    assert curve.iloc[0]["wrong_share"] == pytest.approx(0.3)
    suggested = evaluate.label_threshold(curve)
    assert suggested is not None
    assert evaluate.evaluate(matches, suggested)["precision_of_replies"] >= 0.9


def test_labels_holding_faq_question_text_are_mapped():
    raw = pd.Series(["How do I return an item?", "", "nonsense label"])
    ids, notes = support.map_labels(raw, FAQ)
    assert ids.tolist() == ["F2", "", ""] and notes


def test_empty_and_one_entry_faq_give_clear_messages():
    with pytest.raises(CrmError, match="no entries"):
        support.FaqMatcher().fit(FAQ.iloc[:0])
    with pytest.raises(CrmError, match="only one entry"):
        support.FaqMatcher().fit(FAQ.iloc[:1])


def test_gaps_group_off_topic_themes_and_stay_honest_on_tiny_input():
    texts = (["Are you hiring warehouse staff?", "any job vacancies in the warehouse?",
              "warehouse jobs for students?", "do you have job openings in the warehouse"]
             + ["my mug arrived broken, can I send a photo", "the vase came broken, photo attached",
                "item broken in the parcel, here is a photo", "broken teapot, I can send a photo"])
    gaps = support_gaps.find_gaps(texts)
    assert gaps["questions"].sum() == 8 and len(gaps) == 2
    names = " ".join(gaps["top_terms"])
    assert "warehouse" in names and "broken" in names
    tiny = support_gaps.find_gaps(["job?", "vacancy?"])
    assert tiny["questions"].tolist() == [2]
    assert support_gaps.find_gaps([]).empty


def test_chinese_gaps_are_named_by_words_not_single_characters():
    """Single characters help matching (发票怎么开 / 可以开发票吗), but groups of routed questions
    named 人, 号, 码 say nothing: gaps keep Chinese bigrams."""
    texts = ["快递员态度很差", "快递一直没送到", "快递丢件了找谁", "我的快递被别人签收",
             "发票抬头写错了", "专用发票开错了", "电子发票打不开", "发票丢失能补开"]
    gaps = support_gaps.find_gaps(texts)
    terms = [t for names in gaps["top_terms"] for t in names.split(", ")]
    assert "快递" in terms and "发票" in terms
    assert all(len(t) >= 2 for t in terms), terms


def test_a_desks_repeated_questions_make_no_more_groups_than_they_are(recwarn):
    """A support desk's routed tickets repeat a few questions word for word (18 × 发货后多久能收到):
    no more groups are tried than there are distinct questions, so no English KMeans warning
    reaches a Chinese run, and each question is one gap."""
    texts = ["发货后多久能收到"] * 18 + ["申请退款好几天了钱还没到"] * 11
    gaps = support_gaps.find_gaps(texts)
    assert not [w for w in recwarn if "distinct clusters" in str(w.message)]
    assert sorted(gaps["questions"]) == [11, 18]


def test_columns_detected_by_english_and_chinese_headers(con):
    write_frame(con, "kb", pd.DataFrame({"编号": ["1", "2"], "问题": ["运费怎么计算", "如何退货"],
                                         "答案": ["满300免运费", "在订单页申请"]}))
    expected = {"faq_id": "编号", "question": "问题", "answer": "答案"}
    assert columns.detect_columns(con, "kb", "faq") == expected
    write_frame(con, "bank", pd.DataFrame({"Question": ["a?", "b?"], "Answer": ["long a", "long b"],
                                           "Class": ["x", "y"]}))
    faq = columns.read_faq(con, "bank")
    assert faq["faq_id"].tolist() == ["1", "2"] and faq["category"].tolist() == ["x", "y"]
    write_frame(con, "tickets", pd.DataFrame({"ticket_id": [1, 2], "message": ["x", "y"],
                                              "intent": ["1", None]}))
    cols = columns.detect_columns(con, "tickets", "questions")
    assert cols == {"question_id": "ticket_id", "faq_id": "intent", "question": "message"}
    with pytest.raises(CrmError, match="no column 'nope'"):
        columns.detect_columns(con, "tickets", "questions", {"question": "nope"})


def test_a_desks_ticket_number_is_the_question_id(con, tmp_path):
    """A Chinese desk export numbers its tickets 工单号 (KF20230001): the replies carry that number,
    not the row number, so a person can find the ticket a reply belongs to."""
    frame = pd.DataFrame({"工单号": ["KF20230001", "KF20230002"], "客户姓名": ["许建瑞", "XU Jianrui"],
                          "手机号": ["008613969366302", "008613969366302"],
                          "问题": ["退款什么时候到账", "积分怎么用"], "回复": ["原路退回", "积分商城兑换"]})
    frame.to_csv(tmp_path / "客服工单.csv", index=False, encoding="utf-8-sig")
    load_file(con, tmp_path / "客服工单.csv", table="desk")
    assert columns.detect_columns(con, "desk", "questions")["question_id"] == "工单号"
    assert columns.read_questions(con, "desk")["question_id"].tolist() == ["KF20230001", "KF20230002"]


def test_an_intercom_message_is_read_as_its_text_not_its_html(con):
    """Intercom keeps a conversation's first message as HTML (``<p>Is your beef grass fed?</p>``): the
    question shown in replies.csv and on the Support page is the words the customer wrote."""
    raw = pd.read_csv(DATA / "intercom_conversations_excerpt.csv", dtype=str)
    load_file(con, DATA / "intercom_conversations_excerpt.csv", table="inbox")
    questions = columns.read_questions(con, "inbox", {"question": "first_message", "question_id": "id"})
    assert raw["first_message"].str.startswith("<p>").all()
    assert questions["question"].tolist() == raw["first_message"].str[3:-4].tolist()
    assert questions["question_id"].tolist() == raw["id"].tolist()


def test_sample_data_quality(sample_ws):
    with sample_ws.connect() as con:
        run = support_run.run(con, "faq", support_run.SupportConfig(questions_table="support_questions"))
    s = run.summary()
    assert s["threshold_source"] == "labels"
    assert s["accuracy_at_1"] > 0.55 and s["accuracy_at_3"] > 0.7
    assert s["precision_of_replies"] >= 0.9
    assert s["no_faq_routed_share"] > 0.9
    assert s["answered_share"] > 0.05
    assert len(run.gaps) >= 2 and run.gaps["questions"].sum() == (run.replies["faq_id"] == "").sum()


def test_an_faq_listing_an_entry_twice_still_answers_it():
    """qary's short-faqs.csv lists seven entries twice: the twin must not make a coin toss."""
    twice = pd.concat([FAQ, FAQ.iloc[[0]].assign(faq_id="F7")], ignore_index=True)
    asked = pd.DataFrame({"question_id": ["Q1"], "question": ["how many days does delivery take"]})
    once = support.match_questions(FAQ, asked)
    doubled = support.match_questions(twice, asked)
    assert set(doubled.top_ids[0, :2]) == {"F1", "F7"}
    assert doubled.confidence[0] == pytest.approx(once.confidence[0], abs=0.02)
    threshold = selfcheck.self_check(doubled.matcher).threshold
    assert not support.replies(doubled, threshold)["routed_to_person"].iloc[0]


def test_a_sales_table_is_not_taken_for_an_faq(con):
    """QA walk: the Support page opened on a bakery sales export (ddop's bakery_data header) and
    matched questions against its ``weekday`` / ``month`` columns ("100% answered right")."""
    days = pd.date_range("2016-01-02", periods=400, freq="D")
    write_frame(con, "bakery_data", pd.DataFrame({
        "date": days, "weekday": days.strftime("%a").str.upper(), "month": days.strftime("%b").str.upper(),
        "year": days.year, "store": 2, "product": 101, "rain": 1.5, "temperature": 2.1}))
    with pytest.raises(CrmError, match="does not look like an FAQ") as refused:
        support_run.run(con, "bakery_data")
    assert "'weekday'" in str(refused.value) and "400 rows" in str(refused.value)
    assert "不像常见问题表" in refused.value.args[0].text("zh")
    assert len(columns.read_faq(con, "bakery_data", {"question": "weekday", "answer": "month"})) == 400


def test_a_contact_list_is_not_taken_for_an_faq(tmp_path, con):
    """QA walk: with the link exports loaded and no FAQ, the Support page opened on the support
    desk's contacts and matched phone numbers (questions) to e-mails (answers): "100% right"."""
    from crm_core.link import synthetic
    from crm_core.load.reader import load_file

    path = tmp_path / "support_contacts.csv"
    synthetic.exports(200, seed=3).tables["support_contacts"].to_csv(path, index=False)
    load_file(con, path, table="support_contacts")
    with pytest.raises(CrmError, match="does not look like an FAQ") as refused:
        support_run.run(con, "support_contacts")
    assert "'e_mail'" in str(refused.value) and "phone numbers" in str(refused.value)
    assert "手机号" in refused.value.args[0].text("zh")
