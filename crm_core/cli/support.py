"""``support``: replies from the FAQ for typed questions or a questions table, kept as a run."""

from __future__ import annotations

import argparse

from crm_core.cli import add_run_options, engine_connection, finish, workspace_of
from crm_core.contract import add_config_options, config_from_args
from crm_core.support.configs import SUPPORT, SupportConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``support``."""
    cmd = subparsers.add_parser(
        "support", parents=[common], help="answer questions from an FAQ",
        description="Suggest an FAQ reply for each question (typed with --ask or from a table); "
                    "questions the FAQ does not answer confidently go to a person.")
    cmd.add_argument("faq_table", metavar="FAQ_TABLE")
    cmd.add_argument("questions_table", metavar="QUESTIONS_TABLE", nargs="?", default=None,
                     help="table of incoming questions (optional with --ask)")
    cmd.add_argument("--ask", action="append", default=[], metavar="TEXT",
                     help="a question to answer (repeat for several)")
    add_config_options(cmd, SupportConfig)
    add_run_options(cmd, SUPPORT)
    cmd.set_defaults(func=run_support)


def run_support(args: argparse.Namespace) -> None:
    """Match, keep the run (table ``replies``), write replies.csv and support_summary.json."""
    from crm_core.support import run as support_run  # scikit-learn: only for a run, not for --help

    config = config_from_args(SupportConfig, args, questions_table=args.questions_table,
                              questions=tuple(args.ask))
    with workspace_of(args).connect() as con:
        run = support_run.run(engine_connection(args, con, support_run), args.faq_table, config,
                              lang=args.lang)
        finish(args, con, run)
