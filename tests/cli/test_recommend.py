"""``recommend`` on the command line: files, workspace table, last-line JSON, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from crm_core.cli import main
from tests.conftest import ROOT


def test_recommend_sample_writes_files_table_and_summary(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--top", "5",
                 "--out", str(out)])
    assert code == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"hit_rate", "precision", "recall", "popularity_hit_rate"} <= set(summary)
    assert summary["hit_rate"] > summary["popularity_hit_rate"]
    recs = pd.read_csv(out / "recommendations.csv", dtype=str, encoding="utf-8-sig")
    assert list(recs.columns[:4]) == ["customer_id", "rank", "product_id", "name"]
    assert {"score", "description", "because_product_id", "because_product_name"} <= set(recs.columns)
    assert recs.groupby("customer_id").size().max() == 5
    assert recs["customer_id"].str.len().eq(6).all(), "leading zeros of ids are kept"
    evaluation = json.loads((out / "rec_eval.json").read_text(encoding="utf-8"))
    assert evaluation["products_table"] == "products" and evaluation["k"] == 5
    rates = evaluation["popularity_weight_hit_rates"]
    assert rates[str(evaluation["popularity_weight_used"])] == max(rates.values())
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == len(recs)


def test_recommend_options_category_and_include_bought(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--method", "cf",
                 "--include-bought", "--category", "Tea", "--top", "3", "--out", str(out), "--no-table"])
    assert code == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["method_used"] == "cf"
    recs = pd.read_csv(out / "recommendations.csv", dtype=str, encoding="utf-8-sig")
    assert set(recs["category"]) == {"Tea"}


def test_tiny_table_without_dates_or_orders_still_recommends(ws, tmp_path, capsys):
    csv = tmp_path / "tiny.csv"
    csv.write_text("客户编号,商品编号\nu1,a\nu1,b\nu2,a\nu3,b\n", encoding="utf-8")
    assert main(["load", str(csv), "--workspace", str(ws.folder)]) == 0
    code = main(["recommend", "tiny", "--workspace", str(ws.folder), "--out", str(tmp_path / "o")])
    assert code == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "skipped" in summary and summary.get("hit_rate") is None
    recs = pd.read_csv(tmp_path / "o" / "recommendations.csv", dtype=str, encoding="utf-8-sig")
    assert recs.set_index("customer_id").loc["u2", "product_id"] == "b"


def test_bad_input_exits_1_with_one_line(sample_ws, capsys):
    assert main(["recommend", "nope", "--workspace", str(sample_ws.folder)]) == 1
    assert "no table named 'nope'" in capsys.readouterr().err
    assert main(["recommend", "customers", "--workspace", str(sample_ws.folder)]) == 1
    err = capsys.readouterr().err.strip()
    assert "product" in err and len(err.splitlines()) == 1
    assert main(["recommend", "orders", "--workspace", str(sample_ws.folder), "--weight", "3"]) == 1


def test_module_entry_point_reports_errors_without_traceback(ws):
    proc = subprocess.run([sys.executable, "-m", "crm_core", "recommend", "missing", "--workspace",
                           str(ws.folder)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error:")


def test_chinese_shop_export_keyed_by_product_name_links_the_catalogue(sample_ws, tmp_path, capsys):
    out = tmp_path / "cn"
    code = main(["recommend", "store_sales_cn", "--workspace", str(sample_ws.folder), "--out", str(out),
                 "--no-table"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["customers_evaluated"] > 0
    recs = pd.read_csv(out / "recommendations.csv", dtype=str, encoding="utf-8-sig")
    assert recs["product_id"].str.contains("[\u4e00-\u9fff]").all()  # 商品 names are the keys
    assert recs["category"].notna().all(), "names matched the products table"
