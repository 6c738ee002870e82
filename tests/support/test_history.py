"""Answered history: a helpdesk export's reply column read as labels, past questions taught to the
FAQ as more ways to ask an entry, checked out of time, never teaching a question its own match."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.support import history
from crm_core.support import run as support_run
from crm_core.support.matcher import match_questions
from crm_core.workspace.store import write_frame
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
PERSON = "您好，这个问题已转给相关同事，稍后会有专人联系您。"


def _run(con, faq: str, tickets: str, **options) -> support_run.SupportRun:
    config = support_run.SupportConfig(questions_table=tickets, **options)
    return support_run.run(con, faq, config, lang="zh")


@pytest.fixture
def judge13(con):
    """The twelfth judge pass's shop FAQ and its 260 answered tickets (Chinese headers, 回复)."""
    write_frame(con, "常见问题", pd.read_csv(DATA / "shop_faq_judge13_zh.csv", dtype=str))
    write_frame(con, "客服工单", pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str))
    return con


def _webshop_export(con, edit_every: int = 4) -> pd.DataFrame:
    """The web shop's 120 questions as a ticket export: the labelled entry's answer as the reply
    (every ``edit_every``-th with an agent's 亲，… 祝您购物愉快！), a person's line for off-topic."""
    faq = pd.read_csv(DATA / "webshop_faq_zh.csv", dtype=str)
    asked = pd.read_csv(DATA / "webshop_questions_zh.csv", dtype=str).fillna("")
    answer = dict(zip(faq["编号"], faq["答案"], strict=True))
    replies = [PERSON if not label else f"亲，{answer[label]}祝您购物愉快！" if i % edit_every == 0
               else answer[label] for i, label in enumerate(asked["标签"])]
    tickets = pd.DataFrame({"工单号": asked["工单号"], "问题": asked["问题"], "回复": replies})
    write_frame(con, "webshop_faq", faq)
    write_frame(con, "工单", tickets)
    return asked


def test_replies_that_are_faq_answers_label_the_tickets_and_set_the_threshold(judge13):
    """Judge pass 12: 260 tickets answered with FAQ answers, yet the threshold was the FAQ's
    thin self-check and nothing was graded."""
    run = _run(judge13, "常见问题", "客服工单")
    summary = run.summary()
    assert summary["threshold_source"] == "labels"
    assert summary["labels_from_replies"] == {"replies": 260, "faq_answers": 260, "edited": 0,
                                              "by_person": 0, "blank": 0, "unread": 0}
    assert summary["labelled_with_faq"] == 260 and summary["accuracy_at_1"] is not None
    assert any("260 条是 FAQ 的答案" in note for note in summary["notes"])


def test_history_teaches_how_customers_ask(judge13):
    """退款一般几天能到 was answered with 快递几天能到？ and 发货后多久能收到 (18 tickets) went to
    a person; taught by the other tickets' wordings both get their own entry's answer."""
    run = _run(judge13, "常见问题", "客服工单")
    assert (run.replies["best_faq_id"] == run.matches.top_ids[:, 0]).all()  # folds put back in order
    assert (run.replies["question"] == run.matches.questions["question"]).all()
    replies = run.replies.set_index("question")
    refund = replies.loc["退款一般几天能到"]
    assert (refund["best_faq_question"] == "退款多久到账？").all() and not refund["routed_to_person"].any()
    shipped = replies.loc["发货后多久能收到"]
    assert (shipped["best_faq_question"] == "快递几天能到？").all() and not shipped["routed_to_person"].any()


def test_history_is_checked_on_later_tickets_by_their_created_time(judge13):
    """The earliest two thirds by 创建时间 teach, the later third is graded; the file's order
    (not by date) changes nothing."""
    checked = _run(judge13, "常见问题", "客服工单").summary()["history"]
    again = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str).sample(frac=1, random_state=3)
    write_frame(judge13, "客服工单", again, replace=True)
    assert _run(judge13, "常见问题", "客服工单").summary()["history"] == checked
    late = checked["out_of_time"]
    dates = pd.to_datetime(again["创建时间"])
    assert late["graded_on"] == (dates > pd.Timestamp(late["taught_until"])).sum() == 86
    assert checked["used"] and late["history_taught"]["right_share"] > late["faq_only"]["right_share"]


def test_edited_and_person_written_replies_are_told_apart(con):
    """An agent's greeting and closing around the answer is still that answer; a person's own
    reply means no FAQ answers the question."""
    asked = _webshop_export(con)
    summary = _run(con, "webshop_faq", "工单").summary()
    counts = summary["labels_from_replies"]
    on_topic = (asked["标签"] != "").sum()
    assert counts["faq_answers"] == on_topic == 105 and counts["by_person"] == 15
    assert counts["edited"] == sum(1 for i, label in enumerate(asked["标签"]) if label and i % 4 == 0)
    assert summary["labelled_with_faq"] == 105 and summary["labelled_without_faq"] == 15
    note = history.reply_note("回复", counts)
    assert f"{counts['edited']} of them with an agent's small edits" in say(note, "en")


def test_near_equal_reply_is_its_answer_and_a_different_answer_is_not():
    faq = pd.read_csv(DATA / "webshop_faq_zh.csv", dtype=str).rename(
        columns={"编号": "faq_id", "问题": "question", "答案": "answer"})
    invoice = faq.loc[faq["faq_id"] == "W01", "answer"].iloc[0]
    replies = pd.Series([invoice.replace("可以。", "可以的。"), invoice[: int(len(invoice) * 0.75)],
                         faq.loc[faq["faq_id"] == "W02", "answer"].iloc[0], PERSON, ""])
    labels, counts = history.reply_labels(replies, faq)
    assert list(labels) == ["W01", "W01", "W02", "", ""]
    assert counts == {"replies": 4, "faq_answers": 3, "edited": 2, "by_person": 1, "blank": 1}


def test_a_short_answer_inside_a_persons_reply_is_no_label():
    """An FAQ whose answer is one word ("可以。") sat inside a person's "不可以。…" and labelled it
    with that entry; a short answer now labels only a reply that is it (or nearly)."""
    faq = pd.read_csv(DATA / "webshop_faq_zh.csv", dtype=str).rename(
        columns={"编号": "faq_id", "问题": "question", "答案": "answer"})
    faq = pd.concat([faq, pd.DataFrame({"faq_id": ["W99"], "question": ["能货到付款吗？"],
                                        "answer": ["可以。"]})], ignore_index=True)
    replies = pd.Series(["可以。", "不可以。这款商品需要在线支付，给您带来不便请谅解。",
                         faq.loc[faq["faq_id"] == "W02", "answer"].iloc[0]])
    labels, counts = history.reply_labels(replies, faq)
    assert list(labels) == ["W99", "", "W02"]
    assert counts["by_person"] == 1


def test_a_status_column_is_not_read_as_labels(judge13):
    """处理结果 holding 已解决 / 处理中 is no answer sent: the FAQ's own threshold stays."""
    tickets = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str).drop(columns="回复")
    tickets["处理结果"] = ["已解决" if i % 3 else "处理中" for i in range(len(tickets))]
    write_frame(judge13, "状态工单", tickets)
    summary = _run(judge13, "常见问题", "状态工单").summary()
    assert summary["threshold_source"] == "faq" and "labels_from_replies" not in summary
    assert any("没有当作标注使用" in note and "260 条回复中只有 0 条" in note for note in summary["notes"])


def test_a_label_column_wins_over_the_replies(con):
    asked = _webshop_export(con)
    tickets = pd.DataFrame({"工单号": asked["工单号"], "问题": asked["问题"], "标签": asked["标签"],
                            "回复": PERSON})
    write_frame(con, "标注工单", tickets)
    summary = _run(con, "webshop_faq", "标注工单").summary()
    assert "labels_from_replies" not in summary and summary["labelled_with_faq"] == 105


def test_history_that_answers_fewer_later_tickets_is_not_used(con):
    """The web shop's earlier tickets hold 2-3 wordings an entry: taught, the threshold they choose
    answers fewer later tickets, so the replies stay the FAQ alone's."""
    _webshop_export(con)
    run = _run(con, "webshop_faq", "工单")
    checked = run.summary()["history"]
    late = checked["out_of_time"]
    assert not checked["used"] and late["history_taught"]["right_share"] <= late["faq_only"]["right_share"]
    alone = match_questions(run.matches.matcher.faq_, run.matches.questions)
    assert (alone.top_ids == run.matches.top_ids).all()


def test_no_question_teaches_its_own_match(judge13):
    """A wording asked once, labelled with an entry it shares no word with, is matched only by the
    other tickets' wordings: taught by itself it would score 1.0 against its own phrasing."""
    tickets = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str)
    odd = pd.DataFrame({"工单号": ["KF-odd"], "创建时间": ["2024/12/30"], "问题": ["蓝色的大象在哪里跳舞"],
                        "回复": [tickets["回复"].iloc[0]]})
    write_frame(judge13, "工单加一", pd.concat([tickets, odd], ignore_index=True))
    replies = _run(judge13, "常见问题", "工单加一").replies.set_index("question_id")
    assert replies.loc["KF-odd", "score"] < 0.5
    assert replies.loc["KF20230000", "score"] > 0.9  # its wording is asked 20 times: the others teach it


def test_history_that_never_shows_an_uncovered_question_keeps_the_faqs_threshold(judge13):
    """Every one of the 260 tickets has its entry (a 标签 column): 9 in 10 right at any threshold,
    so the labels chose 0 and an off-topic question would have been sent an answer."""
    tickets = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str)
    faq = pd.read_csv(DATA / "shop_faq_judge13_zh.csv", dtype=str)
    entry = {a: str(i) for i, a in enumerate(faq["答案"], start=1)}
    labelled = tickets.drop(columns="回复").assign(标签=tickets["回复"].map(entry))
    write_frame(judge13, "标注工单", labelled)
    run = _run(judge13, "常见问题", "标注工单")
    assert run.threshold_source == "labels" and run.threshold >= run.check.threshold > 0.05


def test_a_lone_text_column_headed_like_a_reply_still_holds_the_questions(judge13):
    """A survey export's only text is ``response``: before reply columns were read it held the
    questions, and it still does."""
    write_frame(judge13, "survey", pd.DataFrame({"id": [1, 2], "response": ["退款多久到账", "几天能到货"]}))
    run = _run(judge13, "常见问题", "survey")
    assert run.columns["questions"]["question"] == "response" and "reply" not in run.columns["questions"]
    assert run.replies["question"].tolist() == ["退款多久到账", "几天能到货"]



def test_own_words_to_a_question_answered_elsewhere_are_no_label(judge13):
    """judge16: an agent's own reply ("let me check") to 退款什么时候到账, which other tickets were
    sent the FAQ answer for, was read as "no FAQ answers it"; as the only such labels those set the
    threshold and graded the later tickets' right replies as wrong. Now they are left out."""
    tickets = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str)
    own = tickets.index % 5 == 0
    tickets.loc[own, "回复"] = "亲，麻烦提供一下订单号，我帮您查一下。"
    write_frame(judge13, "客服工单", tickets, replace=True)
    summary = _run(judge13, "常见问题", "客服工单").summary()
    counts = summary["labels_from_replies"]
    assert counts["by_person"] == counts["unread"] == own.sum()
    assert summary["labelled_without_faq"] == 0 and summary["labelled_with_faq"] == (~own).sum()
    assert summary["threshold_source"] == "labels" and summary["precision_of_replies"] == 1.0
    late = summary["history"]["out_of_time"]
    assert late["faq_only"]["right_share_of_answered"] >= 0.9 and summary["history"]["used"]
    assert f"其中 {own.sum()} 条回复的问题与另一张工单的问法相同" in " ".join(summary["notes"])


def test_a_ticket_not_yet_answered_is_no_label(judge13):
    """support18: the newest 20 of the 260 tickets still open (no reply) were read as "no FAQ
    answers it"; as the only such labels they lifted the FAQ's floor and the threshold fell to 0."""
    tickets = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str)
    newest = pd.to_datetime(tickets["创建时间"]).sort_values(kind="stable").index[-20:]
    tickets.loc[newest, "回复"] = None
    write_frame(judge13, "客服工单", tickets, replace=True)
    run = _run(judge13, "常见问题", "客服工单")
    summary = run.summary()
    assert summary["labels_from_replies"]["blank"] == 20
    assert summary["labelled_without_faq"] == 0 and summary["labelled_with_faq"] == 240
    assert run.threshold_source == "labels" and run.threshold >= run.check.threshold > 0.05
    assert "20 个问题还没有回复" in " ".join(summary["notes"])


OFF_TOPIC = {"你们招不招兼职？": "亲，招聘请关注官网的招聘页面。", "你们老板是谁": "亲，这个不方便透露哦。",
             "可以帮我写作业吗": "亲，这个我们帮不了哦。", "你们公司在哪个城市": "亲，我们总部在杭州。",
             "饼干可以喂狗吗": "亲，建议咨询宠物医生哦。", "能不能做我女朋友": "亲，我是客服哦。"}


def test_a_history_with_few_off_topic_tickets_keeps_the_faqs_threshold(judge13):
    """support18: the 260 answered tickets plus six off-topic ones a person answered: 260 right
    replies of 266 is 9 in 10 at any threshold, so the labels chose 0 and all six were sent an
    FAQ answer. Under 1 in 10 uncovered, the labels cannot place them; the FAQ's own check can."""
    tickets = pd.read_csv(DATA / "shop_tickets_judge13_zh.csv", dtype=str)
    off = pd.DataFrame({"工单号": [f"KF-off{i}" for i in range(len(OFF_TOPIC))], "创建时间": "2024/06/01",
                        "问题": list(OFF_TOPIC), "回复": list(OFF_TOPIC.values())})
    write_frame(judge13, "客服工单", pd.concat([tickets, off], ignore_index=True), replace=True)
    run = _run(judge13, "常见问题", "客服工单")
    summary = run.summary()
    assert summary["labelled_without_faq"] == len(OFF_TOPIC)
    assert summary["suggested_threshold_from_labels"] == 0
    assert run.threshold_source == "labels" and run.threshold == run.check.threshold > 0.05
    routed = run.replies.set_index("question_id")["routed_to_person"]
    assert routed[off["工单号"]].sum() >= 3 and not routed[tickets["工单号"]].any()
    assert "266 个标注过的问题里只有 6 个没有对应的 FAQ" in " ".join(summary["notes"])
    assert summary["threshold_set_by"] == "faq_check"  # served: the FAQ's own, not the labels' 0


QARY_OFF_TOPIC = ["Can I get a refund for the bootcamp fee?", "Is the Thursday meetup cancelled this week?",
                  "Who do I invoice for my mentoring hours?", "Where do I park at the office?",
                  "How do I change the email on my certificate?",
                  "My payment failed twice, what should I do?"]
QARY_MORE_OFF_TOPIC = ["My laptop fan is very loud, is that normal?", "Can I bring a friend to the demo day?",
                       "is there a student discount for the conference",
                       "Can we move my 1:1 to Friday afternoon?"]


def test_the_labels_threshold_stays_above_where_faq_entries_match_each_other(con):
    """support18: qary's 59 questions answered from the FAQ and ten off-topic ones a person
    answered: 9 replies in 10 were right from confidence 0.04 up, so 5 of the 10 were sent an FAQ
    answer ("How do I change the email on my certificate?" the Enron email dataset's). Half the
    FAQ's own questions reach
    0.13 against an entry not theirs; the threshold stays there and every off-topic one is routed."""
    faq = pd.read_csv(DATA / "qary_faq_excerpt.csv")
    off = QARY_OFF_TOPIC + QARY_MORE_OFF_TOPIC
    person = ["Please email billing@tangibleai.com."] * len(off)
    tickets = pd.DataFrame({"subject": [*faq["question"].str.strip().str.split("\n").str[0], *off],
                            "first_reply": [*faq["answer"], *person]})
    write_frame(con, "qary", faq)
    write_frame(con, "helpdesk", tickets)
    run = support_run.run(con, "qary", support_run.SupportConfig(questions_table="helpdesk"))
    summary = run.summary()
    assert run.replies["routed_to_person"].iloc[len(faq):].all()
    assert not run.replies["routed_to_person"].iloc[: len(faq)].any()
    assert summary["suggested_threshold_from_labels"] < run.threshold == run.check.floor < run.check.threshold
    assert "already reach 13% against an entry that is not theirs" in summary["notes"][-1]
    assert summary["threshold_set_by"] == "faq_floor"  # served: the floor, not the labels' own number


def test_a_reply_cut_short_is_its_answer(con):
    """judge16: qary's helpdesk export held answers cut at half (an export's cell limit); difflib
    stays under 0.7 there, so they were read as a person's replies, "no FAQ answers it", and the
    threshold rose until almost nothing was answered. Off-topic questions still go to a person."""
    faq = pd.read_csv(DATA / "qary_faq_excerpt.csv")
    asked = faq["question"].str.strip().str.split("\n").str[0]
    cut = faq.index % 3 == 0
    replies = faq["answer"].where(~cut, faq["answer"].map(lambda a: a[: len(a) // 2]))
    tickets = pd.DataFrame({"ticket_id": [f"T{i}" for i in range(len(faq) + len(QARY_OFF_TOPIC))],
                            "subject": [*asked, *QARY_OFF_TOPIC],
                            "first_reply": [*replies, *["Please email billing@tangibleai.com."] * 6]})
    write_frame(con, "qary", faq)
    write_frame(con, "helpdesk", tickets)
    run = support_run.run(con, "qary", support_run.SupportConfig(questions_table="helpdesk"))
    counts = run.summary()["labels_from_replies"]
    assert counts["faq_answers"] == len(faq) and counts["edited"] == cut.sum()
    routed = run.replies["routed_to_person"].to_numpy()
    assert routed[len(faq):].all() and routed[: len(faq)].mean() <= 0.1
