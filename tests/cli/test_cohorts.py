"""``python -m crm_core cohorts``: cohorts.csv with the contract's columns, the run kept, clear errors."""

from __future__ import annotations

import json

import pandas as pd

from crm_core.cli import main


def test_cohorts_weekly_writes_the_contract_columns(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["cohorts", "orders", "--freq", "W", "--workspace", str(sample_ws.folder),
                 "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["freq"] == "W" and summary["result_table"] == "cohorts_orders_1"
    frame = pd.read_csv(out / "cohorts.csv", encoding="utf-8-sig")
    assert list(frame.columns) == ["cohort", "period", "cohort_size", "customers", "retention", "revenue",
                                   "revenue_per_customer"]
    assert (pd.to_datetime(frame["cohort"]).dt.dayofweek == 0).all()  # weeks start on Monday
    assert frame.loc[frame["period"] == 0, "retention"].eq(1.0).all()
    assert summary["customers"] == int(frame.loc[frame["period"] == 0, "cohort_size"].sum())
    assert {"cohort_report.html", "cohort_report.xlsx"} <= {p.name for p in out.iterdir()}


def test_bad_input_is_one_line_exit_1(sample_ws, capsys):
    for argv in (["cohorts", "customers"], ["cohorts", "orders", "--first-value", "web"],
                 ["cohorts", "orders", "--segment", "x"], ["cohorts", "orders", "--first-col", "nope",
                                                           "--first-value", "web"]):
        assert main([*argv, "--workspace", str(sample_ws.folder)]) == 1, argv
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and err.startswith("error:"), err
