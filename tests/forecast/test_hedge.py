"""A lead within noise hedged with the default (fc35), on WooCommerce weekly's real 52 weeks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.forecast.backtest import choose
from crm_core.forecast.hedge import hedged
from crm_core.forecast.run import forecast_series

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def woo():
    y = pd.read_csv(DATA / "woocommerce_weekly_revenue.csv", index_col="period", parse_dates=["period"])["revenue"]
    return forecast_series(y.asfreq("W-MON"), "W", 8)


def test_woocommerce_weekly_serves_the_last_value_hedged_with_the_mean(woo):
    # the last value ranks first but leads the mean by 0.85 standard errors: a tie, not a lead
    assert woo.winner == "last_value+ensemble"
    blend = woo.fits[["last_value", "ensemble"]].mean(axis=1)
    assert np.allclose(woo.fits["last_value+ensemble"], blend)
    assert woo.metrics["last_value+ensemble"]["mase"] < woo.metrics["ensemble"]["mase"]


def test_a_default_that_ranks_first_is_kept(woo):
    fits = woo.fits[["origin", "period", "step", "actual", "closed", "ensemble", "ets", "regression"]]
    assert choose(fits, 1.0, "ensemble") == "ensemble"
    assert hedged(fits, 1.0, "ensemble", "ensemble") == (fits, "ensemble")


def test_a_challenger_that_passes_the_noise_rule_is_served_alone(woo):
    fits = woo.fits[["origin", "period", "step", "actual", "closed", "ensemble"]]
    fits = fits.assign(close=fits["actual"] * 1.01)  # ahead of the mean at every origin
    assert choose(fits, 1.0, "ensemble") == "close"
    assert hedged(fits, 1.0, "ensemble", "close")[1] == "close"
