"""Item-to-item regression (the closed form on a case small enough to solve by hand) and the
customer-neighbour search (exact below the pool, the pool only past it)."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from scipy import sparse

from crm_core.recommend import similarity
from crm_core.recommend.similarity import _spd_inverse, item_regression, top_neighbours


def test_two_items_weigh_co_purchases_against_the_item_and_the_ridge():
    # 4 customers bought both items, 2 only the first: Gram [[6, 4], [4, 4]]. With ridge 2,
    # B[i, j] = co-purchases / (buyers of i + ridge): 4 / 8 and 4 / 6.
    bought = sparse.csr_matrix(np.array([[1, 1]] * 4 + [[1, 0]] * 2, dtype=np.float32))
    weights = item_regression(bought, ridge=2.0)
    assert weights[0, 1] == pytest.approx(0.5, rel=1e-5)
    assert weights[1, 0] == pytest.approx(4 / 6, rel=1e-5)
    assert np.diag(weights).tolist() == [0.0, 0.0], "an item never predicts itself"


def test_default_ridge_is_the_mean_number_of_buyers():
    bought = sparse.csr_matrix(np.array([[1, 1]] * 4 + [[1, 0]] * 2, dtype=np.float32))
    assert np.allclose(item_regression(bought), item_regression(bought, ridge=5.0))


def test_cholesky_inverse_of_a_ridge_gram_of_baskets_is_the_general_inverse(journey):
    """Who bought which of 400 popular products of the generated Complete-Journey-shaped log, as
    the item regression sees it."""
    pairs = duckdb.sql(f"""
        WITH top AS (SELECT product_id FROM '{journey}' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 400)
        SELECT DISTINCT household_id, product_id FROM '{journey}' JOIN top USING (product_id)
        WHERE household_id % 4 = 1""").df()
    rows = pairs["household_id"].astype("category").cat.codes.to_numpy()
    cols = pairs["product_id"].astype("category").cat.codes.to_numpy()
    bought = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)))
    gram = (bought.T @ bought).toarray().astype(np.float32)
    gram[np.diag_indices_from(gram)] += gram.diagonal().mean()
    expected = np.linalg.inv(gram.astype(np.float64))
    assert np.allclose(_spd_inverse(gram), expected, rtol=1e-3, atol=1e-3 * np.abs(expected).max())


def _journey_strengths(journey) -> sparse.csr_matrix:
    """Households × products of the generated Complete-Journey-shaped log, log1p of the baskets,
    as :meth:`Recommender.fit` hands them to the neighbour search."""
    pairs = duckdb.sql(f"""SELECT household_id, product_id, count(DISTINCT basket_id) AS orders
                          FROM '{journey}' GROUP BY 1, 2""").df()
    rows = pairs["household_id"].astype("category").cat.codes.to_numpy()
    cols = pairs["product_id"].astype("category").cat.codes.to_numpy()
    return sparse.csr_matrix((np.log1p(pairs["orders"].to_numpy(np.float32)), (rows, cols)))


def _cosine(vectors: sparse.csr_matrix) -> np.ndarray:
    """Every row against every row, dense, in float64: the plain computation."""
    dense = vectors.toarray().astype(np.float64)
    norms = np.linalg.norm(dense, axis=1)
    dense /= np.where(norms == 0, 1.0, norms)[:, None]
    return dense @ dense.T


def test_below_the_pool_every_customer_keeps_its_exact_nearest_neighbours(journey):
    strengths = _journey_strengths(journey)
    assert strengths.shape[0] <= similarity.POOL
    cosine = _cosine(strengths)
    np.fill_diagonal(cosine, -1.0)
    found = top_neighbours(strengths, 10)
    for row in range(strengths.shape[0]):
        cols, values = found[row].indices, found[row].data
        assert row not in cols, "a customer is never their own neighbour"
        assert np.allclose(values, cosine[row, cols], atol=1e-5)
        best = np.sort(cosine[row])[::-1][:10]
        assert np.allclose(np.sort(values)[::-1], best[best > 0][:len(values)], atol=1e-5)


def test_past_the_pool_neighbours_come_from_the_broadest_customers_only(journey, monkeypatch, searched_cells):
    strengths = _journey_strengths(journey)
    monkeypatch.setattr(similarity, "POOL", 60)
    found = top_neighbours(strengths, 10)
    searched = list(searched_cells)
    monkeypatch.undo()
    breadth = np.diff(strengths.indptr)
    pool = np.sort(np.lexsort((np.arange(len(breadth)), -breadth))[:60])
    n = strengths.shape[0]
    assert sum(rows * cols for rows, cols in searched) == n * 60, "only customers × pool cells"
    cosine = _cosine(strengths)
    for row in range(n):
        cols = found[row].indices
        assert set(cols) <= set(pool) and row not in cols
        assert np.allclose(found[row].data, cosine[row, cols], atol=1e-5)
        others = [col for col in pool if col != row]
        best = np.sort(cosine[row, others])[::-1][:10]
        assert np.allclose(np.sort(found[row].data)[::-1], best[best > 0][:len(cols)], atol=1e-5)
