"""``runs``: the analyses kept in the workspace, newest first."""

from __future__ import annotations

import argparse

from crm_core.cli import add_lang_option, tsv, workspace_of
from crm_core.workspace import runs


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``runs``."""
    parser = subparsers.add_parser(
        "runs", parents=[common], help="list kept analysis runs, newest first",
        description="One RUN_ID<TAB>KIND<TAB>TABLE<TAB>CREATED_AT<TAB>RESULT_TABLE line per run.")
    parser.add_argument("--kind", default=None, help="only runs of this kind (e.g. segments)")
    parser.add_argument("--table", default=None, help="only runs on this source table")
    add_lang_option(parser, "language of the refusals")
    parser.set_defaults(func=list_runs)


def list_runs(args: argparse.Namespace) -> None:
    with workspace_of(args).connect() as con:
        for record in runs.list_runs(con, args.kind, args.table):
            print(tsv(record.run_id, record.kind, record.table, f"{record.created_at:%Y-%m-%d %H:%M:%S}",
                      record.result_table))
