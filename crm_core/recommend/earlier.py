"""The ranker's lead over the blend checked a second time, out of time, before it is served.

rec29's rule serves the ranker when, on the validation customers it learnt from (held out), it
beats the chosen blend by more than one standard error. On small logs that lead did not carry to
the test weeks as often as it did (rec34: 订单明细 by name switched on +4.1 ± 2.7 points and lost 7.5
test points; rec35: a floor on net households could not tell it from 销售流水, which won). So the
lead must also hold on the weeks before validation (the same length), for the same customers: a
model fitted on what they bought before those weeks, scored with the already-chosen blend and the
already-fitted ranker, nothing chosen again there.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.recommend.data import Purchases
from crm_core.recommend.evaluate import Judge, blend_scorer
from crm_core.recommend.model import Recommender
from crm_core.recommend.ranker import Ranker

UNCHECKED = {"ranker_gain_earlier": 0.0, "ranker_gain_earlier_se": 0.0, "earlier_customers": 0}
"""No customer of the ranker's bought anything new in the earlier weeks: no lead held there."""


def paired(ranker_hits: np.ndarray, blend_hits: np.ndarray) -> tuple[float, float]:
    """Mean and standard error of (ranker hit − blend hit) per customer (0, 0 for none)."""
    d = ranker_hits.astype(np.float64) - blend_hits
    se = float(d.std(ddof=1) / np.sqrt(len(d))) if len(d) > 1 else 0.0
    return (round(float(d.mean()), 4), round(se, 4)) if len(d) else (0.0, 0.0)


def earlier_gain(bought: Purchases, fit: Callable[[pd.DataFrame], Recommender], ranker: Ranker,
                 customers: pd.Index, recency: tuple[float | None, float | None]) -> dict[str, float]:
    """The ranker's paired gain over its blend on the earlier window, for ``customers`` (those it
    learnt from): ``ranker_gain_earlier``, its ``_se`` and the customers judged there. ``fit``
    fits a model on a history; ``recency``: the chosen half-life and recent days."""
    history, window = bought.earlier()
    try:
        model = fit(history).set_recency(*recency)
    except CrmError:  # nothing bought before the earlier weeks: the lead cannot be checked
        return UNCHECKED
    judge = Judge.of(model, window[window["customer_id"].isin(customers)])
    if not len(judge.rows):
        return UNCHECKED
    blend = judge.hits(blend_scorer(model, ranker.weights), ranker.k, ranker.needs, keep=True)
    gain, se = paired(judge.hits(ranker.scorer(model), ranker.k, ranker.needs), blend)
    return {"ranker_gain_earlier": gain, "ranker_gain_earlier_se": se, "earlier_customers": len(judge.rows)}


def holds(chosen: dict) -> bool:
    """Whether the ranker's lead held on the earlier window too: more than its standard error there
    (the validation window's own test, rec29's, applied once more)."""
    return chosen["ranker_gain_earlier"] > chosen["ranker_gain_earlier_se"]
