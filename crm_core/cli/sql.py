"""``sql``, ``audit`` and ``hash-password``: the read-only explorer, the audit trail, sign-in setup."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from decimal import Decimal

from crm_core.cli import add_lang_option, workspace_of
from crm_core.errors import CrmError
from crm_core.explore import sandbox
from crm_core.i18n import Sentence
from crm_core.protect import audit, auth
from crm_core.report.files import csv_float, neutralise_formulas, settled_floats


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``sql``, ``audit`` and ``hash-password``."""
    sql = subparsers.add_parser("sql", parents=[common],
                                help="run one read-only SQL query in the sandbox")
    sql.add_argument("query", metavar="QUERY")
    sql.add_argument("--format", choices=("csv", "json"), default="csv",
                     help="csv (header + rows) or json (one line: an array of records)")
    sql.add_argument("--timeout", type=float, default=sandbox.DEFAULT_TIMEOUT, metavar="S",
                     help=f"stop the query after S seconds (default {sandbox.DEFAULT_TIMEOUT:g})")
    add_lang_option(sql, "language of the refusals")
    sql.set_defaults(func=run_sql)

    log = subparsers.add_parser("audit", parents=[common], help="show the newest audit entries")
    log.add_argument("--limit", type=int, default=50)
    add_lang_option(log, "language of the refusals")
    log.set_defaults(func=run_audit)

    hashed = subparsers.add_parser("hash-password",
                                   help="print a password hash for .streamlit/secrets.toml")
    hashed.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input instead of prompting")
    add_lang_option(hashed, "language of the refusals")
    hashed.set_defaults(func=run_hash_password)


def run_sql(args: argparse.Namespace) -> None:
    """Stream the result to stdout; every query is audited before it runs, refused or not."""
    ws, user = workspace_of(args), audit.cli_user()
    with ws.connect() as con:
        entry = audit.begin(con, user, "sql", args.query)
    outcome = "refused"
    try:
        frames = sandbox.stream_query(ws.db_path, args.query, args.timeout)
        if args.format == "csv":
            _write_csv(frames)
        else:
            _write_json(frames)
        outcome = "ok"
    finally:
        with ws.connect() as con:
            audit.finish(con, entry, user, "sql", outcome)


def _write_csv(frames) -> None:
    """CSV that a spreadsheet opens safely: cells and headers like ``=HYPERLINK(…)`` are text; floats
    without double arithmetic's last-bit noise (``0.30000000000000004``), as the page's download."""
    for i, frame in enumerate(frames):
        written = neutralise_formulas(settled_floats(frame))
        sys.stdout.write(written.to_csv(index=False, header=i == 0, lineterminator="\n",
                                        float_format=csv_float))


def _write_json(frames) -> None:
    parts = [_json_records(frame) for frame in frames]
    sys.stdout.write("[" + ",".join(p for p in parts if p) + "]\n")


def _json_records(frame) -> str:
    """Records without the brackets: NULL → null, decimals → numbers, dates → ISO text."""
    clean = frame.astype(object).where(frame.notna(), None)
    return json.dumps(clean.to_dict(orient="records"), default=_json_value, ensure_ascii=False)[1:-1]


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def run_audit(args: argparse.Namespace) -> None:
    """Tab-separated entries, newest first."""
    with workspace_of(args).connect() as con:
        frame = audit.recent(con, args.limit)
    for row in frame.itertuples(index=False):
        detail = " ".join(str(row.detail).split())
        print(f"{row.logged_at:%Y-%m-%d %H:%M:%S}\t{row.user_name}\t{row.action}\t{row.outcome}\t{detail}")


def run_hash_password(args: argparse.Namespace) -> None:
    """Prompt twice (or read stdin) and print the hash line to paste into secrets.toml."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise CrmError(Sentence("cli.error.passwords_differ"))
    print(json.dumps(auth.hash_password(password)))
