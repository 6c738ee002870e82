"""What is bought together with the customer's latest purchases (the ``together`` signal).

rec37 found co-purchases of a customer's own products to be 19–22 % of the new products main's
lists missed on the logs with ids and 44–47 % on the name logs. Item × item co-purchase over the
"lately" window: each customer's purchases of the last ``popular_days`` are one basket, each pair
weighted by its decay at the model's half-life, cosine-normalised, the ``NEIGHBOURS`` strongest
kept per product (sparse, candidates × candidates). A customer's score for a product is the sum,
over what they bought lately, of that purchase's decay times the products' similarity.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

NEIGHBOURS = 20
"""Co-purchase neighbours kept per product."""


def scores(model, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The signal for customers ``rows`` over candidate positions ``cols`` (dense, unscaled);
    its matrices are made once per half-life and "lately" window and kept on the model."""
    key = (model.half_life_days, model._window)
    if model._together is None or model._together[0] != key:
        baskets = recent_baskets(model)
        model._together = (key, baskets, neighbours(baskets))
    _, baskets, similar = model._together
    return (baskets[rows] @ similar[:, cols]).toarray().astype(np.float32)


def recent_baskets(model) -> sparse.csr_matrix:
    """Customers × candidates: each product bought over the last ``popular_days``, valued by the
    decay of its last purchase; shared tills hold nothing (no one's basket)."""
    age = model._cells[3]
    decay = np.power(0.5, age / float(model.half_life_days)) if model.half_life_days else np.ones_like(age)
    lately = age < model.popular_days if model.popular_days is not None else np.ones(len(age), dtype=bool)
    keep = lately & ~model.shared_[model._cells[0]]
    matrix = model._matrix(np.where(keep, decay, 0.0).astype(np.float32))[:, model.candidates_].tocsr()
    matrix.eliminate_zeros()
    return matrix


def neighbours(baskets: sparse.csr_matrix, n: int = NEIGHBOURS) -> sparse.csr_matrix:
    """Cosine of the products' decayed baskets, each product's ``n`` strongest others kept."""
    together = (baskets.T @ baskets).tocsr()
    together.setdiag(0.0)
    together.eliminate_zeros()
    norm = np.sqrt(np.asarray(baskets.multiply(baskets).sum(axis=0)).ravel())
    inverse = sparse.diags(np.divide(1.0, norm, out=np.zeros_like(norm), where=norm > 0))
    cosine = (inverse @ together @ inverse).tocsr()
    return _strongest(cosine, n)


def _strongest(matrix: sparse.csr_matrix, n: int) -> sparse.csr_matrix:
    """Each row's ``n`` largest cells (ties: the first columns)."""
    lengths = np.diff(matrix.indptr)
    keep = np.ones(matrix.nnz, dtype=bool)
    for row in np.flatnonzero(lengths > n):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        order = np.argsort(-matrix.data[start:end], kind="stable")
        keep[start + order[n:]] = False
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    return sparse.csr_matrix((matrix.data[keep], (rows[keep], matrix.indices[keep])), shape=matrix.shape,
                             dtype=np.float32)
