"""A learned second stage: gradient-boosted trees re-rank each customer's candidates.

The blend's signals generate the candidates (each customer's best ``PER_SIGNAL`` by every signal
and by the blend); a ``HistGradientBoostingClassifier`` learns on the validation window which of
them the customer buys, from features known before that window: every signal's score and rank
within the customer, the product's recent and all-time buyers, their ratio (a trend) and its
repeat rate, the customer's products, purchases and days since the last one. A linear blend gives
every customer the same weights; trees can learn "similar customers count for loyal shoppers,
what sells lately for the rest" or "a rising product". It is kept only when, trained on half of
the validation customers, it beats the chosen blend on the other half (both ways round) by more
than one standard error, customer by customer (``run._paired_gain``); it
learns from at most ``TRAIN_CUSTOMERS`` of them, so its training cost does not grow with the log.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from crm_core.recommend.model import COMPONENTS, Recommender, chunk_columns, top_k_set

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier

PER_SIGNAL = 30
"""Candidates each signal (and the blend) proposes per customer."""
TRAIN_ROWS = 150_000
"""Training rows at most: every bought candidate and a random share of the others."""
TRAIN_CUSTOMERS = 1_500
"""Validation customers the ranker learns from at most (a fixed, seeded sample): its training
cost is bounded whatever the size of the log. Chosen on validation (Complete Journey, held-out
validation households, December / September): 1,000 gave 33.1 / 37.1 %, 1,500 35.1 / 39.7 %,
all (about 2,000) 35.6 / 39.2 %."""
FOLDS = 2
MIN_LEAF = 1_000
"""Candidates per leaf at least, and few small trees: the validation window's own best-sellers
(a holiday) cannot be learnt product by product, only patterns that recur."""
BELOW = -10.0
"""Offset of the blend's score for products no signal proposed (ranked after every candidate)."""


class Ranker:
    """Trained on the validation window; scores a chunk's candidates."""

    def __init__(self, weights: dict[str, float], mode: str, k: int) -> None:
        self.weights = weights
        self.k = k
        self.needs = tuple(n for n in COMPONENTS if (n != "own" or mode != "new")
                           and (n != "due" or weights.get("due")))  # due: only where the blend has it
        self.fitted: HistGradientBoostingClassifier | None = None
        self.learnt = 0
        """Validation customers it learnt from (the sample)."""
        self.held: tuple[np.ndarray, np.ndarray] = (np.zeros(0, dtype=int), np.zeros(0))
        """Those customers' positions in the judge and their held-out hits (paired with the
        blend's on the same customers: :func:`.run.evaluate`)."""
        self._context: tuple | None = None

    def features(self, model: Recommender, rows: np.ndarray, cols: np.ndarray, parts: dict[str, np.ndarray],
                 mask: np.ndarray, blend: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidate cells (row in the chunk, column) and their features, one row per cell."""
        signals = {name: parts[name] for name in self.needs} | {"blend": blend}
        allowed = np.isfinite(mask)
        depth = min(max(PER_SIGNAL, self.k), mask.shape[1])
        chosen = _most_popular(parts["popular"][0], allowed, depth)
        for name, values in signals.items():
            if name != "popular":  # the same cells as np.argpartition, at a fraction of its cost
                at, col, _ = top_k_set(values + mask, depth)
                chosen[at, col] = True
        at, col = np.nonzero(chosen & allowed)
        product, customer = self._tables(model)
        columns = []
        for values in signals.values():
            picked = np.ascontiguousarray(values[at, col])
            columns += [picked, _rank_within(at, picked)]
        columns += list(product[model.candidates_[cols[col]]].T) + list(customer[rows[at]].T)
        return at, col, np.column_stack(columns).astype(np.float32)

    def _tables(self, model: Recommender) -> tuple[np.ndarray, np.ndarray]:
        """Per product and per customer features of this fitted model (made once per model, which
        is not kept alive by it)."""
        if self._context is None or self._context[0]() is not model:
            self._context = (weakref.ref(model), *_model_tables(model))
        return self._context[1], self._context[2]

    def scores(self, model: Recommender, rows: np.ndarray, cols: np.ndarray,
               parts: dict[str, np.ndarray], mask: np.ndarray) -> np.ndarray:
        """Bought-probability of the candidates; the blend, far below, elsewhere."""
        scores = model.blend(parts, self.weights)
        at, col, features = self.features(model, rows, cols, parts, mask, scores)
        scores += np.float32(BELOW)
        if len(at):
            with threadpool_limits(1):  # see _fit
                scores[at, col] = self.fitted.predict_proba(features)[:, 1]
        return scores

    def scorer(self, model: Recommender):
        """:data:`.evaluate.Scorer` form of :meth:`scores` for one fitted model."""
        return lambda rows, cols, parts, mask: self.scores(model, rows, cols, parts, mask)

    def train(self, judge, seed: int = 0) -> float:
        """Fit on the judge's window and return the hit rate of models fitted on one half of its
        customers on the other half (the honest figure to compare with the blend's)."""
        model = judge.model
        if not len(judge.rows):
            return 0.0
        rng = np.random.default_rng(seed)
        picked = _sample(len(judge.rows), TRAIN_CUSTOMERS, rng)
        cells, labels, owners = [], [], []
        offset = learnt = 0  # customers of the sample so far
        for chunk, (rows, cols) in enumerate(model.chunks(judge.rows)):
            sel = picked[offset:offset + len(rows)]
            if sel.any():
                parts, mask = judge.signals(chunk, rows, cols, self.needs)
                parts, mask = {name: values[sel] for name, values in parts.items()}, mask[sel]
                truth = chunk_columns(judge.truth[offset:offset + len(rows)][sel], cols).toarray() > 0
                at, col, features = self.features(model, rows[sel], cols, parts, mask,
                                                  model.blend(parts, self.weights))
                cells.append(features)
                labels.append(truth[at, col])
                owners.append(learnt + at)
                learnt += int(sel.sum())
            offset += len(rows)
        x, y, owner = np.concatenate(cells), np.concatenate(labels), np.concatenate(owners)
        fold = rng.permutation(learnt) % FOLDS
        hit = np.zeros(learnt)
        for part in range(FOLDS):
            learn = fold[owner] != part
            if y[learn].all() or not y[learn].any():
                return 0.0  # nothing to learn (a tiny log): the blend stays
            fitted = _fit(x[learn], y[learn], rng)
            held = ~learn
            with threadpool_limits(1):
                chance = fitted.predict_proba(x[held])[:, 1]
            hit[_hit_owners(owner[held], chance, y[held], self.k)] = 1.0
        self.fitted, self.learnt, self.held = _fit(x, y, rng), learnt, (np.flatnonzero(picked), hit)
        return round(float(hit.mean()), 4)


def _sample(n: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """A seeded choice of ``size`` of ``n`` customers (all when fewer), as a mask."""
    picked = np.zeros(n, dtype=bool)
    picked[rng.choice(n, size, replace=False) if n > size else slice(None)] = True
    return picked


def _model_tables(model: Recommender) -> tuple[np.ndarray, np.ndarray]:
    """Products: recent buyers, all-time buyers, their ratio, share of buyers who bought it more
    than once. Customers: products bought, purchases (baskets per product summed), days since
    the last purchase."""
    rows, cols, strength, age = model._cells
    repeat = np.bincount(cols, weights=strength > np.log1p(1.0) + 1e-6, minlength=len(model.products_))
    support = np.maximum(model.support_, 1.0)
    product = np.column_stack([model.popularity_, model.support_, model.popularity_ / support,
                               repeat / support])
    last = np.full(len(model.customers_), np.inf)
    np.minimum.at(last, rows, age)
    customer = np.column_stack([np.bincount(rows, minlength=len(last)),
                                np.bincount(rows, weights=np.expm1(strength), minlength=len(last)), last])
    return product, customer


def _most_popular(popular: np.ndarray, allowed: np.ndarray, depth: int) -> np.ndarray:
    """Each row's ``depth`` most popular allowed products, looked for among the ``10 × depth``
    most popular (the ranking is everyone's, so one sort serves the chunk)."""
    order = np.argsort(-popular, kind="stable")[:10 * depth]
    free = allowed[:, order]
    chosen = np.zeros(allowed.shape, dtype=bool)
    chosen[:, order] = free & (np.cumsum(free, axis=1) <= depth)
    return chosen


def _rank_within(owner: np.ndarray, values: np.ndarray) -> np.ndarray:
    """1-based rank of each value among its owner's (owners sorted ascending, as np.nonzero gives;
    ties in the owner's order). Sorted as one short padded row per owner: a third of the time of
    one long lexsort over all cells."""
    counts = np.bincount(owner)
    place = np.arange(len(owner)) - (np.cumsum(counts) - counts)[owner]
    padded = np.full((len(counts), int(counts.max(initial=0))), np.inf, dtype=np.float32)
    padded[owner, place] = -values
    rank = np.empty_like(padded)
    np.put_along_axis(rank, np.argsort(padded, axis=1, kind="stable"),
                      np.arange(1, padded.shape[1] + 1, dtype=np.float32)[None, :], axis=1)
    return rank[owner, place]


def _fit(x: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> HistGradientBoostingClassifier:
    """Every positive and a random share of the negatives, at most ``TRAIN_ROWS`` rows."""
    negatives = np.flatnonzero(~y)
    room = max(TRAIN_ROWS - int(y.sum()), 1)
    if len(negatives) > room:
        keep = np.sort(np.concatenate([np.flatnonzero(y), rng.choice(negatives, room, replace=False)]))
        x, y = x[keep], y[keep]
    # imported on first use, once the validation signals are freed: scikit-learn adds 76 MB
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=60, max_leaf_nodes=7,
                                           min_samples_leaf=MIN_LEAF, l2_regularization=1.0,
                                           early_stopping=False, random_state=0)
    with threadpool_limits(1):  # OpenMP threads on a busy 2-core machine: Instacart's training
        return model.fit(x, y)  # took 11.1 s with them, 4.7 s without


def _hit_owners(owner: np.ndarray, scores: np.ndarray, bought: np.ndarray, k: int) -> np.ndarray:
    """Owners with at least one bought cell among their ``k`` best-scored cells."""
    order = np.lexsort((-scores, owner))
    owner, bought = owner[order], bought[order]
    place = np.arange(len(owner)) - np.searchsorted(owner, owner)
    return np.unique(owner[(place < k) & bought])
