"""Goes with what they buy, by a random walk over the purchase graph with popularity penalised (RP3β).

Customer u walks to one of their products i, from it to one of i's buyers v, from v to one of v's
products j, each step uniform (Paudel et al., ACM TiiS 2016): a best-seller or a customer who buys
everything passes little weight on, every customer is a step (not only the nearest neighbours) and
every candidate can be reached (the item regression holds only the best-sellers lately). j's arrival
chance is divided by its buyers^``BETA``, so the walk leans away from the head that "what sells
lately" already covers. Binary purchases of the fitted rows; a walk-in till is no step of it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse

BETA = 0.5
"""Exponent of the destination's buyers the arrival chance is divided by (fixed, not tuned: rec33)."""


class Walk:
    """The walk's steps for one set of candidates: ``at(rows)`` the chance of standing at each
    customer after two steps, ``onward`` the penalised last step onto the candidates (arranged by
    ``arrange``, the recommender's layout for summing over customers)."""

    def __init__(self, bought: sparse.csr_matrix, people: np.ndarray, candidates: np.ndarray,
                 arrange: Callable[[sparse.csr_matrix], sparse.spmatrix]) -> None:
        graph = sparse.diags(people.astype(np.float32)) @ bought
        graph.eliminate_zeros()
        buyers = np.maximum(np.asarray(graph.sum(axis=0)).ravel(), 1.0)
        size = np.maximum(np.asarray(graph.sum(axis=1)).ravel(), 1.0)
        self._out = (sparse.diags((1.0 / size).astype(np.float32)) @ graph).tocsr()  # u → i
        self._back = (graph @ sparse.diags((1.0 / buyers).astype(np.float32))).T.tocsr()  # i → v
        last = sparse.diags((1.0 / size).astype(np.float32)) @ graph[:, candidates]  # v → j
        penalty = sparse.diags((buyers[candidates] ** -BETA).astype(np.float32))
        self.onward = arrange((last @ penalty).tocsr())

    def at(self, rows: np.ndarray) -> sparse.csr_matrix:
        """Customers ``rows`` × every customer: the chance of standing at each after two steps."""
        return (self._out[rows] @ self._back).tocsr()
