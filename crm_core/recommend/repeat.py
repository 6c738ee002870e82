"""When a customer's own product is due again: each (customer, product) re-bought at its own cycle.

Popularity ranks a household's products the same way for everyone, and the time-decayed own
history (the ``own`` signal) favours what was bought often and lately; neither knows that one
household buys milk every 4 days and coffee every 6 weeks, so that coffee bought last week is not
due while coffee bought five weeks ago is. The cycle of a pair is the mean gap between its
purchases (first to last over the baskets in between); the next gap is taken to fall anywhere
within ``JITTER`` of that cycle, and the signal is the chance that it ends within the next
``DUE_DAYS``, given the days already passed since the last purchase. Past the longest expected gap
the pair is lapsing: each further cycle counts ×1/e. A product bought once has no cycle and scores
0 here (the ``own`` signal still holds it).
"""

from __future__ import annotations

import numpy as np

DUE_DAYS = 28.0
"""Days ahead a buy-again list is for: the held-out weeks' default length (``--holdout-days``)."""
JITTER = 0.5
"""The next gap is taken as uniform within ±this share of the pair's mean gap."""


def due(orders: np.ndarray, span_days: np.ndarray, age_days: np.ndarray) -> np.ndarray:
    """Chance each pair is bought again within ``DUE_DAYS`` at its own cycle, given ``age_days``
    since its last purchase; ``orders``: baskets holding it; ``span_days``: first to last of them."""
    cycle = np.divide(span_days, np.maximum(orders - 1.0, 1.0), where=(orders > 1) & (span_days > 0),
                      out=np.zeros_like(span_days, dtype=np.float64))
    known = cycle > 0
    soonest, latest = np.maximum(age_days, (1 - JITTER) * cycle), (1 + JITTER) * cycle
    ahead = np.clip(np.minimum(latest, age_days + DUE_DAYS) - soonest, 0.0, None)
    within = np.divide(ahead, latest - soonest, out=np.zeros_like(ahead), where=latest > soonest)
    lapsing = np.exp(-np.divide(age_days - latest, cycle, out=np.zeros_like(ahead), where=known))
    return np.where(known, np.where(age_days < latest, within, lapsing), 0.0).astype(np.float32)
