"""``support``: suggested replies from the FAQ, routing, evaluation and FAQ gaps."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from crm_core.cli import workspace_of
from crm_core.report.files import csv_bytes
from crm_core.support import matcher as support

REPLY_COLUMNS = ["question_id", "faq_id", "score", "answer", "confidence", "routed_to_person",
                 "best_faq_id", "question"]


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``support``."""
    cmd = subparsers.add_parser(
        "support", parents=[common], help="match support questions to FAQ entries",
        description="Suggest an FAQ reply for each question; route low-confidence ones to a person.")
    cmd.add_argument("faq_table", metavar="FAQ_TABLE")
    cmd.add_argument("questions_table", metavar="QUESTIONS_TABLE")
    cmd.add_argument("--threshold", default="auto",
                     help="confidence below which a question goes to a person (0-1, default: auto)")
    cmd.add_argument("--out", default=None, help="folder for replies.csv and support_summary.json "
                                                 "(default: the workspace folder)")
    for flag, meaning in (("--faq-id-col", "FAQ entry id"), ("--faq-question-col", "FAQ question"),
                          ("--answer-col", "FAQ answer"), ("--category-col", "FAQ category"),
                          ("--question-id-col", "incoming question id"),
                          ("--question-col", "incoming question text"),
                          ("--true-faq-col", "the right FAQ id of each question (for evaluation)")):
        cmd.add_argument(flag, default=None, metavar="COLUMN", help=f"column holding the {meaning}")
    cmd.set_defaults(func=run_support)


def _overrides(args: argparse.Namespace) -> tuple[dict[str, str | None], dict[str, str | None]]:
    faq = {"faq_id": args.faq_id_col, "question": args.faq_question_col, "answer": args.answer_col,
           "category": args.category_col}
    questions = {"question_id": args.question_id_col, "question": args.question_col,
                 "faq_id": args.true_faq_col}
    return faq, questions


def run_support(args: argparse.Namespace) -> None:
    """Match, write replies.csv, support_summary.json and table ``support_replies``."""
    support.parse_threshold(args.threshold)
    ws = workspace_of(args)
    faq_cols, question_cols = _overrides(args)
    with ws.connect() as con:
        matches = support.load_and_match(con, args.faq_table, args.questions_table, faq_cols, question_cols)
        threshold = support.resolve_threshold(matches, args.threshold)
        result = support.run_support(matches, threshold)
        support.save_replies(con, result.replies, args.faq_table, args.questions_table, threshold)
    out = Path(args.out) if args.out else ws.folder
    out.mkdir(parents=True, exist_ok=True)
    (out / "replies.csv").write_bytes(csv_bytes(result.replies[REPLY_COLUMNS]))
    (out / "support_summary.json").write_text(
        json.dumps(result.summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"replies: {out / 'replies.csv'}")
    keys = ("questions", "answered_share", "accuracy_at_1", "accuracy_at_3", "threshold",
            "auto_threshold", "wrong_share", "precision_of_replies", "suggested_threshold_from_labels")
    print(json.dumps({k: result.summary[k] for k in keys if k in result.summary}
                     | {"gaps": len(result.gaps)}, ensure_ascii=False))
