"""The popularity baselines, ranked over the whole catalogue (rec38).

A bar the product is measured against must not move with the product's own candidate cap: rec37
widened the candidates to 10,000 and all history's best-sellers, ranked among them, fell 26.48 ->
26.02 % on the Complete Journey (products tied on buyers, picked by ``argpartition`` over other
columns); over the whole catalogue it is 26.63 % at both widths. Each customer's list is the k best
of one popularity vector over every product the model knows (minus what the customer bought on
new-to-customer lists, only that on buy-again ones), ties as the product orders its best-sellers
(more buyers over all history, then catalogue position); found on a short prefix of the ranking,
never a dense customers x catalogue array.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from crm_core.recommend.evaluate import Judge, mean_and_error, mean_error_and_range, rounded


def lists(judge: Judge, values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(judged customer index, product position) of each judged customer's list, k at most."""
    order = np.lexsort((-judge.model.support_, -values))  # stable: then catalogue position
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    bought = judge.model.bought_[judge.rows]
    if judge.model.mode == "again":
        coo = bought.tocoo()
        return _first(coo.row, rank[coo.col], order, k)
    if judge.model.mode == "all":
        bought = sparse.csr_matrix(bought.shape, dtype=np.float32)
    return _unbought(bought, rank, order, k)


def _unbought(bought: sparse.csr_matrix, rank: np.ndarray, order: np.ndarray, k: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Each customer's k best-ranked products not bought, read from the ranking's first ``depth``
    (doubled for the customers who bought so many of them that fewer than k are left)."""
    rows, found = np.arange(bought.shape[0]), []
    depth = min(len(order), 4 * k)
    while len(rows):
        prefix = sparse.csr_matrix(bought[rows][:, order[:depth]]).toarray() > 0
        place, at = np.nonzero(~prefix)  # row-major: each customer's free places, best first
        taken = _first(place, at, order, k)
        enough = (np.bincount(place, minlength=len(rows)) >= k) | (depth == len(order))
        keep = enough[taken[0]]
        found.append((rows[taken[0][keep]], taken[1][keep]))
        rows, depth = rows[~enough], min(len(order), 2 * depth)
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return tuple(np.concatenate(part) for part in zip(*found, strict=True))


def _first(rows: np.ndarray, ranks: np.ndarray, order: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the products of its k smallest ranks."""
    sort = np.lexsort((ranks, rows))
    rows, ranks = rows[sort], ranks[sort]
    starts = np.searchsorted(rows, rows, side="left")
    keep = np.arange(len(rows)) - starts < k
    return rows[keep], order[ranks[keep]]


def score(judge: Judge, values: np.ndarray, k: int) -> dict:
    """The keys of :meth:`.Judge.score` for one popularity vector, over the whole catalogue."""
    if not len(judge.rows):
        return {"hit_rate": None, "precision": None, "recall": None, "coverage": None}
    at, products = lists(judge, values, k)
    hit = np.asarray(judge.answers[at, products]).ravel() > 0 if len(at) else np.zeros(0, bool)
    hits = np.bincount(at[hit], minlength=len(judge.rows)).astype(np.float64)
    room = _room(judge, k)
    full = np.bincount(at, minlength=len(judge.rows)) == room
    shown = len(np.unique(products[hit]))
    return {**mean_and_error("hit_rate", hits > 0), **mean_error_and_range("precision", hits / k),
            **mean_error_and_range("recall", hits / judge.sizes),
            "coverage": rounded(shown / max(1, judge.products_bought)),
            "products_covered": shown, "products_bought": judge.products_bought,
            "customers_covered": rounded(float(full.mean()))}


def _room(judge: Judge, k: int) -> np.ndarray:
    """How many products each judged customer's list may hold, k at most."""
    owned = np.diff(judge.model.bought_.indptr)[judge.rows]
    may = {"new": len(judge.model.products_) - owned, "again": owned}.get(judge.model.mode,
                                                                       len(judge.model.products_))
    return np.minimum(k, may)


def bars(judge: Judge, k: int, recent_days: float) -> dict[str, dict]:
    """The two bars: best-sellers of all history and of the last ``recent_days``."""
    model = judge.model
    return {"popularity": score(judge, model.window_popularity(None), k),
            "recent_popularity": score(judge, model.window_popularity(recent_days), k)}
