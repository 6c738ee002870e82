"""Recommender: exact similarities and rankings on hand-built baskets, rules, content, evaluation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.recommend.model import Recommender, catalogue, find_products_table, interactions
from crm_core.recommend.run import RecommendParams, evaluate, run
from crm_core.workspace.roles import get_roles

BASKETS = [  # customer, order, date, product, quantity
    ("A", "o1", "2024-01-05", "p1", 1), ("A", "o1", "2024-01-05", "p2", 1),
    ("B", "o2", "2024-01-06", "p1", 2), ("B", "o2", "2024-01-06", "p2", 1),
    ("B", "o3", "2024-01-09", "p3", 1),
    ("C", "o4", "2024-01-07", "p2", 1), ("C", "o4", "2024-01-07", "p3", 1),
    ("D", "o5", "2024-01-08", "p4", 1),
    ("E", "o6", "2024-01-08", "p1", 1),
    ("E", "o7", "2024-01-10", "p1", -1),  # a return: not a purchase
    (None, "o8", "2024-01-10", "p4", 1),  # a guest checkout: no customer
]


def _table(con, name: str, rows) -> None:
    frame = pd.DataFrame(rows, columns=["customer_id", "order_id", "order_date", "product_id", "quantity"])
    con.register("rows_frame", frame)
    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM rows_frame')
    con.unregister("rows_frame")


@pytest.fixture
def baskets(con):
    _table(con, "baskets", BASKETS)
    return interactions(con, "baskets", get_roles(con, "baskets"))


def _exact_model(purchases, **params) -> Recommender:
    return Recommender(method="cf", weighting="binary", popularity_weight=0.0, **params).fit(purchases)


def test_interactions_aggregate_orders_and_skip_returns_and_guests(baskets):
    pairs = baskets.set_index(["customer_id", "product_id"])
    assert len(baskets) == 9
    assert pairs.loc[("B", "p1"), "orders"] == 1 and pairs.loc[("B", "p1"), "quantity"] == 2
    assert pairs.loc[("E", "p1"), "quantity"] == 1  # the return line is left out


def test_cosine_similarities_are_exact(baskets):
    model = _exact_model(baskets)
    similar = model.similar_products("p1").set_index("product_id")["similarity"]
    # p1 bought by A, B, E; p2 by A, B, C; p3 by B, C; p4 by D only
    assert similar["p2"] == pytest.approx(2 / 3, abs=1e-4)
    assert similar["p3"] == pytest.approx(1 / math.sqrt(6), abs=1e-4)
    assert "p4" not in similar.index
    assert model.similarity_table(["p2", "p3"]).loc["p2", "p3"] == pytest.approx(2 / math.sqrt(6), abs=1e-4)


def test_rankings_scores_and_explanations_are_exact(baskets):
    recs = _exact_model(baskets).recommend(3)
    e = recs[recs["customer_id"] == "E"]
    assert e["product_id"].tolist() == ["p2", "p3", "p4"]
    assert e["score"].iloc[1] == pytest.approx((1 / math.sqrt(6)) / (2 / 3), abs=1e-5)
    assert e["because_product_id"].tolist()[:2] == ["p1", "p1"]
    a = recs[recs["customer_id"] == "A"]
    assert a["product_id"].tolist()[0] == "p3"
    assert a["because_product_id"].iloc[0] == "p2"  # p2~p3 (0.82) beats p1~p3 (0.41)


def test_already_bought_excluded_by_default_and_allowed_on_request(baskets):
    bought = baskets.groupby("customer_id")["product_id"].apply(set)
    recs = _exact_model(baskets).recommend(4)
    assert not any(p in bought[c] for c, p in zip(recs["customer_id"], recs["product_id"], strict=True))
    repeat = _exact_model(baskets, include_bought=True).recommend(2)
    assert set(repeat[repeat["customer_id"] == "A"]["product_id"]) == {"p1", "p2"}


def test_cold_start_customer_gets_popular_products(baskets):
    model = _exact_model(baskets)
    recs = model.recommend(2, customers=["never-seen"])
    assert set(recs["product_id"]) == {"p1", "p2"}  # three buyers each
    assert (recs["because_product_id"] == "").all()
    assert model.customer_history("never-seen").empty


def test_customer_whose_products_have_no_neighbours_falls_back_to_popularity(baskets):
    recs = _exact_model(baskets).recommend(2)
    assert set(recs[recs["customer_id"] == "D"]["product_id"]) == {"p1", "p2"}


def test_bought_together_counts_customers_and_lift(baskets):
    together = _exact_model(baskets).bought_together("p2").set_index("product_id")
    assert together.loc["p1", "customers"] == 2 and together.loc["p3", "customers"] == 2
    assert together.loc["p1", "share"] == pytest.approx(2 / 3, abs=1e-3)
    assert together.loc["p3", "lift"] == pytest.approx((2 / 3) / (2 / 5), abs=0.01)


def test_min_support_and_category_rules(baskets):
    products = pd.DataFrame({"product_id": ["p1", "p2", "p3", "p4"], "name": list("abcd"),
                             "category": ["Tea", "Tea", "Cups", "Cups"], "description": None,
                             "text": ""})
    model = Recommender(method="cf", categories=("cups",)).fit(baskets, products)
    assert set(model.recommend(3)["product_id"]) <= {"p3", "p4"}
    rare = Recommender(method="cf", min_support=2).fit(baskets)
    assert "p4" not in set(rare.recommend(3)["product_id"])


def test_bad_parameters_are_analyst_errors(baskets):
    with pytest.raises(CrmError, match="method"):
        Recommender(method="magic").fit(baskets)
    with pytest.raises(CrmError, match="between 0 and 1"):
        Recommender(weight=2).fit(baskets)
    with pytest.raises(CrmError, match="not in the purchases"):
        _exact_model(baskets).similar_products("nope")


CHINESE = pd.DataFrame({
    "product_id": ["T1", "T2", "T3", "M1", "M2", "E1", "E2"],
    "name": ["云南普洱茶 357克 熟茶饼", "普洱茶 生茶饼 200克", "西湖龙井 绿茶 250克",
             "陶瓷马克杯 350毫升", "骨瓷马克杯 400毫升", "Kenya AA Ground Coffee 250g",
             "Colombia Ground Coffee 500g"],
})


def test_chinese_product_text_gives_sensible_content_neighbours():
    products = CHINESE.assign(category=None, description=None, text=CHINESE["name"])
    purchases = pd.DataFrame({"customer_id": ["x"], "product_id": ["T1"], "orders": [1],
                              "quantity": [1.0], "last_ts": [pd.Timestamp("2024-01-01")]})
    model = Recommender(method="content").fit(purchases, products)
    assert model.similar_products("T1", 1)["product_id"].iloc[0] == "T2"
    assert model.similar_products("M1", 1)["product_id"].iloc[0] == "M2"
    assert model.similar_products("E1", 1)["product_id"].iloc[0] == "E2"
    # cold start: the never-bought pu-erh is offered to the customer who bought the other one
    assert model.recommend(1)["product_id"].iloc[0] == "T2"


def test_evaluation_never_trains_on_the_held_out_period(con):
    before = [(f"c{i}", f"o{i}", "2024-03-01", "a", 1) for i in range(1, 6)]
    before += [("c6", "o6", "2024-03-02", "a", 1), ("c6", "o6", "2024-03-02", "c", 1)]
    # in the last 28 days the five customers all add "b": a pattern only the held-out weeks show
    held_out = [(f"c{i}", f"h{i}", "2024-04-20", "b", 1) for i in range(1, 6)]
    _table(con, "leak", before + held_out)
    roles = get_roles(con, "leak")
    params = RecommendParams(method="cf", top=1, holdout_days=28)
    result = evaluate(con, "leak", roles, params)
    assert result["cutoff"].startswith("2024-03-24")
    assert result["customers_evaluated"] == 5
    assert result["hit_rate"] == 0.0, "b can only be recommended by a model that saw the held-out weeks"
    assert result["trained_on_pairs"] == 7
    final = run(con, "leak", params)  # the final model learns from everything
    assert final.recommendations.set_index("customer_id").loc["c6", "product_id"] == "b"


def test_sample_data_beats_popularity_for_new_and_repeat_purchases(sample_ws):
    with sample_ws.connect() as con:
        roles = get_roles(con, "orders")
        assert find_products_table(con, exclude="orders") == "products"
        products = catalogue(con, "products")
        new = evaluate(con, "orders", roles, RecommendParams(), products)
        repeat = evaluate(con, "orders", roles, RecommendParams(method="cf", include_bought=True), products)
    assert new["hit_rate"] > new["popularity_hit_rate"] + 0.1
    assert new["recall"] > new["popularity_recall"]
    assert new["coverage"] > new["popularity_coverage"]
    assert repeat["hit_rate"] > repeat["popularity_hit_rate"]
    assert products["text"].str.contains("普洱").any()


def test_locale_strings_complete_and_used_keys_exist():
    import json
    import re

    from tests.conftest import ROOT

    ours = json.loads((ROOT / "crm_core/locales/recommend.json").read_text(encoding="utf-8"))
    assert all(v.get("en") and v.get("zh") for v in ours.values())
    others = [json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "crm_core/locales").glob("*.json")
              if p.name != "recommend.json"]
    assert not any(set(ours) & set(o) for o in others), "keys collide with another locale file"
    page = (ROOT / "pages/recommend.py").read_text(encoding="utf-8")
    literal = set(re.findall(r'tr\("(rec\.[\w.]+)"', page))
    assert literal <= set(ours)
    for metric in ("hit_rate", "precision", "recall", "coverage"):
        assert f"rec.metric.{metric}" in ours and f"rec.metric.{metric}_help" in ours


def test_big_catalogues_fall_back_to_co_purchase(baskets, con, monkeypatch):
    import crm_core.recommend.run as rec_eval

    monkeypatch.setattr(rec_eval, "CONTENT_MAX_PRODUCTS", 3)
    products = pd.DataFrame({"product_id": ["p1", "p2", "p3", "p4"], "name": list("abcd"),
                             "category": None, "description": None, "text": list("abcd")})
    params, note = rec_eval._feasible(RecommendParams(method="blend"), products)
    assert params.method == "cf" and "4 products" in note
    with pytest.raises(CrmError, match="up to 3 products"):
        rec_eval._feasible(RecommendParams(method="content"), products)
    assert rec_eval._feasible(RecommendParams(method="blend"), products.head(3))[0].method == "blend"


def test_popularity_share_is_tuned_on_the_held_out_days_ties_keep_the_setting():
    from crm_core.recommend.run import _tuned

    tie = {"popularity_weight_hit_rates": {"0.0": 0.3, "0.1": 0.4, "0.3": 0.4, "0.6": 0.2}}
    assert _tuned(RecommendParams(), tie).popularity_weight == 0.1
    best = {"popularity_weight_hit_rates": {"0.0": 0.3, "0.1": 0.4, "0.3": 0.4, "0.6": 0.5}}
    assert _tuned(RecommendParams(), best).popularity_weight == 0.6
    assert _tuned(RecommendParams(tune=False), best).popularity_weight == 0.1
    assert _tuned(RecommendParams(), {"skipped": "no dates"}).popularity_weight == 0.1


def test_recency_and_inverse_popularity_weighting(baskets):
    recent = _exact_model(baskets, recency_half_life_days=2.0)
    weights = recent.history_.toarray()
    b, e = recent.customers_.get_loc("B"), recent.customers_.get_loc("E")
    p1, p3 = recent.products_.get_loc("p1"), recent.products_.get_loc("p3")
    # newest purchase 2024-01-09 (the 01-10 return does not count): B's p3 is the newest,
    # B's p1 (01-06) is 3 days older, E's p1 (01-08) 1 day
    assert weights[b, p3] == pytest.approx(1.0, abs=1e-5)
    assert weights[b, p1] == pytest.approx(0.5 ** 1.5, abs=1e-5)
    assert weights[e, p1] == pytest.approx(0.5 ** 0.5, abs=1e-5)
    idf = _exact_model(baskets, idf=True).similar_products("p1").set_index("product_id")["similarity"]
    # p3 (2 buyers) gains on p2 (3 buyers) when rare neighbours are weighed up
    assert idf["p3"] / idf["p2"] > (1 / math.sqrt(6)) / (2 / 3)
