"""``recommend`` and ``basket`` on the command line: files, kept runs, last-line JSON, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from crm_core.cli import main
from tests.conftest import DATA, ROOT


def _summary(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_recommend_sample_writes_files_run_and_summary(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--top", "5",
                 "--out", str(out)])
    assert code == 0
    summary = _summary(capsys)
    assert {"hit_rate", "precision", "recall", "popularity_hit_rate", "recent_popularity_hit_rate",
            "baseline_hit_rate", "lift_hit_rate", "run_id"} <= set(summary)
    assert summary["baseline_hit_rate"] == max(summary["popularity_hit_rate"],
                                               summary["recent_popularity_hit_rate"])
    recs = pd.read_csv(out / "recommendations.csv", dtype=str, encoding="utf-8-sig")
    assert list(recs.columns[:3]) == ["customer_id", "rank", "product_id"]
    assert "score" in recs.columns and len(recs.columns) > 5, "product display columns follow the id"
    assert recs.groupby("customer_id").size().max() == 5
    assert recs["customer_id"].str.len().eq(6).all(), "leading zeros of ids are kept"
    evaluation = json.loads((out / "rec_eval.json").read_text(encoding="utf-8"))
    assert evaluation["products_table"] == "products" and evaluation["k"] == 5
    assert evaluation["tried"], "the weights were chosen on the validation window"
    errors = ("hit_rate_se", "precision_se", "recall_se", "products_covered", "products_bought")
    assert {e: summary.get(e) for e in errors} == {e: evaluation[e] for e in errors}, \
        "precision and recall say their error, coverage its count, in the summary as in rec_eval.json"
    assert 0 < summary["precision_se"] < summary["precision"]
    assert summary["coverage"] == round(summary["products_covered"] / summary["products_bought"], 4)
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == len(recs)



def test_recall_and_precision_of_one_judged_customer_keep_a_range(ws, tmp_path, capsys):
    """left61: on Ecwid's excerpt one customer is judged, its recall 100% and precision 20% with a standard
    error of 0, so "95%: 100.0%–100.0%" stood under recall; the range of a mean of so few is wide."""
    assert main(["load", str(DATA / "ecwid_orders_excerpt.csv"), "--workspace", str(ws.folder)]) == 0
    out = tmp_path / "out"
    assert main(["recommend", "ecwid_orders_excerpt", "--workspace", str(ws.folder), "--out", str(out)]) == 0
    summary = _summary(capsys)
    evaluation = json.loads((out / "rec_eval.json").read_text(encoding="utf-8"))
    assert summary["customers_evaluated"] == 1 and summary["recall"] == 1.0 and summary["recall_se"] == 0
    for metric in ("precision", "recall"):
        low, high = summary[f"{metric}_range"]
        assert evaluation[f"{metric}_range"] == [low, high]
        assert 0 <= low < summary[metric] <= high <= 1 and high - low > 0.5, (metric, low, high)


def test_include_bought_is_mode_all(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--include-bought",
                 "--top", "3", "--out", str(out)]) == 0
    assert _summary(capsys)["mode"] == "all"


def test_tiny_table_without_dates_still_recommends(ws, tmp_path, capsys):
    csv = tmp_path / "tiny.csv"
    csv.write_text("客户编号,商品编号\nu1,a\nu1,b\nu2,a\nu3,b\n", encoding="utf-8")
    assert main(["load", str(csv), "--workspace", str(ws.folder)]) == 0
    code = main(["recommend", "tiny", "--workspace", str(ws.folder), "--out", str(tmp_path / "o")])
    assert code == 0
    summary = _summary(capsys)
    assert "skipped" in summary and summary.get("hit_rate") is None
    recs = pd.read_csv(tmp_path / "o" / "recommendations.csv", dtype=str, encoding="utf-8-sig")
    assert recs.set_index("customer_id").loc["u2", "product_id"] == "b"


def test_bad_input_exits_1_with_one_line(sample_ws, capsys):
    assert main(["recommend", "nope", "--workspace", str(sample_ws.folder)]) == 1
    assert "no table named 'nope'" in capsys.readouterr().err
    assert main(["recommend", "customers", "--workspace", str(sample_ws.folder)]) == 1
    err = capsys.readouterr().err.strip()
    assert "product" in err and len(err.splitlines()) == 1
    assert main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--top", "0"]) == 1
    assert main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--products", "orders"]) == 1
    assert "transaction table" in capsys.readouterr().err


def test_module_entry_point_reports_errors_without_traceback(ws):
    proc = subprocess.run([sys.executable, "-m", "crm_core", "recommend", "missing", "--workspace",
                           str(ws.folder)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error:")


def test_basket_writes_rules_with_names(sample_ws, tmp_path, capsys):
    out = tmp_path / "rules"
    assert main(["basket", "orders", "--workspace", str(sample_ws.folder), "--min-support", "0.01",
                 "--out", str(out)]) == 0
    summary = _summary(capsys)
    assert summary["rules"] > 0 and summary["baskets"] > 0
    rules = pd.read_csv(out / "rules.csv", dtype={"antecedent": str, "consequent": str},
                        encoding="utf-8-sig")
    assert list(rules.columns[:1]) == ["antecedent"]
    assert {"consequent", "support", "confidence", "lift"} <= set(rules.columns)
    assert (rules["support"] >= 0.01 - 1e-9).all() and (rules["lift"] >= 1).all()
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM basket_rules").fetchone()[0] == len(rules)
    assert main(["basket", "orders", "--workspace", str(sample_ws.folder), "--min-support", "2"]) == 1
