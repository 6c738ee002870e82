"""A random walk over the purchase graph with the destination's popularity penalised (RP3β; rec33, issue #15).

13 real Complete Journey households (``tests/data/complete_journey_13_households.csv``): household u's
``walk`` score of product j is the chance of walking u → one of u's products i → one of i's buyers v → one
of v's products j, each step uniform, divided by buyers(j)^β; checked against the same sum written out
with pandas over the lines the validation model is fitted on.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crm_core.recommend import data
from crm_core.recommend.data import VALIDATION
from crm_core.recommend.model import Recommender
from crm_core.recommend.run import run
from crm_core.recommend.walk import BETA
from crm_core.workspace.roles import get_roles

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"


def _pairs(model: Recommender) -> pd.DataFrame:
    """Every (household, product) the validation model was fitted on, read with pandas."""
    lines = pd.read_csv(EXCERPT, dtype={"household_id": str, "product_id": str},
                        parse_dates=["transaction_timestamp"])
    test_from = lines["transaction_timestamp"].max().normalize() - pd.Timedelta(days=27)
    fitted = lines[(lines["transaction_timestamp"] < test_from - pd.Timedelta(days=28))
                   & (lines["quantity"] > 0) & (lines["sales_value"] >= 0)]
    fitted = fitted[fitted["product_id"].isin(model.products_)]
    return fitted[["household_id", "product_id"]].drop_duplicates()


def _walked(pairs: pd.DataFrame, household: str) -> pd.Series:
    """The walk from one household, step by step with pandas: product → its score."""
    buyers = pairs.groupby("product_id").size()
    size = pairs.groupby("household_id").size()
    own = pairs.loc[pairs["household_id"] == household, "product_id"]
    step1 = pd.Series(1.0 / len(own), index=own.to_numpy())  # u → i
    to_buyer = pairs[pairs["product_id"].isin(own)].assign(
        p=lambda f: f["product_id"].map(step1) / f["product_id"].map(buyers))  # i → v
    at_buyer = to_buyer.groupby("household_id")["p"].sum()
    onward = pairs[pairs["household_id"].isin(at_buyer.index)].assign(
        p=lambda f: f["household_id"].map(at_buyer) / f["household_id"].map(size))  # v → j
    arrived = onward.groupby("product_id")["p"].sum()
    return arrived / buyers[arrived.index] ** BETA


def test_a_households_walk_signal_is_the_penalised_three_step_walk_from_it(con):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    bought = data.purchases(con, "tx", get_roles(con, "tx"), 28)
    model = Recommender(28.0, 28.0, mode="new").fit(bought.upto(VALIDATION))
    pairs = _pairs(model)
    rows = np.arange(len(model.customers_))
    cols = np.arange(len(model.candidates_))
    parts, mask = model.components(rows, cols, ("walk",))
    products = model.products_[model.candidates_]
    reached = 0
    for row, household in enumerate(model.customers_):
        expected = _walked(pairs, household).reindex(products).fillna(0.0).to_numpy()
        expected[~np.isfinite(mask[row])] = 0.0  # a new-to-customer list holds no product already bought
        peak = expected.max()
        reached += peak > 0  # a household sharing no product with another reaches only its own
        np.testing.assert_allclose(parts["walk"][row], expected / peak if peak else expected,
                                   rtol=1e-5, atol=1e-7)
    assert reached >= 10


def test_the_walk_leans_away_from_best_sellers_the_plain_walk_favours(con):
    """β > 0 is what makes it more than a popularity list: among the products two steps away the
    penalised walk ranks a less bought one higher than the plain walk (β = 0) does."""
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    bought = data.purchases(con, "tx", get_roles(con, "tx"), 28)
    model = Recommender(28.0, 28.0, mode="new").fit(bought.upto(VALIDATION))
    pairs = _pairs(model)
    buyers = pairs.groupby("product_id").size()
    rows, cols = np.arange(len(model.customers_)), np.arange(len(model.candidates_))
    walk = model.components(rows, cols, ("walk",))[0]["walk"]
    plain = walk * (buyers.reindex(model.products_[model.candidates_]).fillna(1).to_numpy() ** BETA)
    popular = buyers.reindex(model.products_[model.candidates_]).fillna(0).to_numpy()
    first_walk = popular[walk.argmax(axis=1)]
    first_plain = popular[plain.argmax(axis=1)]
    assert (first_walk <= first_plain).all() and (first_walk < first_plain).any()


def test_the_walk_weight_is_chosen_on_validation_where_the_blend_orders_new_lists(sample_ws):
    with sample_ws.connect() as con:
        result = run(con, "orders")
    evaluation = result.evaluation
    tried = [t for t in result.tried if "w_walk" in t]
    assert evaluation["method"] == "blend"
    assert [t["w_walk"] for t in tried] == [0.0, 0.5, 1.0, 2.0]
    best = max(tried, key=lambda t: (t["hit_rate"], t["precision"]))  # ties: the first, the smaller weight
    assert evaluation["weights"]["walk"] == best["w_walk"]
