"""True basket co-occurrence (the order id) as the ``together`` signal (rec40).

On 13 real Complete Journey households (``tests/data/complete_journey_13_households.csv``, one line
per basket and product, ``basket_id`` the order): the orders the model learns from are the log's
own, each pair's similarity is the cosine pandas counts over those orders, and a log without an
order id gets no orders and is never tried with the signal.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend import data, together
from crm_core.recommend import evaluate as evaluate_module
from crm_core.recommend import run as run_module
from crm_core.recommend.data import TEST, VALIDATION
from crm_core.recommend.model import Recommender
from crm_core.recommend.run import RecommendConfig, evaluate
from crm_core.workspace.roles import get_roles

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"


def _log(con, order_id: bool):
    drop = "" if order_id else " EXCLUDE (basket_id)"
    con.execute(f"CREATE TABLE tx AS SELECT *{drop} FROM read_csv('{EXCERPT}')")
    return data.purchases(con, "tx", get_roles(con, "tx"), 28)


def test_the_orders_are_the_logs_baskets_with_the_purchases_parts(con):
    bought = _log(con, order_id=True)
    raw = pd.read_csv(EXCERPT)
    goods = set(bought.frame["product_id"].astype(str))  # not-goods (a fee line) left out, as purchases
    raw = raw[(raw["quantity"] > 0) & raw["product_id"].astype(str).isin(goods)]
    assert len(bought.baskets) == len(raw.drop_duplicates(["basket_id", "product_id"]))
    assert bought.baskets["basket"].nunique() == raw["basket_id"].nunique()
    parts = bought.frame.groupby("part", observed=True)["last_ts"].agg(["min", "max"])
    for part, lines in bought.baskets.groupby("part"):
        assert parts.loc[part, "min"] <= lines["ts"].min() and lines["ts"].max() <= parts.loc[part, "max"]


def test_similarity_is_the_cosine_of_orders_bought_together(con):
    bought = _log(con, order_id=True)
    model = Recommender(None, None, {"popular": 1.0}, n_neighbors=5, candidates=60).fit(bought.upto(TEST))
    together.attach(model, bought.baskets, TEST)
    similar = together.neighbours(together.order_matrix(model), n=60).toarray()
    names = list(model.products_[model.candidates_])
    lines = bought.baskets[(bought.baskets["part"] < TEST)].astype({"product_id": str})
    lines = lines[lines["product_id"].isin(names)]
    held = pd.crosstab(lines["basket"], lines["product_id"]).clip(upper=1)
    both = held.T @ held
    cosine = both / np.sqrt(np.outer(np.diag(both), np.diag(both)))
    np.fill_diagonal(cosine.values, 0.0)
    expected = cosine.reindex(index=names, columns=names).fillna(0.0).to_numpy()
    assert (expected > 0).sum() > 100  # real co-purchases, not an empty matrix
    np.testing.assert_allclose(similar, expected, atol=1e-5)


def test_a_customer_scores_what_is_bought_in_orders_with_their_latest_products(con):
    bought = _log(con, order_id=True)
    model = Recommender(28.0, 28.0, {"popular": 1.0}, n_neighbors=5, candidates=60)
    model.fit(bought.upto(VALIDATION))
    together.attach(model, bought.baskets, VALIDATION)
    rows = np.arange(len(model.customers_))
    cols = np.arange(len(model.candidates_))
    scores = together.scores(model, rows, cols)
    recent = together.recent_baskets(model)
    assert scores.shape == (len(rows), len(cols)) and (scores > 0).any()
    assert not (scores[np.asarray(recent.sum(axis=1)).ravel() == 0] > 0).any()  # nothing lately, no signal


@pytest.mark.parametrize("order_id", [True, False])
def test_the_signal_is_tried_only_where_the_log_has_orders(con, monkeypatch, order_id):
    """Thirteen households are too few to choose anything at the product's floor: it is lowered."""
    for module in (evaluate_module, run_module):
        monkeypatch.setattr(module, "MIN_VALIDATION_CUSTOMERS", 3)
    bought = _log(con, order_id)
    assert (bought.baskets is not None) == order_id
    config = RecommendConfig(holdout_days=28, top=10, n_neighbors=5)
    _, _, tried, _ = evaluate(bought, config)
    assert any("w_together" in t for t in tried) == order_id
