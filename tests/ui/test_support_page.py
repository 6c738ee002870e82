"""Support page headless: empty workspace, the sample path, threshold, try box, save, Chinese UI."""

from __future__ import annotations

import json

import pytest

from crm_core.workspace import store
from tests.ui.apptest import page_opener

_page = page_opener("pages/support.py")

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_main_path(sample_ws, lang):
    at = _page(sample_ws.folder, lang)
    assert not at.exception
    assert at.selectbox(key="support_faq").value == "faq"
    assert at.selectbox(key="support_questions").value == "support_questions"
    replies = at.dataframe[0].value
    assert len(replies) == 300
    routed = replies["faq_id"] == ""
    assert 0 < routed.sum() < 300
    assert (replies.loc[routed, "answer"] == "").all()
    charts = at.get("plotly_chart")
    assert len(charts) == 2, "score distribution and the deflection curve (labels exist)"
    curve = json.loads(charts[1].proto.spec)
    assert len(curve["data"]) == 3


def test_threshold_slider_changes_answered_share(sample_ws):
    at = _page(sample_ws.folder)
    answered = (at.dataframe[0].value["faq_id"] != "").sum()
    at.slider(key="support_threshold").set_value(0.0).run()
    assert not at.exception
    assert (at.dataframe[0].value["faq_id"] != "").sum() == 300 > answered
    at.slider(key="support_threshold").set_value(1.0).run()
    assert (at.dataframe[0].value["faq_id"] != "").sum() == 0
    assert any("No question" in i.value for i in at.info) is False  # everything routed → gaps shown
    at.button(key="support_auto").click().run()
    assert (at.dataframe[0].value["faq_id"] != "").sum() == answered


def test_try_box_and_save(sample_ws):
    at = _page(sample_ws.folder)
    at.text_input(key="support_try").set_value("How long does standard delivery take?").run()
    assert not at.exception
    assert at.success and "would be sent" in at.success[0].value
    at.text_input(key="support_try").set_value("Are you hiring in the warehouse?").run()
    assert at.warning and "person" in at.warning[0].value
    at.button(key="support_save").click().run()
    assert not at.exception
    with sample_ws.connect() as con:
        assert store.table_exists(con, "support_replies")
        assert con.execute("SELECT count(*) FROM support_replies").fetchone()[0] == 300


def test_same_table_twice_warns(sample_ws):
    at = _page(sample_ws.folder)
    at.selectbox(key="support_questions").set_value("faq").run()
    assert not at.exception
    assert at.warning and "two different tables" in at.warning[0].value
