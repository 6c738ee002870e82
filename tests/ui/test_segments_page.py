"""The Segments page: says what is missing on an empty workspace, segments the sample data."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.ui.apptest import page_opener

_page = page_opener("pages/segments.py")

def _name_box(at: AppTest, cluster: int):
    return next(box for box in at.text_input if box.label == f"Name of cluster {cluster}")


def test_sample_run_override_k_and_rename(sample_ws):
    at = _page(sample_ws.folder)
    assert not at.exception
    at.selectbox(key="seg_k").set_value(4)
    at.button[0].click().run()  # the form's "Run segmentation"
    assert not at.exception, at.exception
    assert [m.value for m in at.metric][1] == "4"
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) >= 8
    names = [_name_box(at, c).value for c in range(4)]
    assert len(set(names)) == 4 and all(names)
    _name_box(at, 0).set_value("Top <VIP>")
    next(b for b in at.button if b.label == "Save names").click().run()
    assert not at.exception
    assert _name_box(at, 0).value == "Top <VIP>"
    assert any("Names saved" in s.value for s in at.success)
    with sample_ws.connect() as con:
        rows = con.execute("SELECT segment, count(*) FROM segments GROUP BY 1").fetchall()
    assert ("Top <VIP>" in {r[0] for r in rows}) and sum(r[1] for r in rows) == 3000
