"""``load`` and ``tables``: getting exports into the workspace."""

from __future__ import annotations

import argparse
import sys

from crm_core.cli import workspace_of
from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.protect import audit
from crm_core.workspace.store import list_tables


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``load`` and ``tables``."""
    load = subparsers.add_parser("load", parents=[common], help="load exports into the workspace")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.add_argument("--table", help="table name (only with one file)")
    load.add_argument("--sheet", help="Excel sheet to load (default: every sheet)")
    load.add_argument("--replace", action="store_true", help="replace a table of the same name")
    load.add_argument("--mask-pii", action="store_true",
                      help="replace personal data (emails, phones, IDs, cards, names, addresses) "
                           "by keyed pseudonyms before it is written")
    load.add_argument("--external", action="store_true",
                      help="register the files where they are (a Parquet/CSV file, folder or URI) "
                           "instead of copying them; any engine reads them in place")
    load.set_defaults(func=run_load)

    tables = subparsers.add_parser("tables", parents=[common], help="list the workspace tables")
    tables.set_defaults(func=run_tables)


def run_load(args: argparse.Namespace) -> None:
    """Load each file; a failure names the file and leaves earlier loads in place."""
    if args.table and len(args.files) > 1:
        raise CrmError("--table names one table; load one file at a time to use it.")
    if args.external:
        _register_external(args)
        return
    with workspace_of(args).connect() as con:
        for path in args.files:
            for result in load_file(con, path, args.table, replace=args.replace, sheet=args.sheet,
                                    mask_pii=args.mask_pii):
                audit.record(con, audit.cli_user(), "load", f"{path} -> {result.table}")
                for note in result.notes:
                    print(f"note: {result.table}: {note}", file=sys.stderr)
                print(f"{result.table}\t{result.rows}\t{result.columns}")


def _register_external(args: argparse.Namespace) -> None:
    from crm_core.load.external import register_external

    with workspace_of(args).connect() as con:
        for path in args.files:
            info = register_external(con, path, args.table, replace=args.replace)
            audit.record(con, audit.cli_user(), "load", f"{path} -> {info.name} (external)")
            print(f"{info.name}\t{info.rows}\t{info.columns}")


def run_tables(args: argparse.Namespace) -> None:
    """One ``NAME<TAB>ROWS`` line per table."""
    with workspace_of(args).connect() as con:
        for info in list_tables(con):
            print(f"{info.name}\t{info.rows}")
