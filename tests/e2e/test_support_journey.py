"""Support in a real browser: an FAQ alone, typed questions answered (or sent to a person)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.workspace.store import Workspace, write_frame
from tests.conftest import ROOT
from tests.e2e.conftest import assert_no_exception, goto_page, wait_idle

pytestmark = pytest.mark.e2e
SHOTS = ROOT / "test-artifacts"


def test_typed_questions_are_answered(page, server):
    with Workspace(server[1]).connect() as con:  # the FAQ alone, as the workspace's only table
        write_frame(con, "faq", pd.read_csv(ROOT / "tests" / "data" / "bank_faq.csv"))
    goto_page(page, "Support")
    page.get_by_label("Questions, one per line").wait_for(timeout=60_000)
    box = page.get_by_label("Questions, one per line")
    box.fill("How do I hide an account?\nhow do I reset my internet banking password")
    box.press("Control+Enter")
    page.get_by_text("To hide or unhide an account in Internet Banking").first.wait_for(timeout=60_000)
    page.get_by_text("this question goes to a person").first.wait_for()
    wait_idle(page)
    assert_no_exception(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "after_support_typed_en.png"), full_page=True)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Language").click()
    page.get_by_role("option", name="简体中文").click()
    page.get_by_text("置信度不足：该问题转人工处理。").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    page.screenshot(path=str(SHOTS / "after_support_typed_zh.png"), full_page=True)
