"""The choice of weights on the validation window, on real grocery baskets."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from crm_core.recommend import data
from crm_core.recommend.data import VALIDATION
from crm_core.recommend.evaluate import ITEM_WEIGHTS, LATELY_WEIGHTS, SIMILAR_WEIGHTS, choose
from crm_core.recommend.model import Recommender
from crm_core.workspace.roles import get_roles

JOURNEY = Path("/work/data/real/completejourney/transactions.parquet")


@pytest.mark.skipif(not JOURNEY.exists(), reason="the Complete Journey log is not on this machine")
def test_new_lists_try_the_item_weight_with_every_other_weight(con):
    """300 Complete Journey households: the item regression's weight is tried with every weight of
    similar customers (whole and lately), not only after them, and the best of all is kept."""
    con.execute(f"""CREATE TABLE tx AS SELECT household_id, basket_id, product_id, quantity, sales_value,
                    transaction_timestamp FROM '{JOURNEY}' WHERE household_id % 8 = 3""")
    bought = data.purchases(con, "tx", get_roles(con, "tx", None), 28)
    model = Recommender(mode="new").fit(bought.upto(VALIDATION))
    _, weights, tried, _ = choose(model, bought.window(VALIDATION), 10, 56.0, 28)

    def setting(row: dict) -> tuple:
        return row["w_similar"], row["w_lately"], row.get("w_items", 0.0)

    assert {setting(t) for t in tried} == set(product(SIMILAR_WEIGHTS, LATELY_WEIGHTS, ITEM_WEIGHTS))
    kept = next(t for t in tried if setting(t) == (weights["similar"], weights["lately"], weights["items"]))
    assert kept["hit_rate"] == max(t["hit_rate"] for t in tried)
