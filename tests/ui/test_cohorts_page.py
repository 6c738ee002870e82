"""The Cohorts page headless: empty workspace, the sample orders' cohorts with a first-value filter."""

from __future__ import annotations

import json

from crm_core.i18n import t
from tests.ui.apptest import page_opener

_page = page_opener("pages/cohorts.py")


def test_empty_workspace_points_to_data(ws):
    at = _page(ws.folder, "zh")
    assert not at.exception
    assert at.info and at.info[0].value == t("common.no_data", "zh")


def test_sample_cohorts_triangle_curves_and_filter(sample_ws):
    at = _page(sample_ws.folder)
    assert not at.exception
    at.button(key="coh_run").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert [c["data"][0]["type"] for c in charts[:2]] == ["heatmap", "heatmap"]
    table = at.dataframe[-1].value
    assert {"cohort", "period", "customers", "retention", "revenue"} <= set(table.columns)
    assert (table.loc[table["period"] == 0, "retention"] == 1.0).all()
    everyone = int(table.loc[table["period"] == 0, "cohort_size"].sum())
    at.selectbox(key="coh_first_col").set_value("channel").run()
    values = at.selectbox(key="coh_first_value").options
    at.selectbox(key="coh_first_value").set_value(values[1]).run()
    at.button(key="coh_run").click().run()
    assert not at.exception and not at.error
    filtered = at.dataframe[-1].value
    assert 0 < int(filtered.loc[filtered["period"] == 0, "cohort_size"].sum()) < everyone
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM cohorts").fetchone()[0] == len(filtered)
