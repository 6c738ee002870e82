"""A run on a table without an amount or order id says so, in its summary and on its page."""

from __future__ import annotations

import json

from crm_core.cli import main
from tests.ui.apptest import page_opener

VISITS = "member,visit_day,sku\n" + "".join(
    f"M{c:03d},2024-{m:02d}-{d:02d},P{(c * m) % 7}\n"
    for c in range(40) for m in (1, 3, 5, 8) for d in (3, 17))

_cohorts = page_opener("pages/cohorts.py")


def _last_json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_the_summary_names_the_missing_amount_and_order_id(ws, tmp_path, capsys):
    path = tmp_path / "visits.csv"
    path.write_text(VISITS, encoding="utf-8")
    w = ["--workspace", str(ws.folder), "--out", str(tmp_path / "out")]
    assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    assert main(["cohorts", "visits", *w]) == 0
    note = _last_json(capsys)["missing"]
    assert "'visits'" in note and "no amount column" in note and "order id" not in note
    assert main(["basket", "visits", "--min-support", "0.01", *w]) == 0
    assert "no order id" in _last_json(capsys)["missing"]


def test_a_complete_purchase_log_has_no_missing_note(sample_ws, tmp_path, capsys):
    assert main(["cohorts", "orders", "--workspace", str(sample_ws.folder), "--out", str(tmp_path)]) == 0
    assert "missing" not in _last_json(capsys)


def test_the_page_says_it(ws, tmp_path):
    path = tmp_path / "visits.csv"
    path.write_text(VISITS, encoding="utf-8")
    assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    at = _cohorts(ws.folder)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("'visits' has no amount column" in i.value for i in at.info), [i.value for i in at.info]
