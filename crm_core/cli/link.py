"""``link``: one customer across channel exports (``customer``, the 360 view, is ``cli/link_customer.py``)."""

from __future__ import annotations

import argparse
import sys

from crm_core.cli import add_run_options, engine_connection, finish, workspace_of
from crm_core.contract import add_config_options, config_from_args
from crm_core.i18n import say
from crm_core.link.configs import LINK, LinkConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``link``."""
    parser = subparsers.add_parser(
        "link", parents=[common], help="link records of one or more exports into customers",
        description="Writes identity_map.csv (table, record_id, customer_key), links.csv, "
                    "customers_unified.csv and link_model.json; keeps the run in the workspace "
                    "(views identity_map, customers_unified, link_pairs).")
    parser.add_argument("tables", metavar="TABLE", nargs="+", help="customer exports in the workspace")
    add_config_options(parser, LinkConfig)
    parser.add_argument("--rekey", nargs="+", default=(), metavar="TABLE",
                        help="transaction tables to copy as <table>_by_customer, keyed by customer_key")
    add_run_options(parser, LINK)
    parser.set_defaults(func=run_link)


def run_link(args: argparse.Namespace) -> None:
    """Link, keep the run, write the files, print the summary JSON."""
    config = config_from_args(LinkConfig, args)
    from crm_core.link import run as linking  # the model (SciPy): only for a run, not for --help
    from crm_core.link.rekey import rekey

    with workspace_of(args).connect() as con:
        result = linking.run(engine_connection(args, con, linking), args.tables, config, lang=args.lang)
        for note in result.account_notes():  # which column was read as the company (co36)
            print(f"note: {say(note, args.lang)}", file=sys.stderr)
        for table in args.rekey:
            info = rekey(con, table, result)
            print(f"{info.name}\t{info.rows}\t{info.columns}")
        finish(args, con, result)

