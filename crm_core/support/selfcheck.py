"""The confidence threshold from the FAQ alone: held-out checks on its own questions.

*Not covered*: each FAQ question is asked with its own entry (and any entry with the same
question text) held out, so its best match is necessarily wrong; the confidence those wrong
matches reach is what a question the FAQ does not cover looks like. The threshold is their
split-conformal :data:`HELD_OUT_QUANTILE` quantile (the largest on a small FAQ), so an
uncovered question passes it with a chance of at most 5 in 100, on this FAQ's own wording
and language (an unrelated questions table no longer sets it). The held-out questions keep
full word coverage, which makes the threshold stricter, not looser.
*Paraphrased*: each question is asked again with every third content word left out; the
share of those answered, and answered right, shows what the threshold costs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from crm_core.support.matcher import (
    HELD_OUT_QUANTILE,
    THRESHOLD_BOUNDS,
    FaqMatcher,
    checked_rows,
    conformal_quantile,
    dense_confidence,
)
from crm_core.support.text import CJK_CHARS, normalise

_CJK_CHAR = re.compile(f"[{CJK_CHARS}]")
_UNITS = re.compile(f"[{CJK_CHARS}]|[^\\s{CJK_CHARS}]+")
"""Words for :func:`paraphrase`: single Chinese characters and space-separated runs of the rest."""
FLOOR_QUANTILE = 0.5
"""The labels' threshold never goes under the median held-out confidence: the level at which a
question already matches an entry that is not its own (see :attr:`SelfCheck.floor`)."""


@dataclass(frozen=True)
class SelfCheck:
    """The FAQ's own evidence for its threshold."""

    threshold: float
    floor: float
    """The labels' threshold stays at least this: the median confidence of the held-out questions,
    where different FAQ entries' own questions already match each other. With few off-topic
    tickets, labels reach 9 replies in 10 right at any threshold and chose 0, sending every
    question an answer."""
    checked: int
    held_out_wrong_share: float
    """Share of uncovered (held-out) questions that would still get a confident, wrong answer."""
    paraphrase_answered_share: float
    paraphrase_right_share: float
    """Of the answered paraphrases, the share sent their own entry's answer."""

    def as_dict(self) -> dict[str, float | int]:
        return {"threshold": round(self.threshold, 4), "floor": round(self.floor, 4), "checked": self.checked,
                "held_out_wrong_share": round(self.held_out_wrong_share, 4),
                "paraphrase_answered_share": round(self.paraphrase_answered_share, 4),
                "paraphrase_right_share": round(self.paraphrase_right_share, 4)}


def paraphrase(text: str) -> str:
    """The question with every third word left out (a cheap, deterministic rewording). Chinese
    has no spaces, so each of its characters counts as a word: split on spaces only, a Chinese
    question came back unchanged and its "paraphrases" were all answered, right, by design."""
    clean = normalise(text)
    words = _UNITS.findall(clean)
    if len(words) < 3:
        return clean
    kept = (w if _CJK_CHAR.match(w) else f" {w} " for i, w in enumerate(words) if i % 3 != 1)
    return " ".join("".join(kept).split())


def self_check(matcher: FaqMatcher, random_state: int = 0) -> SelfCheck:
    """Held-out and paraphrase checks of the fitted matcher's own FAQ questions."""
    groups = matcher.question_groups_
    rows = checked_rows(len(groups), random_state)
    questions = matcher.faq_["question"].astype(str).to_numpy()[rows]
    answers = matcher.answer_groups_
    null = matcher.held_out_confidence(list(questions), groups[rows])  # own entry held out
    lo, hi = THRESHOLD_BOUNDS
    threshold = float(np.clip(conformal_quantile(null, HELD_OUT_QUANTILE), lo, hi))
    para = matcher.entry_scores([paraphrase(q) for q in questions])
    answered = dense_confidence(para, answers) >= threshold
    right = groups[para.argmax(axis=1)] == groups[rows]
    floor = min(float(np.quantile(null, FLOOR_QUANTILE)) if len(null) else 0.0, threshold)
    return SelfCheck(threshold=threshold, floor=floor, checked=len(rows),
                     held_out_wrong_share=float((null >= threshold).mean()),
                     paraphrase_answered_share=float(answered.mean()),
                     paraphrase_right_share=float(right[answered].mean()) if answered.any() else 0.0)
