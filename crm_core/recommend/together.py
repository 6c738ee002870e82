"""What is bought in the same orders as the customer's latest purchases (the ``together`` signal).

rec37 found co-purchases of a customer's own products to be 19–22 % of the new products main's
lists missed on the logs with ids; rec39's pairs (a customer's four weeks as one basket) lost on
validation. Here the baskets are real orders (``Purchases.baskets``): each order of the "lately"
window, weighted by its decay at the model's half-life, item × item cosine over candidates, the
``NEIGHBOURS`` strongest kept per product (sparse). A customer's score for a product is the sum, over
what they bought lately, of that purchase's decay times the products' similarity. A model without
orders (none attached) has no signal, and its weight is never tried.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

NEIGHBOURS = 20
"""Co-occurrence neighbours kept per product."""


def attach(model, baskets: pd.DataFrame | None, part: int) -> None:
    """Give a fitted model the orders before ``part`` as (order, product, days before its newest) arrays."""
    if baskets is None:
        return
    lines = baskets[baskets["part"] < part]
    products = model.products_.get_indexer(lines["product_id"].astype(str))
    known = products >= 0
    ages = (lines["ts"].max() - lines["ts"]) / pd.Timedelta(days=1)
    model.orders_ = (lines["basket"].to_numpy()[known], products[known], ages.to_numpy(np.float64)[known])


def scores(model, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The signal for customers ``rows`` over candidate positions ``cols`` (dense, unscaled);
    its matrices are made once per half-life, "lately" window and width and kept on the model."""
    key = (model.half_life_days, model._window)
    if model._together is None or model._together[0] != key:
        model._together = (key, recent_baskets(model), neighbours(order_matrix(model)))
    _, baskets, similar = model._together
    return (baskets[rows] @ similar[:, cols]).toarray().astype(np.float32)


def _decayed(model, age: np.ndarray) -> np.ndarray:
    """Each purchase's decay at the model's half-life, 0 outside the "lately" window."""
    decay = np.power(0.5, age / float(model.half_life_days)) if model.half_life_days else np.ones_like(age)
    lately = age < model.popular_days if model.popular_days is not None else np.ones(len(age), dtype=bool)
    return np.where(lately, decay, 0.0).astype(np.float32)


def recent_baskets(model) -> sparse.csr_matrix:
    """Customers × candidates: each product bought over the last ``popular_days``, valued by the
    decay of its last purchase; shared tills hold nothing (no one's taste)."""
    values = np.where(model.shared_[model._cells[0]], 0.0, _decayed(model, model._cells[3]))
    matrix = model._matrix(values.astype(np.float32))[:, model.candidates_].tocsr()
    matrix.eliminate_zeros()
    return matrix


def order_matrix(model) -> sparse.csr_matrix:
    """Orders × candidates of the "lately" window, each order's products valued by its decay."""
    order, product, age = model.orders_
    column = np.full(len(model.products_), -1, dtype=np.int64)
    column[model.candidates_] = np.arange(len(model.candidates_))
    values = _decayed(model, age)
    keep = (column[product] >= 0) & (values > 0)
    rows = np.unique(order[keep], return_inverse=True)[1]
    return sparse.csr_matrix((values[keep], (rows, column[product[keep]])),
                             shape=(int(rows.max(initial=-1)) + 1, len(model.candidates_)))


def neighbours(baskets: sparse.csr_matrix, n: int = NEIGHBOURS) -> sparse.csr_matrix:
    """Cosine of the products' decayed orders, each product's ``n`` strongest others kept."""
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
