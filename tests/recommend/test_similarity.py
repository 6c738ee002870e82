"""Item-to-item regression: the closed form on a case small enough to solve by hand."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from crm_core.recommend.similarity import item_regression


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
