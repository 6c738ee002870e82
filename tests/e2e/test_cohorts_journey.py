"""Cohorts in a real browser: sample orders by month, the triangle and curves, the CSV download."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def test_cohorts_of_the_sample_orders(page):
    load_sample_data(page)
    goto_page(page, "Cohorts")
    page.get_by_role("button", name="Compute cohorts").click()
    expect(page.get_by_text("Back the month after")).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text("Retention by cohort").first).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Curves").click()
    expect(page.get_by_text("Retention curves").first).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Table and downloads").click()
    with page.expect_download() as d:
        page.get_by_role("button", name="Download CSV").click()
    frame = pd.read_csv(io.BytesIO(Path(d.value.path()).read_bytes()), encoding="utf-8-sig")
    assert {"cohort", "period", "customers", "retention", "revenue"} <= set(frame.columns)
    assert frame.loc[frame["period"] == 0, "retention"].eq(1.0).all()
    assert_no_exception(page)
