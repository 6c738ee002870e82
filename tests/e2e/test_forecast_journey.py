"""The forecast journey in a real browser: weekly forecast of the sample sales for 8 weeks, the
backtest read and downloaded."""

from __future__ import annotations

import pytest

from crm_core import i18n
from tests.e2e.conftest import assert_no_exception, download_csv, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def test_weekly_forecast_and_backtest_download(page):
    load_sample_data(page)
    goto_page(page, "Forecast")
    page.get_by_role("button", name="Run forecast").click()
    page.get_by_text("chosen on a backtest").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text("Candidates ranked on a backtest: 6 rolling origins × 8 weeks ahead").wait_for()
    assert page.get_by_text("80% band held (backtest)").is_visible()
    # QA3 walk: the chart had no title of its own (a downloaded image named nothing); plotly
    # draws it after the page settles, so wait for it rather than look once
    page.get_by_text("Revenue: history and the forecast for the next 8 weeks").wait_for()
    # judge8 walk: the legend lay under the range slider, so no line or band was named
    boxes = page.evaluate("""() => ['.legend', '.rangeslider-container'].map(s => {
        const r = document.querySelector('.js-plotly-plot ' + s).getBoundingClientRect();
        return [r.top, r.bottom]; })""")
    (legend_top, legend_bottom), (slider_top, slider_bottom) = boxes
    assert legend_bottom <= slider_top or legend_top >= slider_bottom, boxes

    backtest = download_csv(page)  # headed as its grid (left30: no CLI file has its columns)
    method, chosen, mase = (i18n.t(f"forecast.col.{c}", "en") for c in ("method", "chosen", "mase"))
    assert {"Exponential smoothing (ETS)", "Theta", "Naive: last value"} <= set(backtest[method])
    assert backtest[chosen].sum() == 1  # marked, wherever its error puts it
    assert backtest[mase].is_monotonic_increasing  # by the error shown, as the CLI lists them (fc18)



def test_the_settings_show_their_whole_values_at_1024_px(page):
    """walk9/walk10: three settings a row cut their values at 1024 px ("Week (Monday to Sun",
    "Automatic (revenue fi", "Read it when no count"); two a row show them whole."""
    load_sample_data(page)
    page.set_viewport_size({"width": 1024, "height": 900})
    goto_page(page, "Forecast")
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid=stMain] [data-testid=stSelectbox] input')]
        .map(i => [i.value, i.scrollWidth, i.clientWidth])""")
    assert {"Week (Monday to Sunday)", "Read it when no country is chosen"} <= {v for v, _, _ in boxes}, boxes
    cut = [value for value, needed, shown in boxes if needed > shown]
    assert not cut, boxes
    assert_no_exception(page)
