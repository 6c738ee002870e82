"""``python -m crm_core support``: files, last stdout line, overrides and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from crm_core.cli import main
from crm_core.workspace.store import write_frame
from tests.conftest import ROOT


def test_support_on_sample(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["support", "faq", "support_questions", "--workspace", str(sample_ws.folder),
                 "--out", str(out)])
    assert code == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"answered_share", "accuracy_at_1", "accuracy_at_3", "threshold"} <= set(last)
    replies = pd.read_csv(out / "replies.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(replies.columns[:4]) == ["question_id", "faq_id", "score", "answer"]
    assert len(replies) == 300
    assert round((replies["faq_id"] != "").mean(), 4) == last["answered_share"]
    summary = json.loads((out / "support_summary.json").read_text(encoding="utf-8"))
    assert summary["accuracy_at_1"] == last["accuracy_at_1"] and summary["gaps"]
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM replies").fetchone()[0] == 300


def test_threshold_and_overrides_without_labels(ws, tmp_path, capsys):
    with ws.connect() as con:
        write_frame(con, "kb", pd.DataFrame({"k": ["a", "b", "c"],
                                             "ask": ["How long is delivery?", "How do I return?",
                                                     "Reset password"],
                                             "reply": ["2-4 days", "Use My Orders", "Use the link"]}))
        write_frame(con, "inbox", pd.DataFrame({"txt": ["how long is delivery", "are you hiring"]}))
    args = ["support", "kb", "inbox", "--workspace", str(ws.folder), "--out", str(tmp_path),
            "--faq-id-col", "k", "--faq-question-col", "ask", "--answer-col", "reply",
            "--question-col", "txt", "--threshold", "0.3"]
    assert main(args) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["threshold"] == 0.3 and "accuracy_at_1" not in last
    replies = pd.read_csv(tmp_path / "replies.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert replies["faq_id"].tolist() == ["a", ""] and replies["question_id"].tolist() == ["1", "2"]


def test_bad_input_is_one_line_and_exit_1(ws, capsys):
    with ws.connect() as con:
        write_frame(con, "one", pd.DataFrame({"question": ["q?"], "answer": ["a"]}))
        write_frame(con, "qs", pd.DataFrame({"question": ["q?"]}))
    for argv, needle in ((["support", "one", "qs"], "only one entry"),
                         (["support", "nope", "qs"], "no table named 'nope'"),
                         (["support", "one", "qs", "--threshold", "high"], "threshold")):
        assert main([*argv, "--workspace", str(ws.folder)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and needle in err


def test_subprocess_end_to_end(sample_ws, tmp_path):
    done = subprocess.run([sys.executable, "-m", "crm_core", "support", "faq", "support_questions",
                           "--workspace", str(sample_ws.folder), "--out", str(tmp_path),
                           "--threshold", "0.2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["threshold"] == 0.2


def test_typed_questions_from_the_faq_alone(ws, tmp_path, capsys):
    with ws.connect() as con:
        write_frame(con, "bank", pd.read_csv(ROOT / "tests" / "data" / "bank_faq.csv"))
    assert main(["support", "bank", "--ask", "How do I hide an account?", "--ask",
                 "how do I reset my internet banking password", "--workspace", str(ws.folder),
                 "--out", str(tmp_path)]) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["threshold_source"] == "faq" and last["answered_share"] == 0.5
    replies = pd.read_csv(tmp_path / "replies.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert replies["faq_id"].tolist() == ["B01", ""]


def test_reply_col_names_a_reply_column_the_headers_do_not_say(ws, tmp_path, capsys):
    """A 客服工单 export whose reply column is headed 客服 (no reply word): --reply-col reads it."""
    data = ROOT / "tests" / "data"
    tickets = pd.read_csv(data / "shop_tickets_judge13_zh.csv", dtype=str).rename(columns={"回复": "客服"})
    with ws.connect() as con:
        write_frame(con, "常见问题", pd.read_csv(data / "shop_faq_judge13_zh.csv", dtype=str))
        write_frame(con, "工单", tickets)
    args = ["support", "常见问题", "工单", "--workspace", str(ws.folder), "--out", str(tmp_path),
            "--lang", "zh"]
    assert main(args) == 0
    assert "labels_from_replies" not in json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main([*args, "--reply-col", "客服"]) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["threshold_source"] == "labels" and last["labels_from_replies"]["faq_answers"] == 260
    assert last["history"]["used"] and "回复列“客服”" in last["notes"][0]
