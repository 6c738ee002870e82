"""Item-to-item regression: the closed form on a case small enough to solve by hand."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from scipy import sparse

from crm_core.recommend.similarity import _spd_inverse, item_regression


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
