"""The Home page: the workflow names every page as the sidebar does, counts read with separators."""

from __future__ import annotations

import json

import pytest

from app_ui.nav import PAGE_SPECS
from crm_core.i18n import t
from tests.ui.apptest import new_app


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_workflow_names_every_page_as_the_sidebar_does(sample_ws, lang):
    """Walk (English): the workflow said "Integrate", "Keep customers", "Serve" for pages the sidebar
    calls Data, Customers, Support, and left out Link customers, Cohorts, Customer 360 and SQL."""
    at = new_app(sample_ws.folder, lang).run()
    assert not at.exception, at.exception
    steps = " ".join(m.value for m in at.markdown)
    for spec in PAGE_SPECS[1:]:
        assert f"**{t(spec.title_key, lang)}**" in steps, spec.name


def test_table_rows_read_with_thousands_separators(sample_ws):
    """Walk: the table list read 69659 and 144055 under a metric reading 396,857."""
    at = new_app(sample_ws.folder).run()
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["Rows"]["type_config"]["format"] == "localized"
