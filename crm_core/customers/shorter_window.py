"""The inactive window a churn refusal can offer: a grocer's buyers order every week or two, so 90 days
without an order left 3 of 79 churned and the refusal said only "too few" (judge81)."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from crm_core.errors import CrmError

TRIED = (60, 45, 30, 21, 14)
"""Windows tried, longest first: the nearest to the analyst's own that has enough churned customers."""


def shorter_window(labels: Callable[[int], np.ndarray], days: int) -> int | None:
    """The longest window under ``days`` whose labels (``labels(window)``, 1 = churned) hold 20 customers
    with five churned and five staying, as the model needs; None when none does."""
    for window in (w for w in TRIED if w < days):
        try:
            y = labels(window)
        except CrmError:  # a window the history cannot hold
            continue
        if len(y) >= 20 and 5 <= int(np.sum(y)) <= len(y) - 5:
            return window
    return None
