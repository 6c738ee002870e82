"""Churn where an input barely varies in the earlier snapshot (walk36: a 1688 wholesaler's year of
orders). BG/NBD's P(alive) was 1.000000 ± 3e-7 for all 35 buyers as of the fit date; scaled by that
spread, the later snapshot's 0.51-0.998 became millions of standard deviations, and the regression
scored every validation buyer 100 %: ROC AUC 0.500, calibration error 0.795, all 39 flagged."""

from __future__ import annotations

import numpy as np
import pytest

from crm_core.customers import churn
from crm_core.load.reader import load_file
from tests.conftest import DATA

ALIBABA = DATA / "alibaba1688_orders_2025_zh.xlsx"


@pytest.fixture
def alibaba(con):
    load_file(con, ALIBABA, table="alibaba")
    return churn.run(con, "alibaba", churn.ChurnConfig())


def test_an_input_constant_where_the_model_is_fitted_does_not_score_everyone_alike(alibaba):
    linear = alibaba.result.metrics["models"]["logistic_regression"]
    churn_rate = alibaba.result.metrics["churn_rate"]
    assert linear["calibration_error"] < 1 - churn_rate - 0.2, linear
    assert len(np.unique(alibaba.result.p_valid.round(6))) > len(alibaba.result.p_valid) / 2


def test_not_every_validation_customer_is_flagged(alibaba):
    flagged = alibaba.result.p_valid >= alibaba.result.metrics["threshold"]
    assert flagged.sum() < len(flagged)
