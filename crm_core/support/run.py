"""One support run: an FAQ, the questions (typed, pasted or a table), replies and the evidence.

The threshold comes from the analyst, else from labelled history (past questions with the
right FAQ id), else from the FAQ itself (held-out checks of its own questions), so one typed
question can be answered with no questions table at all. The page and the CLI both call
:func:`run`, then keep it with ``runs.save`` (result ``replies``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import ClassVar

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Said, Sentence
from crm_core.report import format as fmt
from crm_core.report.files import csv_bytes
from crm_core.report.format import tidy
from crm_core.support import history
from crm_core.support.columns import detect_columns, read_faq, read_questions
from crm_core.support.configs import SUPPORT, SupportConfig, parse_threshold
from crm_core.support.evaluate import (
    cross_checked,
    evaluate,
    few_uncovered,
    history_threshold,
    label_threshold,
    read_rows,
    threshold_curve,
)
from crm_core.support.gaps import find_gaps
from crm_core.support.matcher import Matches, match_questions, replies
from crm_core.support.selfcheck import SelfCheck, self_check
from crm_core.support.text import normalise

FILE_NAMES = {"csv": "replies.csv", "json": "support_summary.json"}
REPLY_COLUMNS = ["question_id", "faq_id", "score", "answer", "confidence", "routed_to_person",
                 "best_faq_id", "question", "best_faq_question", "runner_up_faq_id",
                 "runner_up_question", "runner_up_score"]
THRESHOLD_SOURCES = ("manual", "labels", "faq")


@dataclass
class SupportRun:
    """Replies for one threshold, with where the threshold came from and the evidence."""

    kind: ClassVar[str] = SUPPORT

    table: str
    config: SupportConfig
    lang: str
    matches: Matches
    check: SelfCheck
    threshold: float
    threshold_source: str
    replies: pd.DataFrame
    curve: pd.DataFrame | None
    gaps: pd.DataFrame
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    history: dict = field(default_factory=dict)
    """What answered history taught: reply counts, phrasings learned, the out-of-time check."""

    @property
    def threshold_set_by(self) -> str:
        """The number the served threshold is (``threshold_setter``): the labels' own, the FAQ's floor …"""
        return threshold_setter(self.matches, self.curve, self.threshold, self.threshold_source)

    def summary(self) -> dict:
        """Answered share, the threshold and its source, the FAQ's self-check, labels' verdict."""
        out = evaluate(self.matches, self.threshold)
        out |= {"threshold_source": self.threshold_source, "faq_self_check": self.check.as_dict(),
                "questions_from": self.config.questions_table or "typed"}
        if self.matches.labelled:
            out["suggested_threshold_from_labels"] = label_threshold(self.curve)
            out["threshold_set_by"] = self.threshold_set_by
        if self.threshold_source == "labels":
            out["labels_cross_checked"] = cross_checked(self.matches, self.check)
        out |= self.history
        out["gaps"] = self.gaps[["questions", "top_terms"]].to_dict("records")
        out["notes"] = [Said(note, self.lang) for note in self.matches.notes]
        return out

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"replies": self.replies}

    def files(self) -> dict[str, bytes]:
        """``replies.csv`` (question_id, faq_id, score, answer, …) and ``support_summary.json``."""
        summary = json.dumps(self.summary(), ensure_ascii=False, indent=2, default=str)
        return {FILE_NAMES["csv"]: csv_bytes(tidy(self.replies[REPLY_COLUMNS])),
                FILE_NAMES["json"]: summary.encode("utf-8")}


def typed_questions(texts: tuple[str, ...]) -> pd.DataFrame:
    """Typed or pasted questions as a questions frame (blank lines dropped, ids 1, 2, …)."""
    kept = [t.strip() for t in texts if normalise(t)]
    return pd.DataFrame({"question_id": [str(i) for i in range(1, len(kept) + 1)], "question": kept})


def split_pasted(text: str) -> tuple[str, ...]:
    """Pasted text → one question per non-empty line."""
    return tuple(line.strip() for line in text.splitlines() if normalise(line))


def _questions(con: duckdb.DuckDBPyConnection, faq_table: str, config: SupportConfig) -> pd.DataFrame:
    if config.questions:
        return typed_questions(config.questions)
    if config.questions_table:
        if config.questions_table == faq_table:
            raise CrmError(Sentence("support.error.same_table", faq_table=faq_table))
        return read_questions(con, config.questions_table, config.question_columns())
    return typed_questions(())


def _labels_from_replies(questions: pd.DataFrame, faq: pd.DataFrame,
                         column: str) -> tuple[pd.DataFrame, dict, list[Sentence]]:
    """Tickets with the agent's reply and no label column: the FAQ answer sent is the label."""
    if "reply" not in questions or "true_faq_id" in questions:
        return questions, {}, []
    labels, counts = history.reply_labels(questions["reply"], faq)
    if labels is None:
        return questions, {}, [Sentence("support.note.reply_not_labels", column=column,
                                        faq=f"{counts['faq_answers']:,}", replies=f"{counts['replies']:,}")]
    unread = history.unread_replies(questions["question"], questions["reply"], labels)
    counts["unread"] = int(unread.sum())
    unread |= history.unanswered(questions["reply"])
    return questions.assign(true_faq_id=labels, unread=unread), {"labels_from_replies": counts}, [
        history.reply_note(column, counts)]


def _taught(faq: pd.DataFrame, questions: pd.DataFrame, matches: Matches,
            faq_check: SelfCheck) -> tuple[Matches, dict]:
    """With enough labelled history, the out-of-time check; when history taught did better
    there, the replies are matched with it, each question taught by the other folds only."""
    if not matches.labelled or (matches.questions["true_faq_id"] != "").sum() < history.MIN_HISTORY:
        return matches, {}
    labelled = matches.questions.assign(created=questions.get("created"))
    check = history.out_of_time(faq, labelled, faq_check)
    used = history.history_wins(check)
    told = {"history": {"phrasings_learned": len(history.phrasings(labelled)), "used": used,
                        "out_of_time": check}}
    return (history.taught_matches(faq, labelled, matches) if used else matches), told


def choose_threshold(config: SupportConfig, check: SelfCheck, matches: Matches) -> tuple[float, str]:
    """The analyst's number, else the labels' suggestion, else the FAQ's own; and which."""
    manual = parse_threshold(config.threshold)
    if manual is not None:
        return manual, "manual"
    from_labels = history_threshold(matches, check) if matches.labelled else None
    if from_labels is not None:
        return from_labels, "labels"
    return check.threshold, "faq"


def threshold_setter(matches: Matches, curve: pd.DataFrame | None, threshold: float, source: str) -> str:
    """Which number the served threshold is: its source, or, when the FAQ kept the labels' threshold
    up, the FAQ's floor (``faq_floor``) or its own check (``faq_check``, few labels lack an FAQ
    answer); the page said "the lowest at which 9 in 10 replies sent are right" for either."""
    wanted = label_threshold(curve)
    if source != "labels" or wanted is None or wanted >= threshold:
        return source
    return "faq_check" if few_uncovered(matches) else "faq_floor"


def floor_note(matches: Matches, curve: pd.DataFrame | None, threshold: float, source: str) -> list[Sentence]:
    """Says so when the FAQ kept the labels' threshold up: with few or no off-topic tickets, 9
    replies in 10 are right at any threshold and the labels alone would answer every question."""
    setter = threshold_setter(matches, curve, threshold, source)
    if setter == source:
        return []
    shown = {"labels": fmt.percent(label_threshold(curve)),  # as the page's slider
             "threshold": fmt.percent(threshold)}
    if shown["labels"] == shown["threshold"]:
        return []
    if setter == "faq_floor":
        return [Sentence("support.note.floor", **shown)]
    truth = read_rows(matches).questions["true_faq_id"]
    return [Sentence("support.note.floor_few_uncovered", **shown, uncovered=f"{(truth == '').sum():,}",
                     labelled=f"{len(truth):,}")]


def run(con: duckdb.DuckDBPyConnection, table: str, config: SupportConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> SupportRun:
    """Match the questions to the FAQ ``table``; threshold, replies, evaluation and gaps."""
    config = config or SupportConfig()
    faq = read_faq(con, table, config.faq_columns())
    if faq.empty:
        raise CrmError(Sentence("support.error.faq_table_no_text", table=table))
    questions = _questions(con, table, config)
    columns = {"faq": detect_columns(con, table, "faq", config.faq_columns())}
    if config.questions_table and not config.questions:
        columns["questions"] = detect_columns(con, config.questions_table, "questions",
                                              config.question_columns())
    reply_col = columns.get("questions", {}).get("reply", "")
    questions, told, notes = _labels_from_replies(questions, faq, reply_col)
    matches = match_questions(faq, questions)
    matches.notes += notes
    check = self_check(matches.matcher)
    matches, taught = _taught(faq, questions, matches, check)
    curve = threshold_curve(matches)
    threshold, source = choose_threshold(config, check, matches)
    matches.notes += floor_note(matches, curve, threshold, source)
    table_out = replies(matches, threshold)
    gaps = find_gaps(table_out.loc[table_out["routed_to_person"], "question"].tolist())
    return SupportRun(table, config, lang, matches, check, threshold, source, table_out, curve, gaps,
                      columns, told | taught)
