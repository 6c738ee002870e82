"""The command line's argument parser: argparse's refusals said in the run's ``--lang``.

argparse writes its own errors ("the following arguments are required: FILE") in English, so a
``--lang zh`` run refused a missing file or a mistyped option in English while every other
refusal was Chinese. The usage line stays argparse's (it lists the options as typed); the
message is matched against argparse's common wordings and said from the catalogue (English as
argparse says it); an unmatched one is kept as it is. The exit code stays argparse's 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from crm_core.i18n import LANGUAGES, listed, t, word

_WORDINGS = {  # the catalogue key (cli.argparse.<key>) → argparse's wording (Python 3.11–3.13)
    "required": r"the following arguments are required: (?P<args>.+)",
    "unknown_command": r"argument command: invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
    "invalid_choice": (r"argument (?P<arg>\S+): invalid choice: "
                       r"(?P<value>.+?) \(choose from (?P<choices>.+)\)"),
    "unrecognized": r"unrecognized arguments: (?P<args>.+)",
    "expected_one": r"argument (?P<arg>\S+): expected one argument",
    "expected_some": r"argument (?P<arg>\S+): expected at least one argument",
    "invalid_value": r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<value>.+)",
    "ambiguous": r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
}
"""Tried in order: an unknown command is said before any other invalid choice."""


def argv_language(argv: Sequence[str]) -> str:
    """The ``--lang`` asked for on the command line, read before parsing (a refusal of the
    parser comes before any option is known); English when none or an unknown one is given."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return "en"


def said(message: str, lang: str) -> str:
    """argparse's message in ``lang``: its names, values and choices kept as typed."""
    for key, wording in _WORDINGS.items():
        match = re.fullmatch(wording, message)
        if match:
            values = match.groupdict()
            for listing in {"choices", "matches"} & values.keys():
                values[listing] = listed(values[listing].split(", "), lang)
            if "type" in values:  # int → 整数
                values["type"] = word("cli.argparse.type", values["type"], lang)
            return t(f"cli.argparse.{key}", lang, **values)
    return message


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` (its subcommands' parsers too) whose refusals speak ``lang``."""

    def __init__(self, *args, lang: str = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def add_subparsers(self, **kwargs):
        """Subcommands' parsers refuse in the same language."""
        kwargs.setdefault("parser_class", lambda **options: Parser(lang=self.lang, **options))
        return super().add_subparsers(**kwargs)

    def error(self, message: str):
        """argparse's usage line, then its message in the run's language; exit code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {said(message, self.lang)}\n")
