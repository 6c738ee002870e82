"""The ranker's candidates widened by a second co-purchase hop (rec34, issue #15).

13 real Complete Journey households (``tests/data/complete_journey_13_households.csv``): the hop
proposes products no other signal put among a household's best, and each one is two co-purchase
steps from something the household bought (checked with pandas over the pairs the validation model is
fitted on).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crm_core.recommend import data, ranker
from crm_core.recommend.data import VALIDATION
from crm_core.recommend.model import Recommender
from crm_core.recommend.ranker import Ranker
from crm_core.workspace.roles import get_roles

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"
WEIGHTS = {"popular": 1.0, "similar": 1.0, "lately": 1.0, "items": 1.0}


def _fitted_pairs(model: Recommender) -> pd.DataFrame:
    """Every (household, product) the validation model was fitted on, as a frame."""
    rows, cols = model._cells[:2]
    return pd.DataFrame({"household_id": model.customers_[rows], "product_id": model.products_[cols]})


def _two_steps(pairs: pd.DataFrame, household: str) -> set[str]:
    """Products co-bought (by any household) with a product co-bought with one of this household's."""
    together = pairs.merge(pairs, on="household_id")[["product_id_x", "product_id_y"]]
    reach = set(pairs.loc[pairs["household_id"] == household, "product_id"])
    for _ in range(2):
        reach |= set(together.loc[together["product_id_x"].isin(reach), "product_id_y"])
    return reach


def _pool(model: Recommender) -> set[tuple[str, str]]:
    """The ranker's candidate cells (household, product) on the validation model."""
    second = Ranker(WEIGHTS, "new", 10)
    rows, cols = np.arange(len(model.customers_)), np.arange(len(model.candidates_))
    parts, mask = model.components(rows, cols, second.needs)
    at, col, _ = second.features(model, rows, cols, parts, mask, model.blend(parts, WEIGHTS))
    return set(zip(model.customers_[at], model.products_[model.candidates_[col]], strict=True))


def test_the_hop_proposes_products_two_co_purchase_steps_from_a_households_own(con, monkeypatch):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    bought = data.purchases(con, "tx", get_roles(con, "tx"), 28)
    model = Recommender(28.0, 28.0, mode="new").fit(bought.upto(VALIDATION))
    pool = _pool(model)
    monkeypatch.setattr(ranker, "hop_scores", lambda own, hops, cols, allowed: np.zeros(allowed.shape))
    added = pool - _pool(model)
    assert added, "the hop proposes products no other signal had among a household's best"
    pairs = _fitted_pairs(model)
    for household in {h for h, _ in added}:
        own = set(pairs.loc[pairs["household_id"] == household, "product_id"])
        offered = {p for h, p in added if h == household}
        assert offered <= _two_steps(pairs, household) - own

