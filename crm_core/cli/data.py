"""``load``, ``tables`` and ``restore``: getting exports into the workspace, monthly re-uploads."""

from __future__ import annotations

import argparse
import json
import sys

from crm_core.cli import add_lang_option, tsv, workspace_of
from crm_core.errors import CrmError
from crm_core.i18n import LANGUAGES, Sentence, say
from crm_core.load import reupload
from crm_core.load.reader import LoadResult, load_file
from crm_core.protect import audit
from crm_core.workspace import store


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``load``, ``tables`` and ``restore``."""
    load = subparsers.add_parser("load", parents=[common], help="load exports into the workspace")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.add_argument("--table", help="table name (only with one file)")
    load.add_argument("--sheet", help="workbook sheet to load (.xlsx, .xlsb, .xls, .ods; "
                                      "default: every visible sheet)")
    load.add_argument("--replace", action="store_true", help="replace a table of the same name")
    load.add_argument("--mode", choices=reupload.MODES, default=None,
                      help="re-upload onto the existing table: replace it, append the rows, or "
                           "upsert by --key; the previous version stays restorable")
    load.add_argument("--key", metavar="COLUMN", help="key column for --mode upsert")
    load.add_argument("--preview", action="store_true",
                      help="with --mode: print what would change (JSON) and change nothing")
    load.add_argument("--mask-pii", action="store_true",
                      help="replace personal data (emails, phones, IDs, cards, names, addresses) "
                           "by keyed pseudonyms before it is written")
    load.add_argument("--lang", choices=tuple(LANGUAGES), default="en",
                      help="language of the notes on what was read, dropped or left out")
    load.add_argument("--external", action="store_true",
                      help="register the files where they are (a Parquet/CSV file, folder or URI) "
                           "instead of copying them; any engine reads them in place")
    load.set_defaults(func=run_load)

    tables = subparsers.add_parser("tables", parents=[common], help="list the workspace tables")
    add_lang_option(tables, "language of the refusals")
    tables.set_defaults(func=run_tables)

    restore = subparsers.add_parser("restore", parents=[common],
                                    help="swap a table back to the version its last re-upload replaced")
    restore.add_argument("table")
    add_lang_option(restore, "language of the refusals")
    restore.set_defaults(func=run_restore)


def _print_result(con, path: str, result: LoadResult, lang: str) -> None:
    audit.record(con, audit.cli_user(), "load", f"{path} -> {result.table}")
    for note in result.notes:
        print(f"note: {result.table}: {say(note, lang)}", file=sys.stderr)
    print(tsv(result.table, result.rows, result.columns))


def run_load(args: argparse.Namespace) -> None:
    """Load each file; a failure names the file and leaves earlier loads in place."""
    if args.table and len(args.files) > 1:
        raise CrmError(Sentence("cli.error.one_table"))
    if (args.preview or args.key) and not args.mode:
        raise CrmError(Sentence("cli.error.preview_mode"))
    if args.external:
        _register_external(args)
        return
    with workspace_of(args).connect() as con:
        for path in args.files:
            if args.mode:
                _reupload(con, args, path)
                continue
            for result in load_file(con, path, args.table, replace=args.replace, sheet=args.sheet,
                                    mask_pii=args.mask_pii):
                _print_result(con, path, result, args.lang)


def _reupload(con, args: argparse.Namespace, path: str) -> None:
    """Preview (and unless ``--preview``, commit) a re-upload onto an existing table."""
    table = args.table or store.safe_table_name(path.rsplit("/", 1)[-1])
    pending = reupload.preview(con, path, table, args.mode, args.key, mask_pii=args.mask_pii)
    if args.preview:
        reupload.discard(con, pending)
        print(json.dumps(pending.diff.as_dict(), ensure_ascii=False))
        return
    for note in (pending.diff.note(), pending.diff.schema_note()):
        if note:
            print(f"note: {table}: {say(note, args.lang)}", file=sys.stderr)
    _print_result(con, path, reupload.commit(con, pending), args.lang)


def _register_external(args: argparse.Namespace) -> None:
    from crm_core.load.external import register_external

    with workspace_of(args).connect() as con:
        for path in args.files:
            info = register_external(con, path, args.table, replace=args.replace)
            audit.record(con, audit.cli_user(), "load", f"{path} -> {info.name} (external)")
            print(tsv(info.name, info.rows, info.columns))


def run_tables(args: argparse.Namespace) -> None:
    """One ``NAME<TAB>ROWS`` line per table."""
    with workspace_of(args).connect() as con:
        for info in store.list_tables(con):
            print(tsv(info.name, info.rows))


def run_restore(args: argparse.Namespace) -> None:
    """``NAME<TAB>ROWS<TAB>COLUMNS`` of the restored table."""
    with workspace_of(args).connect() as con:
        info = store.restore_previous(con, args.table)
        audit.record(con, audit.cli_user(), "load", f"restore {args.table}")
        print(tsv(info.name, info.rows, info.columns))
