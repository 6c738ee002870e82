"""Recommend in a real browser: sample data, run, one customer, one product, download."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.e2e.conftest import assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def test_recommend_sample_lookup_and_download(page):
    load_sample_data(page)
    goto_page(page, "Recommend")
    page.get_by_role("button", name="Recommend", exact=True).click()
    page.get_by_text("Does it beat best-sellers?").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    assert page.get_by_text("more customers reached").count() > 0

    page.get_by_role("tab", name="One customer").click()
    wait_idle(page)
    box = page.get_by_label("Customer id")
    box.fill("000017")
    box.press("Enter")
    page.get_by_text("Top picks for 000017").wait_for()
    wait_idle(page)

    page.get_by_role("tab", name="One product").click()
    wait_idle(page)
    page.get_by_text("Bought together", exact=True).wait_for()
    assert_no_exception(page)

    page.get_by_role("tab", name="All customers").click()
    page.get_by_text("the downloads have all of them").wait_for()
    wait_idle(page)
    panel = page.get_by_role("tabpanel", name="All customers")
    with page.expect_download(timeout=120_000) as download:
        panel.get_by_test_id("stDownloadButton").first.get_by_role("button").click()
    assert download.value.suggested_filename == "recommendations.csv"
    recs = pd.read_csv(download.value.path(), dtype=str, encoding="utf-8-sig")
    assert {"customer_id", "rank", "product_id", "score", "name"} <= set(recs.columns)
    assert recs["customer_id"].nunique() > 1000 and (recs.groupby("customer_id").size() == 10).all()
    assert_no_exception(page)
