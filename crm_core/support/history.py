"""Answered history: labels read from the agent's reply, and past questions taught to the FAQ.

A helpdesk export (有赞 客服工单: 工单号, 问题, 回复, 创建时间; Zendesk: subject, description,
first reply) keeps the reply beside each past question. A reply that is an FAQ answer says which
entry was right; one matching no answer was written by a person ("no FAQ answers it"). Those
past questions are also how customers really ask, so they become extra phrasings of their entry.
No question ever teaches its own match: the run's replies are matched fold by fold (each fold
taught by the others), and :func:`out_of_time` teaches with earlier tickets and grades later ones.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from crm_core.i18n import Sentence
from crm_core.support.evaluate import TARGET_PRECISION, history_threshold, read_rows
from crm_core.support.matcher import Matches, match_questions
from crm_core.support.selfcheck import SelfCheck
from crm_core.support.text import normalise

NEAR_EQUAL = 0.7
"""A reply this similar (difflib ratio, normalised text) to one FAQ answer is that answer with an
agent's edits. Different answers of the judge13, web shop, supermarket and bank FAQs are at most
0.49 alike; a greeting and closing added, a character dropped, a word swapped or the last 30 %
cut keep a web shop answer 0.72 or more alike."""
CUT_LENGTH = 40
"""A reply this long (or a third of the answer) that starts exactly one answer is that answer cut."""
CLEAR_SHARE = 0.3
"""Replies read as labels only when at least this share of them are FAQ answers: below, the
column is a status or free text, not the answer sent."""
FOLDS = 5
TEACH_SHARE = 2 / 3
"""Out of time, the earliest two thirds of the tickets teach and the rest are graded."""
MIN_INSIDE = 8
"""An answer found inside a longer reply counts only from this many characters: an FAQ's "可以" or
"Yes." sits inside a person's "不可以，…" or "Yes, but…", which says nothing of that entry."""
MIN_HISTORY = 20
"""Labelled tickets needed before history teaches or is graded out of time."""
MAX_PHRASINGS = 5000
"""Distinct past questions learned at most (the most asked first), bounding the matcher's size."""


def _answer_of(reply: str, answers: dict[str, str]) -> tuple[str, str]:
    """(faq_id, how) for one normalised reply: ``exact``, ``edited`` or no FAQ answer (``""``)."""
    if reply in answers:
        return answers[reply], "exact"
    inside = [a for a in answers if len(a) >= MIN_INSIDE and a in reply]  # a greeting or closing around it
    if inside:
        return answers[max(inside, key=len)], "edited"
    started = [a for a in answers if _cut_from(reply, a)]
    if len(started) == 1:
        return answers[started[0]], "edited"
    ratios = {a: _near(reply, a) for a in answers if a}
    best = max(ratios, key=ratios.get, default=None)
    if best is not None and ratios[best] >= NEAR_EQUAL:
        return answers[best], "edited"
    return "", ""


def _cut_from(reply: str, answer: str) -> bool:
    """Whether the reply is the answer cut short (an export's cell limit, half an answer pasted):
    its start, at least :data:`CUT_LENGTH` characters or a third of it. judge16's qary export cut
    34 of 159 replies at 50 % or 80 %; difflib stays under 0.7 at half an answer, so they were
    read as a person's replies and the threshold rose to 0.86."""
    return answer.startswith(reply) and len(reply) >= min(CUT_LENGTH, len(answer) / 3)


def _near(reply: str, answer: str) -> float:
    """difflib's ratio, skipped (0) when its cheap upper bounds already fall short: a person's
    own reply is compared with every answer."""
    pair = SequenceMatcher(None, reply, answer)
    if pair.real_quick_ratio() < NEAR_EQUAL or pair.quick_ratio() < NEAR_EQUAL:
        return 0.0
    return pair.ratio()


def reply_labels(replies: pd.Series, faq: pd.DataFrame) -> tuple[np.ndarray | None, dict[str, int]]:
    """The FAQ entry whose answer each reply is ("" when a person wrote it), and the counts;
    None when too few replies are FAQ answers to read the column as labels."""
    answers: dict[str, str] = {}
    for faq_id, answer in zip(faq["faq_id"], faq["answer"].map(normalise), strict=True):
        answers.setdefault(answer, faq_id)
    clean = replies.map(normalise)
    found = {text: _answer_of(text, answers) for text in clean.unique() if text}
    ids = clean.map(lambda t: found.get(t, ("", ""))[0])
    how = clean.map(lambda t: found.get(t, ("", ""))[1])
    given = int((clean != "").sum())
    counts = {"replies": given, "faq_answers": int((ids != "").sum()), "edited": int((how == "edited").sum()),
              "by_person": int(((ids == "") & (clean != "")).sum()), "blank": int((clean == "").sum())}
    if not given or counts["faq_answers"] < CLEAR_SHARE * given:
        return None, counts
    return ids.to_numpy(dtype=object), counts


def unread_replies(asked: pd.Series, replies: pd.Series, labels: np.ndarray) -> np.ndarray:
    """Which person-written replies say nothing about the FAQ: their question, as worded
    (normalised), was sent an FAQ answer in another ticket. An agent who answers a known
    question in their own words ("let me check") does not show that no FAQ answers it; read as
    "no FAQ", such replies were the only negatives of the judge13 shop tickets and pushed the
    threshold up until most answerable tickets went to a person."""
    wording = asked.map(normalise).to_numpy()
    answered = set(wording[labels != ""])
    by_person = (labels == "") & (replies.map(normalise) != "").to_numpy()
    return by_person & (wording != "") & np.isin(wording, list(answered))


def unanswered(replies: pd.Series) -> np.ndarray:
    """Tickets with no reply yet (still open): no label at all, not "no FAQ answers it". Read as
    "no FAQ", the newest 20 of the judge13 shop's all-answered tickets left blank were its only
    uncovered questions, so the FAQ's floor no longer held and the labels' threshold fell to 0."""
    return (replies.map(normalise) == "").to_numpy()


def reply_note(column: str, counts: dict[str, int]) -> Sentence:
    """What the reply column told, in words, with the counts."""
    return Sentence("support.note.reply_labels", column=column, faq=f"{counts['faq_answers']:,}",
                    edited=f"{counts['edited']:,}", person=f"{counts['by_person']:,}",
                    unread=f"{counts['unread']:,}", blank=f"{counts['blank']:,}")


def phrasings(questions: pd.DataFrame) -> pd.DataFrame:
    """Past questions answered from the FAQ as (faq_id, question): one row per distinct wording
    and entry, the most asked first, at most :data:`MAX_PHRASINGS`."""
    known = questions[questions["true_faq_id"] != ""]
    key = known["question"].map(normalise)
    rows = pd.DataFrame({"faq_id": known["true_faq_id"].to_numpy(), "key": key.to_numpy(),
                         "question": known["question"].to_numpy()})
    rows = rows[rows["key"] != ""]
    counted = rows.groupby(["faq_id", "key"], sort=False).agg(question=("question", "first"),
                                                              asked=("question", "size"))
    top = counted.sort_values("asked", ascending=False, kind="stable").head(MAX_PHRASINGS)
    return top.reset_index()[["faq_id", "question"]]


def taught_matches(faq: pd.DataFrame, questions: pd.DataFrame, matches: Matches) -> Matches:
    """``matches`` redone with history taught, each fold of questions by the other folds only."""
    fold = np.random.default_rng(0).permutation(len(questions)) % FOLDS
    parts = [match_questions(faq, questions[fold == f], phrasings=phrasings(questions[fold != f]))
             for f in range(FOLDS)]
    where = np.concatenate([np.flatnonzero(fold == f) for f in range(FOLDS)])  # row of each part's rows
    order = np.argsort(where, kind="stable")
    suggestions = pd.concat([p.suggestions for p in parts], ignore_index=True)
    by_row = np.argsort(np.repeat(where, parts[0].top_ids.shape[1]), kind="stable")
    suggestions = suggestions.iloc[by_row].reset_index(drop=True)
    stack = {name: np.concatenate([getattr(p, name) for p in parts])[order]
             for name in ("top_ids", "top_scores", "confidence")}
    return Matches(questions=matches.questions, suggestions=suggestions, matcher=matches.matcher,
                   notes=matches.notes, columns=matches.columns, **stack)


def teaching_rows(questions: pd.DataFrame) -> tuple[np.ndarray, str]:
    """Which tickets teach out of time (the earliest two thirds, by the created time when the
    table has one that reads as dates, else by the file's order) and the last day taught."""
    n = len(questions)
    cut = int(np.ceil(n * TEACH_SHARE))
    when = pd.to_datetime(questions.get("created", pd.Series(index=questions.index, dtype=object)),
                          errors="coerce", format="mixed")
    if when.notna().mean() < 0.9:
        teach = np.arange(n) < cut
        return teach, ""
    last = when.sort_values(kind="stable").iloc[cut - 1]
    teach = (when <= last).to_numpy()
    return teach, str(last.date())


def _graded(matches: Matches, threshold: float) -> dict[str, float | int | None]:
    """Answered, right among answered, right among all and routed shares at ``threshold``, on
    the tickets whose label was read."""
    matches = read_rows(matches)
    answered = matches.confidence >= threshold
    right = matches.top_ids[:, 0] == matches.questions["true_faq_id"].to_numpy()
    n = int(answered.sum())
    return {"threshold": round(threshold, 4), "answered_share": round(float(answered.mean()), 4),
            "right_share_of_answered": round(float((answered & right).sum() / n), 4) if n else None,
            "right_share": round(float((answered & right).mean()), 4),
            "routed_share": round(float((~answered).mean()), 4)}


def history_wins(check: dict | None) -> bool:
    """Whether the taught matcher did better on the later tickets: more of them sent a right
    reply, and its replies right at least 9 in 10 times (or as often as the FAQ alone's). On a
    web shop whose 80 earlier tickets held 2–3 wordings per entry, teaching chose a stricter
    threshold and answered fewer later tickets; there the FAQ alone keeps answering."""
    if not check:
        return False
    alone, taught = check["faq_only"], check["history_taught"]
    floor = min(TARGET_PRECISION, alone["right_share_of_answered"] or 0.0)
    precise = (taught["right_share_of_answered"] or 0.0) >= floor
    return taught["right_share"] > alone["right_share"] and precise


def out_of_time(faq: pd.DataFrame, questions: pd.DataFrame, check: SelfCheck) -> dict | None:
    """The FAQ alone against the FAQ taught by earlier tickets, both graded on later tickets, each
    at the threshold the earlier tickets choose (bounded by the FAQ's ``check`` as in
    :func:`~crm_core.support.evaluate.history_threshold`; its own when they reach no 9 in 10).
    Earlier tickets set the taught
    threshold out of fold, never matched to themselves."""
    teach, until = teaching_rows(questions)
    early, late = questions[teach].reset_index(drop=True), questions[~teach].reset_index(drop=True)
    if (early["true_faq_id"] != "").sum() < MIN_HISTORY or len(late) < FOLDS:
        return None
    alone = match_questions(faq, early)
    taught_early = taught_matches(faq, early, alone)
    chosen = [history_threshold(m, check) for m in (alone, taught_early)]
    plain, taught = (check.threshold if t is None else t for t in chosen)
    learned = phrasings(early)
    return {"taught_with": int(len(early)), "graded_on": int(len(late)), "taught_until": until or None,
            "phrasings_learned": int(len(learned)),
            "faq_only": _graded(match_questions(faq, late), plain),
            "history_taught": _graded(match_questions(faq, late, phrasings=learned), taught)}
