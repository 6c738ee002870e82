"""The forecast command keeps the CLI contract: files, last-line JSON, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from crm_core.cli import main
from crm_core.workspace import store
from tests.conftest import ROOT


def _last_json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_forecast_writes_csv_and_backtest_json(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["forecast", "orders", "--freq", "W", "--horizon", "8", "--out", str(out),
                 "--workspace", str(sample_ws.folder)])
    assert code == 0
    summary = _last_json(capsys)
    assert summary["mae"] < summary["naive_mae"] and summary["mape"] < summary["naive_mape"]
    table = pd.read_csv(out / "forecast.csv", encoding="utf-8-sig")
    assert list(table.columns[:4]) == ["period", "forecast", "lower", "upper"] and len(table) == 8
    assert (pd.to_datetime(table["period"]).dt.day_of_week == 0).all()
    backtest = json.loads((out / "backtest.json").read_text(encoding="utf-8"))
    assert backtest["series"][0]["winner"] == summary["winner"] == summary["ranking"][0]
    assert {"regression", "ets", "theta", "ensemble", "last_value", "seasonal_naive"} \
        <= set(backtest["series"][0]["metrics"])
    # 104 weeks: the origins before them hold no yearly season, where MSTL forecasts as ETS (walk20)
    assert "mstl" not in backtest["series"][0]["metrics"] and any("(MSTL)" in n for n in summary["notes"])
    assert 0 <= summary["coverage_80"] <= summary["coverage_95"] <= 1
    assert summary["result_table"] == "forecast_orders_1"


def test_forecast_by_group_adds_the_group_column(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["forecast", "orders", "--freq", "M", "--horizon", "2", "--by", "channel",
                 "--out", str(out), "--workspace", str(sample_ws.folder)])
    assert code == 0
    written = (out / "forecast.csv").read_text(encoding="utf-8-sig")
    table = pd.read_csv(out / "forecast.csv", encoding="utf-8-sig")
    assert table.columns[0] == "channel" and "(total)" in set(table["channel"])
    assert _last_json(capsys)["series"] == table["channel"].nunique()
    # left30: amounts to the cent (walk23 read 718.810542591566), the parts adding up to the total as written
    numbers = [cell for line in written.splitlines()[1:] for cell in line.split(",")[2:7]]
    assert all(len(cell.partition(".")[2]) <= 2 for cell in numbers), numbers[:5]
    parts = table[table["channel"] != "(total)"].groupby("period")["forecast"].sum().round(2)
    total = table[table["channel"] == "(total)"].set_index("period")["forecast"]
    assert parts.to_dict() == total.to_dict()


def test_bad_input_exits_1_with_one_line(sample_ws, capsys):
    ws = ["--workspace", str(sample_ws.folder)]
    for argv in (["forecast", "nope"], ["forecast", "orders", "--horizon", "500"],
                 ["forecast", "orders", "--value-col", "missing"]):
        assert main([*argv, *ws]) == 1, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith("error:") and len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("column, lang, said", [
    ("channel", "en", "error: 'channel' in table 'orders' is not a column of numbers to add up, so it "
                      "cannot be forecast (Measure, --value-col); its numeric columns: quantity, unit_price, "
                      "amount."),
    ("customer_id", "zh", "error: 表“orders”的“customer_id”不是可以逐期累加的数值列，不能作为预测的指标列"
                          "（--value-col）；该表的数值列：quantity、unit_price、amount。"),
    ("missing", "zh", "error: 表“orders”没有列“missing”，无法作为预测的指标列（--value-col）；"
                      "该表的数值列：quantity、unit_price、amount。")])
def test_a_value_column_that_is_not_numbers_is_refused_naming_the_ones_that_are(sample_ws, capsys,
                                                                               column, lang, said):
    """pol3: ``--value-col channel`` said "The series has values that are not numbers" (which
    column? which would do?); ``--value-col customer_id`` forecast the sum of the ids (002327)."""
    code = main(["forecast", "orders", "--value-col", column, "--lang", lang,
                 "--workspace", str(sample_ws.folder)])
    assert code == 1 and capsys.readouterr().err.strip() == said


def test_subprocess_end_to_end_on_the_chinese_export(sample_ws, tmp_path):
    env = {**os.environ, "CRM_WORKSPACE": str(sample_ws.folder)}
    proc = subprocess.run([sys.executable, "-m", "crm_core", "forecast", "store_sales_cn",
                           "--freq", "D", "--horizon", "14", "--out", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["freq"] == "D" and summary["mae"] < summary["naive_mae"]


def test_notes_speak_the_language_asked_for(sample_ws, tmp_path, capsys):
    """``--lang zh`` wrote the files in Chinese but printed every note in English."""
    import re

    for lang, script in (("zh", r"[\u4e00-\u9fff]"), ("en", r"^[\x00-\x7f]*$")):
        assert main(["forecast", "orders", "--freq", "M", "--horizon", "2", "--lang", lang,
                     "--out", str(tmp_path / lang), "--workspace", str(sample_ws.folder)]) == 0
        notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
        assert notes and all(re.search(script, note[6:]) for note in notes), (lang, notes)


@pytest.mark.parametrize(("lang", "words"), [("en", "erred less in the backtest than"),
                                             ("zh", "在回测中的误差低于")])
def test_each_part_of_a_split_prints_why_its_model_is_served(ws, tmp_path, capsys, lang, words):
    """fc19: the served-model note was printed for the total only; a split's parts (星野源 served the
    mean while ETS erred less, Prince Philip his share while the last value erred less) said nothing."""
    with ws.connect() as con:
        store.write_frame(con, "pages", pd.read_csv(ROOT / "tests" / "data" / "wikipedia_pages_daily.csv",
                                                    parse_dates=["date"]))
    assert main(["forecast", "pages", "--freq", "W", "--horizon", "8", "--value-col", "value", "--by", "Page",
                 "--full-series", "1", "--lang", lang, "--out", str(tmp_path),
                 "--workspace", str(ws.folder)]) == 0
    printed = capsys.readouterr().out.splitlines()
    served = [line for line in printed if line.startswith("note: ") and words in line]
    assert len(served) == 3, served  # the total's, then one per part whose served model erred more
    named = [any(page in line for line in served) for page in ("星野源", "Philip", "Gordon")]
    assert named == [True, True, False], served
