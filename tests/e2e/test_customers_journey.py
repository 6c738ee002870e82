"""The customers journey in a real browser: churn scored on the sample orders, the at-risk list
(never a lost customer) downloaded, then the expected spend with its backtest."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import (
    assert_no_exception,
    download_csv,
    download_excel,
    goto_page,
    load_sample_data,
    wait_idle,
)

pytestmark = pytest.mark.e2e


def test_at_risk_list_download_and_spend(page):
    load_sample_data(page)
    goto_page(page, "Customers")
    page.get_by_role("button", name="Train churn model").click()
    page.get_by_text("At-risk customers").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    at_risk = download_csv(page)
    noise = at_risk.select_dtypes("float").map(lambda x: len(repr(x).partition(".")[2]) > 4).any()
    assert not noise.any(), f"QA8 walk: 0.7431729218714718 in {list(noise[noise].index)}"
    assert list(at_risk.columns[:3]) == ["customer_id", "churn_probability", "reasons"]
    assert len(at_risk) > 0 and (at_risk["churn_probability"] >= 0.5).all()
    assert at_risk["status"].eq("at_risk").all() and at_risk["customer_id"].str.len().eq(6).all()
    for_people = download_excel(page)  # the workbook reads as the grid: headers and statuses in words
    assert {"Customer", "Status", "Reasons"} <= set(for_people.columns), list(for_people.columns)
    assert for_people["Status"].eq("at risk").all() and "drivers" not in for_people
    assert for_people["Customer"].tolist() == at_risk["customer_id"].tolist()

    page.get_by_role("tab", name="Customer spend").click()
    page.get_by_role("button", name="Predict customer spend").click()
    page.get_by_text("Chosen by the backtest").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    # the headline is the total to plan with, its caption the list's own sum (left38)
    assert page.get_by_text("Expected total, corrected by the backtest", exact=True).is_visible()
    assert page.get_by_text("Plan with this total.").first.is_visible()
