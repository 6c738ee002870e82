"""An online grocer's E店宝 订单 (judge81): 24 buyers' orders (the first 商品 line of each), GB18030 with
CRLF, their days Complete Journey's real GROCERY baskets; five of the buyers stopped ordering, so the churn
check's quarter held out keeps one churned customer."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from crm_core.customers import churn as C
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.report.margin import auc_margin
from tests.conftest import DATA

EDIANBAO = DATA / "edianbao_orders_excerpt_zh.csv"


def test_an_auc_on_one_churned_customer_is_not_said_as_exact(con):
    """Five buyers of 24 churned, so one sits among the validation customers: its rank alone made the
    ROC AUC 1.000 and the range "1.000 – 1.000", as if another hold-out could not move it."""
    load_file(con, EDIANBAO, table="edb")
    metrics = C.run(con, "edb", C.ChurnConfig()).metrics
    assert metrics["roc_auc_margin"] >= 0.1


def test_a_perfect_auc_on_few_pairs_keeps_a_range_that_covers_the_real_one():
    """Scores whose real ROC AUC is 0.9 (two normals 1.81 apart): of hold-outs with one churned and 19
    staying, those that read 1.0 must still have the real 0.9 inside their 95% range."""
    rng = np.random.default_rng(81)
    real = 0.9
    gap = np.sqrt(2) * 1.2816  # Φ(gap / √2) = 0.9
    draws = [np.r_[rng.normal(gap, 1, 1), rng.normal(0, 1, 19)] for _ in range(200)]
    perfect = [d for d in draws if roc_auc_score(np.r_[1, np.zeros(19)], d) == 1.0]
    assert perfect and 1.0 - auc_margin(1.0, 1, 19) <= real


def test_too_few_churned_names_the_shorter_window_that_has_enough(con):
    """The buyers order every week or two, so 90 days without an order left 1 of 24 churned as of the
    cutoff and the refusal said only "too few"; 30 days is a window this shop can learn from."""
    load_file(con, EDIANBAO, table="edb")
    with pytest.raises(CrmError) as refused:
        C.run(con, "edb", C.ChurnConfig(cutoff=date(2025, 9, 30)))
    zh, en = say(refused.value.args[0], "zh"), say(refused.value.args[0], "en")
    [days] = re.findall(r"--inactive-days (\d+)", zh)
    assert f"--inactive-days {days}" in en and int(days) < 90
    shorter = C.run(con, "edb", C.ChurnConfig(inactive_days=int(days), cutoff=date(2025, 9, 30))).metrics
    assert shorter["roc_auc"] > 0.5
