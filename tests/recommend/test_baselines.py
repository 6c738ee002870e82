"""The popularity baselines rank the whole catalogue, not the product's candidates (rec38).

rec37 widened the candidates and all history's best-sellers, ranked among them, fell on the Complete
Journey (26.48 -> 26.02 %): the bar moved with the product's own cap. On the test weeks of 13 real
Complete Journey households (``tests/data/complete_journey_13_households.csv``) a model of 60
candidates lately stands in for the 5,000; all history's best-sellers reach outside them, and in
lists of 20 (13 households find little in ten) one of them, bought by no one lately, is a hit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend import baselines, data
from crm_core.recommend.data import TEST
from crm_core.recommend.evaluate import Judge
from crm_core.recommend.model import Recommender
from crm_core.workspace.roles import get_roles

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"
K = 20


@pytest.fixture
def households(con):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    return data.purchases(con, "tx", get_roles(con, "tx"), 28)


def _lists_by_pandas(model: Recommender, history: pd.DataFrame, days: float | None) -> dict[str, set]:
    """Each customer's k best-sellers (distinct buyers over ``days``, None: ever) the list may hold,
    ties by buyers ever, then the model's catalogue position, over every product bought before the window."""
    age = (pd.to_datetime(history["last_ts"]).max() - pd.to_datetime(history["last_ts"])).dt.total_seconds()
    counted = history if days is None else history[age < days * 86_400]
    buyers = counted.groupby("product_id", observed=True)["customer_id"].nunique()
    catalogue = pd.DataFrame({"product_id": model.products_})
    ever = history.groupby("product_id", observed=True)["customer_id"].nunique()
    catalogue["buyers"] = buyers.reindex(catalogue["product_id"]).fillna(0).to_numpy()
    catalogue["ever"] = ever.reindex(catalogue["product_id"]).fillna(0).to_numpy()
    ranked = catalogue.sort_values(["buyers", "ever"], ascending=False, kind="stable")["product_id"].tolist()
    text = history.astype({"customer_id": str, "product_id": str})
    owned = text.groupby("customer_id")["product_id"].agg(set)
    allowed = {"new": lambda p, own: p not in own, "again": lambda p, own: p in own,
               "all": lambda p, own: True}[model.mode]
    return {c: set([p for p in ranked if allowed(p, own)][:K]) for c, own in owned.items()}


def _hit_rate_by_pandas(model, history, window, days) -> float:
    lists = _lists_by_pandas(model, history, days)
    owned = set(zip(history["customer_id"].astype(str), history["product_id"].astype(str), strict=True))
    bought = window.astype(str)
    before = [(c, p) in owned for c, p in zip(bought["customer_id"], bought["product_id"], strict=True)]
    before = np.array(before, dtype=bool)
    keep = {"new": ~before, "again": before, "all": np.ones(len(bought), bool)}[model.mode]
    judged = bought[keep].groupby("customer_id")["product_id"].agg(set)
    return float(np.mean([bool(lists.get(c, set()) & got) for c, got in judged.items()]))


@pytest.mark.parametrize("mode", ["new", "all", "again"])
@pytest.mark.parametrize("days", [None, 28.0])
def test_popularity_lists_are_ranked_over_the_whole_catalogue(households, mode, days):
    history, window = households.upto(TEST), households.window(TEST)
    model = Recommender(28.0, 28.0, {"popular": 1.0}, n_neighbors=5, mode=mode, candidates=60).fit(history)
    judge = Judge.of(model, window)
    figures = baselines.bars(judge, K, 28.0)
    name = "popularity" if days is None else "recent_popularity"
    assert figures[name]["hit_rate"] == pytest.approx(_hit_rate_by_pandas(model, history, window, days),
                                                      abs=1e-4)


def test_an_all_time_best_seller_outside_the_candidates_is_a_hit(households):
    """The window the first test needs to fail on main: a hit only the whole catalogue can list."""
    history, window = households.upto(TEST), households.window(TEST)
    model = Recommender(28.0, 28.0, {"popular": 1.0}, n_neighbors=5, candidates=60).fit(history)
    outside = set(model.products_) - set(model.products_[model.candidates_])
    lists = _lists_by_pandas(model, history, None)
    hits = window.astype(str).groupby("customer_id")["product_id"].agg(set)
    assert any(lists[c] & outside & got for c, got in hits.items() if c in lists)
