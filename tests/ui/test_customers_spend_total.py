"""The Customers page's spend total: one statement saying which total to plan with, and why."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.report import format as fmt
from crm_core.workspace import runs
from tests.conftest import DATA
from tests.ui.apptest import page_opener

_page = page_opener("pages/customers.py")


def _cdnow_spend(ws, tmp_path, lang: str):
    """Spend run on the CDNOW excerpt's orders, where the corrected total is far from the list's sum."""
    log = pd.read_csv(DATA / "cdnow_sample_excerpt.txt", sep=r"\s+", header=None, dtype={0: str, 2: str},
                      names=["customer_id", "shop", "order_date", "cds", "amount"])
    log.drop(columns="shop").to_csv(tmp_path / "cdnow_orders.csv", index=False)
    with ws.connect() as con:
        load_file(con, tmp_path / "cdnow_orders.csv", "cdnow_orders")
    at = _page(ws.folder, lang)
    at.selectbox(key="spend_table").set_value("cdnow_orders")
    at.button(key="spend_run").click().run()
    assert not at.exception and not at.error
    with ws.connect() as con:
        return at, runs.list_runs(con, "spend")[0].summary


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_headline_is_the_total_to_plan_with_and_says_the_models_miss(ws, tmp_path, lang):
    """churn19 left the headline on the customers' sum (CDNOW: $1,878, 53 % under in the backtest)
    while the caption under it gave the corrected $3,861: two totals, no word on which to use. The
    headline is now the corrected total; under it, the list's sum and how far the model missed."""
    at, m = _cdnow_spend(ws, tmp_path, lang)
    assert m["bias_corrected_total"] > 1.5 * m["expected_total"]  # the two totals far apart
    headline = next(x for x in at.metric if x.label == t("customers.spend.total_corrected", lang))
    assert headline.value == fmt.money(m["bias_corrected_total"], "", decimals=0)
    said = next(c.value for c in at.caption if fmt.money(m["expected_total"], "", decimals=0) in c.value)
    share = fmt.percent(abs(m["backtest_total_error"]))
    assert share in said and t("customers.spend.bias.under", lang, share=share) in said
    assert not any(x.label == t("customers.spend.total", lang) for x in at.metric)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_range_under_a_corrected_headline_says_it_is_the_lists_totals(ws, tmp_path, lang):
    """walk31: "Expected total, corrected by the backtest ¥5,948" sat over "90% range ¥4,586 – ¥5,341",
    the range of the list's uncorrected sum: the headline read outside its own range. The correction
    is a mix with no range of its own, so the range says whose it is."""
    at, m = _cdnow_spend(ws, tmp_path, lang)
    assert m["bias_corrected_total"] > m["expected_total_upper"]  # the headline outside the range
    upper = fmt.money(m["expected_total_upper"], "", decimals=0)
    ranged = next(c.value for c in at.caption if upper in c.value)
    assert t("customers.spend.interval_not_corrected", lang,
             total=fmt.money(m["expected_total"], "", decimals=0)) in ranged
