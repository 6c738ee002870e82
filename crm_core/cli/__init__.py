"""The command line: ``python -m crm_core COMMAND …`` (see docs/architecture.md).

Each module of this package adds the subcommands of one capability (``register(subparsers,
common)``); they are found by listing the package, so adding a capability adds no line here.
This file holds the shared options, how an analysis run ends (save the run, write its files,
print its summary) and the one error boundary: a :class:`CrmError` becomes one line on stderr
and exit 1, anything else one line and exit 2 (``CRM_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from crm_core import settings
from crm_core.cli._parser import Parser, argv_language
from crm_core.contract import Run, config_from_args
from crm_core.errors import CrmError
from crm_core.i18n import Sentence, say
from crm_core.workspace.store import Workspace

ROLE_FLAGS: dict[str, str] = {
    "customer_id": "--customer-col", "order_id": "--order-col", "date": "--date-col",
    "amount": "--amount-col", "quantity": "--quantity-col", "unit_price": "--price-col",
    "product_id": "--product-col", "description": "--description-col", "label": "--label-col",
}


def command_modules() -> list[str]:
    """Modules of this package that add subcommands (each has ``register``)."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def common_parser() -> argparse.ArgumentParser:
    """Options every command takes after its name: the workspace folder."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a value given before the command name is kept when none follows it
    common.add_argument("--workspace", default=argparse.SUPPRESS, metavar="DIR",
                        help=settings.help_for("workspace"))
    return common


def add_role_options(parser: argparse.ArgumentParser, skip: Sequence[str] = ()) -> None:
    """``--customer-col`` and friends: override the stored or detected column roles."""
    for role, flag in ROLE_FLAGS.items():
        if role not in skip:
            parser.add_argument(flag, dest=f"role_{role}", default=None, metavar="COLUMN",
                                help=f"column holding the {role.replace('_', ' ')}")


def add_lang_option(parser: argparse.ArgumentParser,
                    help: str = "language of the refusals and sentences (JSON keys stay English)") -> None:
    """``--lang``: the language a command's refusals and sentences are said in (the error boundary
    reads ``args.lang``; a command without it refused a Chinese analyst in English only)."""
    from crm_core.i18n import LANGUAGES

    parser.add_argument("--lang", choices=tuple(LANGUAGES), default="en", help=help)


def add_run_options(parser: argparse.ArgumentParser, kind: str) -> None:
    """What every analysis command takes besides its Config (``--out``, ``--lang``, ``--engine``);
    its successful runs are recorded in the audit trail as exports."""
    parser.set_defaults(audit="export")
    parser.add_argument("--out", default=None, metavar="DIR",
                        help=f"folder for the report files (default: <workspace>/exports/{kind})")
    add_lang_option(parser, "report language")
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb",
                        help="where the row-heavy SQL runs: duckdb (this machine, default) or spark "
                             "($CRM_SPARK_REMOTE, else a local session); models fit here either way")


def engine_connection(args: argparse.Namespace, con, module):
    """The connection ``module``'s analysis computes on: the workspace's, or Spark standing in for
    it where the module declares it can (``ENGINES``); elsewhere ``--engine spark`` is refused."""
    if getattr(args, "engine", "duckdb") != "spark":
        return con
    if "spark" not in getattr(module, "ENGINES", ("duckdb",)):
        raise CrmError(Sentence("cli.error.spark_only", command=args.command))
    from crm_core.engine.spark import SparkConnection

    return SparkConnection(con, workspace_of(args).folder)


def role_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The role → column overrides given on the command line."""
    return {role: getattr(args, f"role_{role}") for role in ROLE_FLAGS
            if getattr(args, f"role_{role}", None)}


def tsv(*fields: object) -> str:
    """One tab-separated output line: a tab or line break inside a field becomes a space."""
    return "\t".join(" ".join(str(f).split()) if any(c in str(f) for c in "\t\r\n") else str(f)
                     for f in fields)


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The workspace named by ``--workspace`` (or the default)."""
    return Workspace(getattr(args, "workspace", None))


def out_dir(args: argparse.Namespace, kind: str) -> Path:
    """The one output rule: ``--out`` if given, else ``<workspace>/exports/<kind>/``."""
    return Path(args.out) if getattr(args, "out", None) else workspace_of(args).folder / "exports" / kind


def emit(summary: dict) -> None:
    """Print the summary JSON: always the last stdout line of an analysis command."""
    from crm_core.report.files import json_text

    print(json_text(summary))


def run_analysis(args: argparse.Namespace, module, config_cls, **fixed) -> None:
    """The handler of an analysis of one table: its Config from the options, ``module.run`` on the
    chosen engine, the run's notes (in ``--lang``), then :func:`finish`."""
    config = config_from_args(config_cls, args, **fixed)
    with workspace_of(args).connect() as con:
        result = module.run(engine_connection(args, con, module), args.table, config,
                            roles=role_overrides(args), lang=args.lang)
        for note in getattr(result, "notes", ()):
            print(f"note: {say(note, args.lang)}")
        finish(args, con, result)


def finish(args: argparse.Namespace, con, run: Run, **save_kwargs) -> None:
    """Keep the run in the workspace, write its files, print its summary (with the run id)."""
    from crm_core.report.files import write_files
    from crm_core.workspace import events, runs
    from crm_core.workspace.missing import run_note

    missing = run_note(con, run, role_overrides(args))
    left_out = [say(note, args.lang) for note in events.run_notes(con, run, role_overrides(args))]
    for note in ([missing] if missing else []) + left_out:
        print(f"note: {note}", file=sys.stderr)
    record = runs.save(con, run, **save_kwargs)
    paths = write_files(run.files(), out_dir(args, run.kind))
    emit(run.summary() | ({"missing": missing} if missing else {})
         | ({"left_out": left_out} if left_out else {})
         | {"run_id": record.run_id, "result_table": record.result_table,
            "files": {name: str(path) for name, path in paths.items()}})


def command_index() -> dict[str, tuple[str, dict[str, str]]]:
    """Each command → (the module that registers it, its ``help=`` if it has one), read from the
    modules' source (``add_parser("name", …, help="…")``), not by importing them: naming the
    commands costs no scikit-learn, SciPy or plotly."""
    folder = Path(__file__).parent
    index: dict[str, tuple[str, dict[str, str]]] = {}
    for name in command_modules():
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "add_parser":
                line = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg == "help"}
                index[ast.literal_eval(call.args[0])] = (name, line)
    return index


def command_named(argv: Sequence[str]) -> str | None:
    """The command word in ``argv`` (the first word not an option or ``--workspace``'s value)."""
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--workspace":
            args = args[1:]
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every registered capability (``argv`` None), or only the one ``argv`` names;
    when it names none (``--help``, a mistyped command) the commands are listed from their source:
    the same names and help lines, no module imported."""
    parser = Parser(prog="python -m crm_core", description="Smart CRM Analytics from the terminal.",
                    lang=argv_language(argv or []))
    parser.add_argument("--workspace", default=None, metavar="DIR", help=settings.help_for("workspace"))
    subparsers = parser.add_subparsers(dest="command", required=True)
    common = common_parser()
    if argv is None:
        for name in command_modules():
            importlib.import_module(f"crm_core.cli.{name}").register(subparsers, common)
        return parser
    index = command_index()
    owner = index.get(command_named(argv) or "")
    if owner:
        importlib.import_module(f"crm_core.cli.{owner[0]}").register(subparsers, common)
    else:
        for command, (_, line) in index.items():
            subparsers.add_parser(command, **line)
    return parser


def _audit(args: argparse.Namespace, argv: Sequence[str]) -> None:
    """Record a successful command under its parser's ``audit`` kind (analyses: ``export``, via
    :func:`add_run_options`; cleaning commands: ``clean``). Load and sql record their own entries,
    with the table or the query."""
    from crm_core.protect import audit

    with workspace_of(args).connect() as con:
        audit.record(con, audit.cli_user(), args.audit, " ".join(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    try:
        args.func(args)
        if getattr(args, "audit", None):
            _audit(args, argv)
    except CrmError as exc:
        message = str(say(exc.args[0], getattr(args, "lang", "en")) if exc.args else exc)
        print(f"error: {' '.join(message.split())}", file=sys.stderr)  # one line, whatever the names
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the boundary: never a traceback for the analyst
        if settings.debug():
            raise
        print(f"error: unexpected {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr)
        return 2
    return 0
