"""The Cohorts page on a member table dated by year only (``年份``): yearly cohorts by default,
the note said, and months asked of it refused in words, not a traceback (fc18)."""

from __future__ import annotations

from crm_core.workspace import store
from crm_core.workspace.store import Workspace
from tests.segment.test_cohorts_yearly import _yearly
from tests.ui.apptest import page_opener

_page = page_opener("pages/cohorts.py")


def test_a_year_only_table_gets_yearly_cohorts_on_the_page(ws):
    with Workspace(ws.folder).connect() as con:
        store.write_frame(con, "members", _yearly())
    at = _page(ws.folder)  # English: AppTest matches a radio's choice by its English words
    at.selectbox(key="coh_table").set_value("members")
    at.button(key="coh_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("the cohorts are yearly" in i.value for i in at.info), [i.value for i in at.info]
    at.radio(key="coh_freq").set_value("M")
    at.button(key="coh_run").click().run()
    assert not at.exception
    assert at.error and "can only be yearly" in at.error[0].value and "'年份'" in at.error[0].value
