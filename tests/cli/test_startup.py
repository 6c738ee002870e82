"""Start-up: a command imports what it uses, nothing more (docs/architecture.md, "Start-up").

Each check runs the real entry point in a fresh interpreter and reads ``sys.modules`` after it:
the heavy libraries (scikit-learn, SciPy, plotly, pypinyin's dictionaries; pandas for ``--help``)
cost a second or more of every command that imported them without using them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crm_core.cli import build_parser
from tests.conftest import DATA, ROOT

HEAVY = ("sklearn", "scipy", "plotly", "statsforecast", "pypinyin")


def imported_after(*argv: str, extra: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """The stdout lines of ``python -m crm_core ARGV`` run in-process in a fresh interpreter, and
    which of the heavy modules it left imported (the last line)."""
    code = ("import sys; from crm_core.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY + extra!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.splitlines()
    return out[:-1], out[-1]


def test_help_lists_every_command_without_importing_any_command_module():
    out, heavy = imported_after("--help", extra=("pandas", "crm_core.cli.segment"))
    assert heavy == "[]"
    assert any(line.split()[:1] == ["customer"] for line in out)


def test_help_read_from_source_says_what_the_imported_commands_say():
    assert build_parser(["--help"]).format_help() == build_parser().format_help()
    assert build_parser(["segmnt"]).format_usage() == build_parser().format_usage()


def test_customer_look_up_does_not_import_the_linker(sample_ws):
    out, heavy = imported_after("customer", "000001", "--workspace", str(sample_ws.folder),
                                extra=("crm_core.link.run",))
    assert heavy == "[]"
    assert json.loads(out[-1])["orders"]["rows"]


def test_load_of_a_small_file_imports_no_modelling_library_nor_pinyin(ws):
    out, heavy = imported_after("load", str(DATA / "currency.csv"), "--workspace", str(ws.folder))
    assert heavy == "[]"
    assert out[-1].startswith("currency\t")


@pytest.mark.parametrize(("command", "option"), [
    ("churn", "--cutoff"), ("spend", "--cutoff"), ("segment", "--k"), ("cohorts", "--freq"),
    ("support", "--threshold"), ("recommend", "--top"), ("basket", "--min-support"),
    ("link", "--threshold"), ("forecast", "--horizon")])
def test_an_analysis_help_imports_no_modelling_library(command, option):
    """``churn --help`` imported scikit-learn, SciPy and pandas (1.4 s of CPU) to list its options,
    ``segment``, ``forecast``, ``support``, ``link`` 1.2–1.5 s, ``recommend``, ``basket``, ``cohorts``
    0.6–0.7 s: the options come from the Configs, which now live apart from the models."""
    out, heavy = imported_after(command, "--help", extra=("pandas",))
    assert heavy == "[]"
    assert any(option in line for line in out)
