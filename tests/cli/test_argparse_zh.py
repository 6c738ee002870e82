"""argparse's own refusals (a missing argument, a mistyped option or command) are said in the
run's ``--lang``, under argparse's usage line, with its exit code 2; English stays argparse's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crm_core.cli import main
from tests.conftest import ROOT

CASES = [  # argv, the Chinese refusal, argparse's English
    (["load"], "缺少必填参数：FILE", "the following arguments are required: FILE"),
    (["load", "a.csv", "--mode", "merge"], "参数 --mode 不接受 'merge'，可选：'replace'、'append'、'upsert'",
     "argument --mode: invalid choice: 'merge' (choose from 'replace', 'append', 'upsert')"),
    (["segment", "orders", "--k"], "参数 --k 后面要跟一个值", "argument --k: expected one argument"),
    (["load", "a.csv", "--tabel", "t"], "无法识别这些参数：--tabel t", "unrecognized arguments: --tabel t"),
    (["audit", "--limit", "ten"], "参数 --limit 的值 'ten' 不是有效的整数",
     "argument --limit: invalid int value: 'ten'"),
    (["link", "crm", "--rekey"], "参数 --rekey 后面至少要跟一个值",
     "argument --rekey: expected at least one argument"),
    (["load", "a.csv", "--m", "x"], "选项 --m 不完整，可能是以下任一个：--mode、--mask-pii",
     "ambiguous option: --m could match --mode, --mask-pii"),
    (["segments", "orders"], "没有 'segments' 这个命令，可用的命令：",
     "argument command: invalid choice: 'segments'"),
]


def _refusal(capsys, argv: list[str]) -> tuple[int, list[str]]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    return exited.value.code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(("argv", "zh", "en"), CASES)
def test_argparse_refusals_speak_the_language_asked_for(capsys, tmp_path, argv, zh, en):
    """They were English in a ``--lang zh`` run ("the following arguments are required: FILE")."""
    code, err = _refusal(capsys, ["--workspace", str(tmp_path), *argv, "--lang", "zh"])
    assert code == 2 and err[0].startswith("usage: python -m crm_core")
    assert zh in err[-1] and err[-1].startswith("python -m crm_core")
    assert ": error: " in err[-1]
    code, err = _refusal(capsys, ["--workspace", str(tmp_path), *argv, "--lang=en"])
    assert code == 2 and en in err[-1]


def test_python_m_crm_core_refuses_a_missing_file_in_chinese(tmp_path):
    done = subprocess.run([sys.executable, "-m", "crm_core", "load", "--lang", "zh",
                           "--workspace", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "python -m crm_core load: error: 缺少必填参数：FILE"
