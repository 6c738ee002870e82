"""Results a manager can read, in a real browser: a Chinese segment report in colour, the page
in plain words, screenshots at 1280 and 1920 px (saved under test-artifacts/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from crm_core.report.palette import OKABE_ITO
from tests.e2e.conftest import ARTIFACTS, assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def _chinese(page) -> None:
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Language").click()
    page.get_by_role("option", name="简体中文").click()
    page.get_by_text("客户分群").first.wait_for()
    wait_idle(page)


def test_chinese_segment_report_is_in_colour_and_in_words(page):
    load_sample_data(page)
    _chinese(page)
    goto_page(page, "客户分群")
    page.get_by_role("button", name="运行分群").click()
    expect(page.get_by_text("重命名分群")).to_be_visible(timeout=180_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text("轮廓系数：客户归属自身分群的清晰程度").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "after_segments_zh_1280.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1000})
    page.screenshot(path=str(ARTIFACTS / "after_segments_zh_1920.png"), full_page=True)

    page.get_by_role("tab", name="下载").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 HTML 报告").click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    used = set(re.findall(r'"color":"(#[0-9A-Fa-f]{6})"', html))
    assert {c.upper() for c in used} & set(OKABE_ITO), "segment colours from the palette"
    assert "#000001" not in html, "no placeholder colours from Streamlit's template"
    assert "建议行动" in html and "轮廓系数" in html
    report = page.context.new_page()
    report.set_viewport_size({"width": 1280, "height": 900})
    saved = ARTIFACTS / "after_segment_report_zh.html"  # the download has no .html suffix
    saved.write_text(html, encoding="utf-8")
    report.goto(saved.as_uri())
    headings = report.locator("h2")
    for i, name in enumerate(("summary", "k_choice", "profiles", "rfm")):
        headings.nth(i).evaluate("h => h.scrollIntoView()")
        report.wait_for_timeout(1500)  # plotly draws after scrolling
        report.screenshot(path=str(ARTIFACTS / f"after_segment_report_zh_{name}.png"), timeout=60_000)
    report.close()
