"""``python -m crm_core cohorts``: cohorts.csv with the contract's columns, the run kept, clear errors."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from crm_core.cli import main
from crm_core.i18n import t


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


@pytest.mark.parametrize(("lang", "month"), [("en", "mmm yyyy"), ("zh", 'yyyy"年"m"月"')])
def test_the_cohort_workbook_is_for_people_in_the_runs_language(sample_ws, tmp_path, lang, month):
    """fmt13: ``cohort_report.xlsx`` read ``cohort_size``, ``retention 0.44653349001175086`` and the
    text ``2024-01-01`` in a Chinese run too; the CSV keeps the contract's names and values."""
    out = tmp_path / "out"
    assert main(["cohorts", "orders", "--lang", lang, "--workspace", str(sample_ws.folder),
                 "--out", str(out)]) == 0
    frame = pd.read_csv(out / "cohorts.csv", encoding="utf-8-sig")
    book = openpyxl.load_workbook(out / "cohort_report.xlsx")
    cohorts, matrix = book.worksheets
    assert [c.value for c in cohorts[1]] == [t(f"cohort.col.{c}", lang) for c in frame.columns]
    first = cohorts[2]
    assert first[0].is_date and first[0].number_format == month
    assert first[0].value.date() == pd.Timestamp(frame["cohort"][0]).date()
    assert first[4].number_format == "0.0%" and first[4].value == pytest.approx(frame["retention"][0])
    assert first[2].number_format == "#,##0" and first[5].number_format == "#,##0.00"
    assert {c.number_format for c in matrix[2][1:]} == {"0.0%"}


@pytest.mark.parametrize(("code", "drawn"), [("CNY", '"¥"#,##0.00'), ("", "#,##0.00")])
def test_the_cli_workbooks_draw_money_in_the_workspaces_currency(sample_ws, tmp_path, code, drawn):
    """The page's workbooks drew revenue under ``¥`` while the CLI's ``cohort_report.xlsx`` and
    ``segment_report.xlsx`` of the same workspace read plain numbers: the run's files are written
    after the run, which now keeps the currency it was shown in."""
    from crm_core.report import format as fmt

    with sample_ws.connect() as con:
        fmt.set_currency(con, code)
    out = tmp_path / "out"
    for command in ("cohorts", "segment"):
        assert main([command, "orders", "--workspace", str(sample_ws.folder), "--out", str(out)]) == 0
    cohorts = openpyxl.load_workbook(out / "cohort_report.xlsx").worksheets[0]
    heads = [c.value for c in cohorts[1]]
    assert cohorts.cell(2, heads.index(t("cohort.col.revenue", "en")) + 1).number_format == drawn
    members = openpyxl.load_workbook(out / "segment_report.xlsx").worksheets[2]
    columns = pd.read_csv(out / "segments.csv", nrows=0).columns.tolist()
    assert members.cell(2, columns.index("monetary") + 1).number_format == drawn


@pytest.mark.parametrize(("freq", "months"), [("Q", {1, 4, 7, 10}), ("Y", {1})])
def test_cohorts_by_quarter_and_by_year(sample_ws, tmp_path, capsys, freq, months):
    out = tmp_path / "out"
    assert main(["cohorts", "orders", "--freq", freq, "--workspace", str(sample_ws.folder),
                 "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    frame = pd.read_csv(out / "cohorts.csv", encoding="utf-8-sig")
    assert summary["freq"] == freq and set(pd.to_datetime(frame["cohort"]).dt.month) <= months
    assert (pd.to_datetime(frame["cohort"]).dt.day == 1).all()


def test_yearly_dates_get_yearly_cohorts_with_the_note_in_the_runs_language(ws, tmp_path, capsys):
    from crm_core.load.reader import load_file
    from tests.segment.test_cohort_periods import clinic_parquet

    with ws.connect() as con:
        load_file(con, clinic_parquet(tmp_path))
    assert main(["cohorts", "clinic_visits", "--lang", "zh", "--workspace", str(ws.folder),
                 "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert json.loads(printed[-1])["freq"] == "Y"
    assert f"note: {t('cohort.note.Y.first', 'zh', way=t('cohort.way.flag', 'zh'))}" in printed
    kept = t("cohort.note.Y.first", "zh", way=t("cohort.way.period", "zh"))  # the page's words, kept
    assert json.loads(printed[-1])["notes"] == [kept]
