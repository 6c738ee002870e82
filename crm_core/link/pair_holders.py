"""π(N), how many people hold a value, learned per pair of exports from that pair's own counts.

The pooled π(N) (:func:`crm_core.link.priors.holders`) fits every export's counts at once. A pair
of exports reads a name with the curve its own two counts imply: the names the desk and the till
hold 1 and 2 times may be commoner than the pooled curve says (docs/link.md link40, link43).
"""

from __future__ import annotations

import numpy as np


def unseen(tables: list[np.ndarray], over: list[int]) -> np.ndarray:
    """P(none of the exports ``over`` holds the value | N), N = 1 … len(table)."""
    return np.prod([tables[i][:, 0] for i in over], axis=0)


def pair_share(tables: list[np.ndarray], share: np.ndarray, held: np.ndarray, weights: np.ndarray,
               pair: list[int], rounds: int) -> np.ndarray:
    """The pooled model's share (π(N) among the values held anywhere) re-learned by EM on the
    counts of the two exports ``pair`` alone, over the values either holds (values neither holds
    are unseen), and written back among the values held anywhere, so the pooled posterior reads it
    with every export's counts (the third export's count is evidence given N)."""
    rows = held[:, pair].sum(axis=1) > 0
    counts, n = held[rows][:, pair], weights[rows]
    anywhere, here = 1 - unseen(tables, list(range(len(tables)))), 1 - unseen(tables, pair)
    like = np.prod([tables[k][:, counts[:, i]].T for i, k in enumerate(pair)], axis=0)
    like /= np.maximum(here, 1e-12)
    pi = _normal(share / np.maximum(anywhere, 1e-12) * here)
    for _ in range(rounds):
        post = like * pi
        post /= np.maximum(post.sum(axis=1, keepdims=True), 1e-300)
        pi = (post * n[:, None]).sum(axis=0) / n.sum()
    return _normal(pi / np.maximum(here, 1e-12) * anywhere)


def _normal(share: np.ndarray) -> np.ndarray:
    return share / max(float(share.sum()), 1e-300)
