"""The served blend of three models said as a Chinese reader says it (walk36, left75, walk39): the verdict
read "使用“ETS、Theta 与 MSTL 的平均”", the model names glued to the noun they average; the verdict's own
reason said "ETS、Theta、MSTL 的平均" beside it, the same blend in other words. judge18's daily Wikipedia
pageviews (``tests/data/wikipedia_pageviews_daily.csv``) serve the blend by week
(``tests/forecast/test_served.py``)."""

from __future__ import annotations

import pandas as pd

from crm_core.workspace import store
from tests.conftest import DATA
from tests.ui.test_forecast_page import _page

BLEND = "ETS、Theta 与 MSTL 三者的平均"


def test_the_chinese_verdict_says_the_three_models_it_averages(ws):
    with ws.connect() as con:
        views = pd.read_csv(DATA / "wikipedia_pageviews_daily.csv", parse_dates=["Date"])
        store.write_frame(con, "ga", views)
    at = _page(ws.folder, "zh").run()
    at.selectbox(key="fc_value").set_value("Pageviews")
    at.button(key="fc_run").click().run()
    assert not at.exception and not at.error
    verdict = at.success[0].value  # named, then in the reason
    assert verdict.count(BLEND) == 2 and "MSTL 的平均" not in verdict, verdict

