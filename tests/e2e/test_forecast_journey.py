"""The forecast journey in a real browser: weekly forecast of the sample sales for 8 weeks, the
backtest read and downloaded, churn scored and the at-risk list downloaded."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.e2e.conftest import assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def _download_csv(page) -> pd.DataFrame:
    button = page.get_by_test_id("stDownloadButton").filter(visible=True).first.get_by_role("button")
    with page.expect_download() as download:
        button.click()
    return pd.read_csv(download.value.path(), encoding="utf-8-sig", dtype={"customer_id": str})


def test_weekly_forecast_backtest_and_at_risk_download(page):
    load_sample_data(page)
    goto_page(page, "Forecast")
    page.get_by_role("button", name="Run forecast").click()
    page.get_by_text("wins the backtest").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text("Candidates ranked on a backtest: 3 rolling origins × 8 periods ahead").wait_for()
    assert page.get_by_text("80% band held (backtest)").is_visible()

    backtest = _download_csv(page)
    assert {"Exponential smoothing (ETS)", "Theta", "Naive: last value"} <= set(backtest["method"])
    chosen = backtest.loc[backtest["chosen"], "method"].item()
    assert chosen == backtest.sort_values("mase")["method"].iloc[0]

    page.get_by_role("tab", name="Churn risk").click()
    page.get_by_role("button", name="Train churn model").click()
    page.get_by_text("At-risk customers").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    at_risk = _download_csv(page)
    assert list(at_risk.columns[:2]) == ["customer_id", "churn_probability"]
    assert len(at_risk) > 0 and (at_risk["churn_probability"] >= 0.5).all()
    assert at_risk["customer_id"].str.len().eq(6).all()
