"""The Recommend page: says what is missing on an empty workspace, runs on the sample data."""

from __future__ import annotations

import json

from crm_core.workspace.store import Workspace
from tests.ui.apptest import page_opener

_page = page_opener("pages/recommend.py")

def test_sample_data_recommend_lookup_heatmap_and_unknown_customer(sample_ws):
    at = _page(sample_ws.folder)
    assert not at.exception
    assert at.selectbox(key="rec_table").value == "orders"
    assert at.selectbox(key="rec_products").value == "products"
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    hit = next(m for m in at.metric if m.label == "Hit rate")
    assert hit.value.endswith("%") and hit.delta.startswith("+")
    assert any("best-sellers" in i.value for i in at.info)
    frames = [d.value for d in at.dataframe]
    assert {"customer_id", "rank", "product_id", "score"} <= set(frames[0].columns)
    why = next(f for f in frames if "why" in f.columns)
    assert why["why"].str.startswith("because you bought").any()
    bought = set(next(f for f in frames if "weight" in f.columns)["product_id"])
    assert not bought & set(why["product_id"]), "already-bought products are excluded by default"
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert spec["data"][0]["type"] == "heatmap"
    with Workspace(sample_ws.folder).connect() as con:
        saved = con.execute("SELECT count(*), count(DISTINCT customer_id) FROM recommendations").fetchone()
    assert saved[0] == saved[1] * 10
    at.text_input(key="rec_customer").set_value("no-such-customer").run()
    assert not at.exception
    assert any("best-sellers" in i.value for i in at.info)


def test_chinese_ui_runs_co_purchase_and_explains_in_chinese(sample_ws):
    at = _page(sample_ws.folder, "zh")
    at.selectbox(key="rec_method").select_index(0).run()
    at.button(key="rec_go").click().run()
    assert not at.exception
    assert [m.label for m in at.metric][:2] == ["命中率", "精确率"]
    assert any("畅销品" in i.value for i in at.info)
    assert not [m for m in at.markdown if "PICK" in m.value or "pickers" in m.value]
