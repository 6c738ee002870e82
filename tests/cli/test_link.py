"""``link`` and ``customer`` from the terminal: files, views, last-line JSON, 360 blocks, errors."""

from __future__ import annotations

import json

import pandas as pd

from crm_core.cli import main
from crm_core.link import synthetic
from crm_core.workspace import store


def _last_json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_link_generated_exports_writes_the_contract(ws, tmp_path, capsys):
    exports = synthetic.exports(400, seed=11)
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
    out = tmp_path / "out"
    assert main(["link", *exports.tables, "--workspace", str(ws.folder), "--threshold", "0.7",
                 "--out", str(out)]) == 0
    summary = _last_json(capsys)
    assert summary["records"] == len(exports.truth) and summary["customers"] < summary["records"]
    assert {"pairs_linked", "estimated_precision", "estimated_recall"} <= set(summary)
    assert summary["threshold"] == 0.7 and summary["threshold_rule"] == "chosen"
    ids = pd.read_csv(out / "identity_map.csv", dtype=str, encoding="utf-8-sig")
    assert list(ids.columns) == ["table", "record_id", "customer_key"] and len(ids) == len(exports.truth)
    links = pd.read_csv(out / "links.csv", encoding="utf-8-sig")
    assert {"match_probability", "agreeing", "linked"} <= set(links.columns)
    assert links.loc[links["linked"], "match_probability"].min() >= 0.7 - 1e-9
    with ws.connect() as con:
        assert con.execute("SELECT count(*) FROM identity_map").fetchone()[0] == len(ids)
        assert con.execute("SELECT count(*) FROM customers_unified").fetchone()[0] == summary["customers"]
    person = exports.truth.groupby("person").filter(lambda g: len(g) == 3).iloc[0]
    assert main(["customer", person["record_id"], "--workspace", str(ws.folder)]) == 0
    view = _last_json(capsys)
    assert person["record_id"] in view["ids"] and view["segments"]["status"] == "not computed yet"


def test_customer_360_reads_segments_and_orders(sample_ws, capsys):
    folder = str(sample_ws.folder)
    assert main(["link", "customers", "--workspace", folder, "--rekey", "orders"]) == 0
    capsys.readouterr()
    with sample_ws.connect() as con:
        keyed = con.execute("SELECT count(*), count(DISTINCT customer_key) "
                            "FROM orders_by_customer").fetchone()
        assert keyed[0] == con.execute("SELECT count(*) FROM orders").fetchone()[0] and keyed[1] > 1000
    assert main(["segment", "orders", "--workspace", folder, "--k", "3"]) == 0
    capsys.readouterr()
    assert main(["customer", "000001", "--workspace", folder]) == 0
    view = _last_json(capsys)
    assert view["segments"]["status"] == "ok" and view["segments"]["rows"][0]["customer_id"] == "000001"
    assert view["orders"]["status"] == "ok" and view["orders"]["rows"]
    assert view["linked_records"][0]["record_id"] == "000001" and "email" in view["linked_records"][0]


def test_customer_takes_lang_for_its_note_and_refusal(sample_ws, capsys):
    """judge9: ``customer 4744 --lang zh`` was a usage error, though every other command takes
    ``--lang``. The note (no link run yet) and a refusal are said in Chinese; the keys stay."""
    folder = str(sample_ws.folder)
    assert main(["customer", "000001", "--workspace", folder, "--lang", "zh"]) == 0
    view = _last_json(capsys)
    assert "找到了“000001”" in view["note"] and "还没有跨导出文件做客户识别" in view["note"]
    assert view["ids"] == ["000001"] and {r["table"] for r in view["linked_records"]} >= {"customers"}
    assert main(["link", "customers", "--workspace", folder]) == 0
    capsys.readouterr()
    assert main(["customer", "nobody", "--workspace", folder, "--lang", "zh"]) == 1
    assert "没有与“nobody”匹配的客户" in capsys.readouterr().err


def test_clear_errors(ws, capsys):
    with ws.connect() as con:
        store.write_frame(con, "products", pd.DataFrame({"sku": ["A"], "price": [1.0]}))
    assert main(["link", "products", "--workspace", str(ws.folder)]) == 1
    assert "no column to link on" in capsys.readouterr().err
    assert main(["link", "nope", "--workspace", str(ws.folder)]) == 1
    assert main(["link", "products", "--threshold", "2", "--workspace", str(ws.folder)]) == 1
    assert "between 0 and 1" in capsys.readouterr().err
