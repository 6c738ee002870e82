"""Segments in a real browser: segment the sample data, change k, rename, download all three files."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def _download(page, label: str) -> bytes:
    """A file built on click, after the page's run has ended: in CI the Excel report's download
    outlived Playwright's 30 s default once while the page was still re-running after the tab click."""
    wait_idle(page)
    with page.expect_download(timeout=90_000) as d:
        page.get_by_role("button", name=label).click()
    return Path(d.value.path()).read_bytes()


def _choose_k(page, k: int) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="Number of segments").click()
    page.keyboard.type(str(k))  # filter the list: a long list opened low on the page is cut short
    page.get_by_role("option", name=str(k), exact=True).click()


def test_segment_sample_change_k_rename_and_download(page):
    load_sample_data(page)
    goto_page(page, "Segments")
    page.get_by_role("button", name="Run segmentation").click()
    expect(page.get_by_text("Rename segments")).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text("Details for analysts").first.click()
    expect(page.get_by_text("Recommended k =").first).to_be_visible(timeout=30_000)

    _choose_k(page, 4)
    page.get_by_role("button", name="Run segmentation").click()
    expect(page.get_by_label("Name of cluster 3")).to_be_visible(timeout=120_000)
    wait_idle(page)

    name = page.get_by_label("Name of cluster 0")
    name.fill("VIP <top> customers")
    page.get_by_role("button", name="Save names").click()
    expect(page.get_by_text("Names saved")).to_be_visible(timeout=90_000)
    wait_idle(page)
    expect(page.get_by_label("Name of cluster 0")).to_have_value("VIP <top> customers")
    assert_no_exception(page)

    page.get_by_role("tab", name="Downloads").click()
    csv = pd.read_csv(io.BytesIO(_download(page, "Download segments.csv")), dtype={"customer_id": str},
                      encoding="utf-8-sig")
    assert len(csv) == 3000 and csv["segment"].nunique() == 4
    assert "VIP <top> customers" in set(csv["segment"]) and "000001" in set(csv["customer_id"])
    book = openpyxl.load_workbook(io.BytesIO(_download(page, "Download Excel report")))
    assert book.sheetnames[:4] == ["Summary", "Profiles", "Members", "Parameters"]
    html = _download(page, "Download HTML report").decode("utf-8")
    assert "VIP &lt;top&gt; customers" in html and "<script src=" not in html
    assert_no_exception(page)


def test_feature_tags_are_shown_whole(page):
    # QA6: in a third of the form the chosen features were cut ("Recency (days)", "Frequenc…")
    load_sample_data(page)
    goto_page(page, "Segments")
    chooser = page.get_by_test_id("stMultiSelect").filter(has_text="Features for KMeans")
    expect(chooser).to_be_visible()
    box = chooser.get_by_test_id("stMultiSelectTagsContainer").first.bounding_box()
    tags = chooser.locator("[data-tag]")
    assert tags.count() == 3
    for i in range(tags.count()):
        tag = tags.nth(i).bounding_box()
        assert tag["x"] + tag["width"] <= box["x"] + box["width"], tags.nth(i).inner_text()


def test_headline_numbers_are_shown_whole(page):
    # judge6 walk: at 1280 px five equal columns cut the revenue to "¥5,404,…" (en and zh)
    load_sample_data(page)
    goto_page(page, "Segments")
    page.get_by_role("button", name="Run segmentation").click()
    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(5, timeout=120_000)
    wait_idle(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1).click()  # the currency
    page.get_by_role("option", name="CNY ¥").click()
    expect(values.nth(3)).to_have_text("¥2,339,112", timeout=60_000)
    wait_idle(page)
    for width in (1280, 1024):  # walk12: at 1024 px "Silho…" and "¥5,404,…" again
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        labels = page.get_by_test_id("stMetricLabel")
        cut = [*values.evaluate_all(CUT), *labels.evaluate_all(CUT)]
        assert not cut, (width, cut)


CUT = ("els => els.filter(e => [e, ...e.querySelectorAll('*')]"
       ".some(x => x.scrollWidth > x.clientWidth + 1)).map(e => e.innerText)")
"""The shown text of the elements whose text runs past their box (drawn with an ellipsis)."""
