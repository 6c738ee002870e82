"""Support in a real browser: sample FAQ, match, change the threshold, try a question, download."""

from __future__ import annotations

import csv

import pytest

from tests.e2e.conftest import assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def _answered(path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 300
    assert list(rows[0])[:4] == ["question_id", "faq_id", "score", "answer"]
    return sum(1 for r in rows if r["faq_id"])


def _download_replies(page):
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").first.get_by_role(
            "button").click()
    assert download.value.suggested_filename == "replies.csv"
    return download.value.path()


def test_support_journey(page):
    load_sample_data(page)
    goto_page(page, "Support")
    page.get_by_text("Suggested replies").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    before = _answered(_download_replies(page))
    assert 0 < before < 300

    button = page.get_by_role("button", name="Use the threshold the labels suggest")
    suggested = float(button.inner_text().rsplit("(", 1)[1].rstrip(")"))
    button.click()
    page.get_by_test_id("stSlider").get_by_text(f"{suggested:.2f}", exact=True).first.wait_for()
    wait_idle(page)
    after = _answered(_download_replies(page))
    assert after != before

    box = page.get_by_label("Try a question")
    box.fill("How long does standard delivery take?")
    box.press("Enter")
    page.get_by_text("this reply would be sent").wait_for()
    wait_idle(page)
    assert_no_exception(page)
