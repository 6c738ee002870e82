"""With labelled history (past questions with the right FAQ id): accuracy, wrong replies and
the deflection-versus-wrong-answer trade-off per threshold."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from crm_core.support.matcher import Matches
from crm_core.support.selfcheck import SelfCheck

TARGET_PRECISION = 0.9
"""With labels, the suggested threshold is the lowest one where 9 in 10 sent replies are right."""


def _outcomes(matches: Matches, threshold: float) -> dict[str, np.ndarray]:
    truth = matches.questions["true_faq_id"].to_numpy()
    answered = matches.confidence >= threshold
    right = matches.top_ids[:, 0] == truth
    return {"answered": answered, "correct": answered & right, "wrong": answered & ~right,
            "on_topic": truth != ""}


def evaluate(matches: Matches, threshold: float) -> dict[str, float | int | None]:
    """Share answered, and with labels accuracy@1/@3 (questions an FAQ answers) and how many
    sent replies would be wrong at this threshold."""
    answered = matches.confidence >= threshold
    out: dict[str, float | int | None] = {
        "questions": len(answered), "faq_entries": matches.faq_entries,
        "answered": int(answered.sum()),
        "answered_share": round(float(answered.mean()), 4) if len(answered) else 0.0,
        "threshold": round(threshold, 4),
    }
    if not matches.labelled:
        return out
    matches = read_rows(matches)
    o = _outcomes(matches, threshold)
    truth = matches.questions["true_faq_id"].to_numpy()
    on = o["on_topic"]
    n_on = int(on.sum())
    hit3 = (matches.top_ids == truth[:, None]).any(axis=1)
    n_answered = max(int(o["answered"].sum()), 1)
    out.update({
        "labelled_with_faq": n_on, "labelled_without_faq": int((~on).sum()),
        "accuracy_at_1": round(float((matches.top_ids[on, 0] == truth[on]).mean()), 4) if n_on else None,
        "accuracy_at_3": round(float(hit3[on].mean()), 4) if n_on else None,
        "correct_share": round(float(o["correct"].mean()), 4),
        "wrong_share": round(float(o["wrong"].mean()), 4),
        "precision_of_replies": round(float(o["correct"].sum() / n_answered), 4),
        "no_faq_routed_share": round(float((~o["answered"][~on]).mean()), 4) if (~on).any() else None,
    })
    return out


def threshold_curve(matches: Matches, step: float = 0.01) -> pd.DataFrame | None:
    """Per threshold: share answered (deflection), answered correctly and answered wrongly."""
    if not matches.labelled:
        return None
    matches = read_rows(matches)
    top = float(np.ceil(max(matches.confidence.max(initial=0.0), step) / step) * step)
    rows = []
    for t in np.arange(0.0, top + step / 2, step):
        o = _outcomes(matches, float(t))
        answered = int(o["answered"].sum())
        rows.append({"threshold": round(float(t), 4), "answered_share": o["answered"].mean(),
                     "correct_share": o["correct"].mean(), "wrong_share": o["wrong"].mean(),
                     "precision": o["correct"].sum() / answered if answered else 1.0})
    return pd.DataFrame(rows)


def label_threshold(curve: pd.DataFrame | None, precision: float = TARGET_PRECISION) -> float | None:
    """The lowest threshold at which at least ``precision`` of the replies sent are right."""
    if curve is None:
        return None
    fine = curve[(curve["precision"] >= precision) & (curve["answered_share"] > 0)]
    return float(fine["threshold"].iloc[0]) if len(fine) else None


def few_uncovered(matches: Matches) -> bool:
    """Whether under 1 in 10 of the read labels lack an FAQ answer: then answering all of them
    still leaves 9 replies in 10 right, so the labels cannot show where uncovered questions score."""
    truth = read_rows(matches).questions["true_faq_id"]
    return bool((truth == "").mean() < 1 - TARGET_PRECISION)


def history_threshold(matches: Matches, check: SelfCheck) -> float | None:
    """The labels' threshold (None when they reach no 9 in 10), kept at least the FAQ's own when
    few labelled questions lack an FAQ answer (:func:`few_uncovered`): an all-answered history
    chose 0 and every off-topic question would have been sent an answer. Otherwise kept at least
    the FAQ's floor (:attr:`SelfCheck.floor`)."""
    chosen = label_threshold(threshold_curve(matches))
    if chosen is None:
        return None
    return max(chosen, check.threshold if few_uncovered(matches) else check.floor)


def cross_checked(matches: Matches, check: SelfCheck, folds: int = 5) -> dict | None:
    """The labels' threshold graded on questions that did not set it. Set and graded on the same
    labels, the replies sent look right by construction (100% on a 40-question history whose
    out-of-sample share was lower); here each fifth of the questions is answered at the threshold
    the other four fifths choose (the FAQ's own, when they reach no 9 in 10)."""
    if not matches.labelled:
        return None
    matches = read_rows(matches)
    if len(matches.confidence) < 2 * folds:
        return None
    right, confidence = _outcomes(matches, 0.0)["correct"], matches.confidence
    fold = np.random.default_rng(0).permutation(len(confidence)) % folds
    answered = np.zeros(len(confidence), dtype=bool)
    for f in range(folds):
        chosen = history_threshold(_rows(matches, fold != f), check)
        held = fold == f
        answered[held] = confidence[held] >= (check.threshold if chosen is None else chosen)
    n = int(answered.sum())
    return {"folds": folds, "answered_share": round(float(answered.mean()), 4),
            "precision_of_replies": round(float((answered & right).sum() / n), 4) if n else None,
            "wrong_share": round(float((answered & ~right).mean()), 4)}


def read_rows(matches: Matches) -> Matches:
    """The questions whose label was read: a person's reply to a wording that another ticket was
    sent an FAQ answer for, or no reply yet, tells neither way (``unread``), so it neither sets nor
    grades a threshold."""
    if "unread" not in matches.questions:
        return matches
    return _rows(matches, ~matches.questions["unread"].to_numpy(dtype=bool))


def _rows(matches: Matches, keep: np.ndarray) -> Matches:
    """The matches of some questions only (what the threshold rule reads of them)."""
    return replace(matches, questions=matches.questions[keep].reset_index(drop=True),
                   top_ids=matches.top_ids[keep], top_scores=matches.top_scores[keep],
                   confidence=matches.confidence[keep])
