"""``link`` (one customer across channel exports) and ``customer`` (one customer's 360 view)."""

from __future__ import annotations

import argparse

from crm_core.cli import add_run_options, emit, engine_connection, finish, workspace_of
from crm_core.contract import add_config_options, config_from_args
from crm_core.i18n import LANGUAGES, say
from crm_core.link import run as linking
from crm_core.link.run import LinkConfig, LinkRun, run


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``link`` and ``customer``."""
    parser = subparsers.add_parser(
        "link", parents=[common], help="link records of one or more exports into customers",
        description="Writes identity_map.csv (table, record_id, customer_key), links.csv, "
                    "customers_unified.csv and link_model.json; keeps the run in the workspace "
                    "(views identity_map, customers_unified, link_pairs).")
    parser.add_argument("tables", metavar="TABLE", nargs="+", help="customer exports in the workspace")
    add_config_options(parser, LinkConfig)
    parser.add_argument("--rekey", nargs="+", default=(), metavar="TABLE",
                        help="transaction tables to copy as <table>_by_customer, keyed by customer_key")
    add_run_options(parser, LinkRun.kind)
    parser.set_defaults(func=run_link)
    show = subparsers.add_parser(
        "customer", parents=[common], help="one customer's 360 view as JSON",
        description="Finds a customer by any record id, customer key, name, phone or e-mail "
                    "(after `link`) and prints their records, segment, scores, orders and questions.")
    show.add_argument("query", metavar="QUERY", help="an id, customer key, name, phone or e-mail")
    show.add_argument("--lang", choices=tuple(LANGUAGES), default="en",
                      help="language of the note, a refusal and the churn reasons (JSON keys stay English)")
    show.set_defaults(func=run_customer)


def run_link(args: argparse.Namespace) -> None:
    """Link, keep the run, write the files, print the summary JSON."""
    config = config_from_args(LinkConfig, args)
    from crm_core.link.rekey import rekey

    with workspace_of(args).connect() as con:
        result = run(engine_connection(args, con, linking), args.tables, config, lang=args.lang)
        for table in args.rekey:
            info = rekey(con, table, result)
            print(f"{info.name}\t{info.rows}\t{info.columns}")
        finish(args, con, result)


def run_customer(args: argparse.Namespace) -> None:
    """Print the 360 view of the customer ``QUERY`` finds."""
    from crm_core.customers.lists import reasons_in_language
    from crm_core.link import customer360

    with workspace_of(args).connect() as con:
        found = customer360.view(con, args.query)
    churn = found["churn_scores"]
    churn["rows"] = reasons_in_language(churn["rows"], args.lang)
    emit(found | {"note": say(found["note"], args.lang)})
