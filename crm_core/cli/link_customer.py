"""``customer``: one customer's 360 view as JSON.

Its own module (not ``link``'s) because the CLI imports only the module that registers the command
asked for: a look-up then does not import the linker (``link.run``, its priors and SciPy), which
cost about a second of every ``customer QUERY`` (docs/architecture.md, "Start-up"). The name sorts
right after ``link``, so ``--help`` lists the commands in the order it always did.
"""

from __future__ import annotations

import argparse

from crm_core.cli import emit, workspace_of
from crm_core.i18n import LANGUAGES, say


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``customer``."""
    show = subparsers.add_parser(
        "customer", parents=[common], help="one customer's 360 view as JSON",
        description="Finds a customer by any record id, customer key, name, phone or e-mail "
                    "(after `link`) and prints their records, segment, scores, orders and questions.")
    show.add_argument("query", metavar="QUERY", help="an id, customer key, name, phone or e-mail")
    show.add_argument("--lang", choices=tuple(LANGUAGES), default="en",
                      help="language of the note, a refusal and the churn reasons (JSON keys stay English)")
    show.set_defaults(func=run_customer)


def run_customer(args: argparse.Namespace) -> None:
    """Print the 360 view of the customer ``QUERY`` finds."""
    from crm_core.customers.lists import reasons_in_language
    from crm_core.link import customer360

    with workspace_of(args).connect() as con:
        found = customer360.view(con, args.query)
    churn = found["churn_scores"]
    churn["rows"] = reasons_in_language(churn["rows"], args.lang)
    if found["spend_scores"].get("note"):  # why P(alive) is blank for a one-order customer
        found["spend_scores"]["note"] = say(found["spend_scores"]["note"], args.lang)
    emit(found | {"note": say(found["note"], args.lang)})
