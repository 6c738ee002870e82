"""The command line: ``python -m crm_core COMMAND …`` (see DESIGN.md's contract).

Each capability registers its subcommands from a module in this package; this file holds
the shared options and the one error boundary: a :class:`CrmError` becomes one line on
stderr and exit 1, anything else one line and exit 2 (``CRM_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from crm_core.errors import CrmError
from crm_core.workspace.store import Workspace

COMMAND_MODULES: tuple[str, ...] = ("data", "quality", "segment", "forecast", "recommend", "support", "sql")
"""Modules of this package that add subcommands; each has ``register(subparsers, common)``."""

ROLE_FLAGS: dict[str, str] = {
    "customer_id": "--customer-col", "order_id": "--order-col", "date": "--date-col",
    "amount": "--amount-col", "quantity": "--quantity-col", "unit_price": "--price-col",
    "product_id": "--product-col", "description": "--description-col", "label": "--label-col",
}


def common_parser() -> argparse.ArgumentParser:
    """Options every command takes: the workspace folder."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", default=None,
                        help="workspace folder (default: $CRM_WORKSPACE, else ./workspace)")
    return common


def add_role_options(parser: argparse.ArgumentParser, skip: Sequence[str] = ()) -> None:
    """``--customer-col`` and friends: override the stored or detected column roles."""
    for role, flag in ROLE_FLAGS.items():
        if role not in skip:
            parser.add_argument(flag, dest=f"role_{role}", default=None, metavar="COLUMN",
                                help=f"column holding the {role.replace('_', ' ')}")


def role_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The role → column overrides given on the command line."""
    return {role: getattr(args, f"role_{role}") for role in ROLE_FLAGS
            if getattr(args, f"role_{role}", None)}


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The workspace named by ``--workspace`` (or the default)."""
    return Workspace(args.workspace)


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every registered capability."""
    parser = argparse.ArgumentParser(prog="python -m crm_core",
                                     description="Smart CRM Analytics from the terminal.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    common = common_parser()
    for name in COMMAND_MODULES:
        importlib.import_module(f"crm_core.cli.{name}").register(subparsers, common)
    return parser


AUDITED: dict[str, str] = {
    "clean": "clean", "union": "clean", "join": "clean", "segment": "export",
    "forecast": "export", "churn": "export", "spend": "export", "recommend": "export",
    "support": "export",
}
"""Commands recorded in the workspace's audit trail once they succeed (load and sql record
their own entries, with the table or the query)."""


def _audit(args: argparse.Namespace, argv: Sequence[str]) -> None:
    from crm_core.protect import audit
    with workspace_of(args).connect() as con:
        audit.record(con, audit.cli_user(), AUDITED[args.command], " ".join(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
        if args.command in AUDITED:
            _audit(args, argv)
    except CrmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the boundary: never a traceback for the analyst
        if os.environ.get("CRM_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr)
        return 2
    return 0
