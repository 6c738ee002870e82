"""Every page renders without an exception, on an empty workspace and on the sample data."""

from __future__ import annotations

import pytest

from tests.ui.apptest import new_app

_app = new_app

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_on_empty_workspace_points_to_data(ws, lang):
    at = _app(ws.folder, lang).run()
    assert not at.exception
    assert at.info, "an empty workspace should say where to start"


def test_home_lists_sample_tables(sample_ws):
    at = _app(sample_ws.folder).run()
    assert not at.exception
    assert "orders" in at.dataframe[0].value.iloc[:, 0].tolist()
