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

from crm_core.i18n import LANGUAGES, listed, t

_MESSAGES = [  # argparse's wording (Python 3.11–3.13) → the catalogue key saying it
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "required"),
    (re.compile(r"argument command: invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "unknown_command"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "invalid_choice"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "unrecognized"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "expected_one"),
    (re.compile(r"argument (?P<arg>\S+): expected at least one argument"), "expected_some"),
    (re.compile(r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<value>.+)"), "invalid_value"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"), "ambiguous"),
    (re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"), "not_together"),
]


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
    for pattern, key in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            values = match.groupdict()
            if "choices" in values:
                values["choices"] = listed(values["choices"].split(", "), lang)
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
