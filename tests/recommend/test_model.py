"""The recommender on hand-built histories: customer-kNN, recent popularity, list modes."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.recommend import model as model_module
from crm_core.recommend.model import Recommender, top_k, top_k_set

DAY = pd.Timestamp("2024-03-01")


def _purchases(rows) -> pd.DataFrame:
    return pd.DataFrame([(c, p, n, DAY - pd.Timedelta(days=age)) for c, p, n, age in rows],
                        columns=["customer_id", "product_id", "orders", "last_ts"])


# u1 and u2 share taste (x, y); u2 also bought z lately. Everybody else bought "pop" long ago
# and "fresh" lately.
ROWS = [("u1", "x", 3, 5), ("u1", "y", 2, 5), ("u2", "x", 3, 2), ("u2", "y", 2, 2), ("u2", "z", 1, 1),
        *[(f"o{i}", "pop", 1, 200) for i in range(6)], *[(f"o{i}", "fresh", 1, 3) for i in range(4)],
        ("o0", "old", 1, 300)]


def test_similar_customers_recent_purchase_comes_first():
    model = Recommender(half_life_days=28, popular_days=28,
                        weights={"popular": 1.0, "similar": 2.0}).fit(_purchases(ROWS))
    picks = model.recommend(3, ["u1"])
    assert picks["product_id"].tolist()[:2] == ["z", "fresh"]
    assert picks["reason"].tolist()[:2] == ["similar", "popular"]
    assert not {"x", "y"} & set(picks["product_id"]), "new-to-customer lists skip bought products"


def test_recent_popularity_beats_all_time_popularity():
    model = Recommender(half_life_days=28, popular_days=28, weights={"popular": 1.0}).fit(_purchases(ROWS))
    top = model.popular(2)["product_id"].tolist()
    assert top[0] == "fresh"  # 4 buyers in the last 28 days; "pop" had 6, long ago
    assert model.window_popularity(None)[model.products_.get_loc("pop")] == 6
    assert model.recommend(1, ["nobody"])["product_id"].tolist() == ["fresh"], "unknown customers"


def test_half_life_halves_a_purchase_after_that_many_days():
    rows = [("a", "p", 1, 0), ("a", "q", 1, 10)]
    model = Recommender(half_life_days=10, popular_days=None).fit(_purchases(rows))
    history = model.customer_history("a").set_index("product_id")["weight"]
    assert history["q"] == pytest.approx(history["p"] / 2, abs=1e-3)
    model.set_recency(0, None)
    assert model.customer_history("a")["weight"].nunique() == 1, "0 = no decay"


def test_buy_again_lists_only_bought_products_most_frequent_first():
    rows = [("a", "milk", 9, 2), ("a", "jam", 1, 40), ("b", "milk", 1, 1), ("b", "tea", 1, 1)]
    model = Recommender(half_life_days=56, weights={"own": 1.0}, mode="again").fit(_purchases(rows))
    assert model.recommend(5, ["a"])["product_id"].tolist() == ["milk", "jam"]


def test_bad_mode_is_refused():
    with pytest.raises(CrmError, match="list mode"):
        Recommender(mode="sometimes").fit(_purchases(ROWS))


def test_lately_counts_only_what_similar_customers_bought_in_the_last_weeks():
    # u2 shares u1's taste; of u2's other products "new" is recent, "gone" was bought long ago
    # and often, so the whole-history signal prefers "gone" and the last-weeks one "new".
    rows = [("u1", "x", 1, 5), ("u1", "y", 1, 5), ("u2", "x", 1, 2), ("u2", "y", 1, 2),
            ("u2", "new", 1, 3), ("u2", "gone", 9, 100), ("o1", "other", 1, 1)]
    fitted = Recommender(half_life_days=0, popular_days=28, weights={"lately": 1.0}).fit(_purchases(rows))
    assert fitted.recommend(1, ["u1"])["product_id"].tolist() == ["new"]
    assert fitted.recommend(1, ["u1"])["reason"].tolist() == ["lately"]
    fitted.weights = {"similar": 1.0}
    assert fitted.recommend(1, ["u1"])["product_id"].tolist() == ["gone"]


def test_item_regression_recommends_what_a_customers_products_predict():
    # "chips" is bought with "salsa" by everyone who bought salsa; "milk" sells better lately.
    rows = [*[(f"s{i}", "salsa", 1, 10) for i in range(5)], *[(f"s{i}", "chips", 1, 10) for i in range(5)],
            *[(f"m{i}", "milk", 1, 1) for i in range(8)], ("u", "salsa", 1, 2)]
    fitted = Recommender(half_life_days=28, popular_days=28, weights={"popular": 1.0}).fit(_purchases(rows))
    assert fitted.recommend(1, ["u"])["product_id"].tolist() == ["milk"]
    fitted.weights = {"popular": 1.0, "items": 2.0}
    assert fitted.recommend(1, ["u"])["product_id"].tolist() == ["chips"]


@pytest.mark.parametrize("levels", [None, 3, 40])
def test_top_k_set_picks_what_top_k_picks_ties_included(levels):
    rng = np.random.default_rng(levels or 0)
    scores = rng.random((60, 700)) if levels is None else rng.integers(0, levels, (60, 700)) / levels
    scores = scores.astype(np.float32)
    scores[rng.random(scores.shape) < 0.3] = -np.inf
    scores[:5, 5:] = -np.inf  # rows with fewer than k products allowed
    for k in (1, 10, 30):
        top, _ = top_k(scores, k)
        rows, cols, _ = top_k_set(scores, k)
        expected = {(r, c) for r, row in enumerate(top.tolist()) for c in row}
        assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected and len(rows) == len(expected)



def test_top_k_set_stays_cheap_when_best_sellers_come_first(monkeypatch):
    """Products numbered by what sells (:mod:`numbering`) put every row's high scores in its first
    columns. The set is still found from a few cells per row: the full sort (``top_k``) sees few
    rows (rec23 measured Instacart's run 24 % slower when nearly all went there)."""
    rng = np.random.default_rng(5)
    popularity = np.sort(rng.pareto(1.2, 3_000))[::-1] / 10  # best-selling first
    chance = np.minimum(popularity, 0.6)  # each of 100 neighbours buys a product as often as all do
    scores = (rng.binomial(100, chance, (400, 3_000)) / 100 + 1e-4 * popularity).astype(np.float32)
    sorted_rows = []
    real_top_k = model_module.top_k

    def counting_top_k(matrix, k):
        sorted_rows.append(len(matrix))
        return real_top_k(matrix, k)
    monkeypatch.setattr(model_module, "top_k", counting_top_k)
    for k in (10, 30):
        sorted_rows.clear()
        rows, cols, _ = top_k_set(scores, k)
        top, _ = real_top_k(scores, k)
        assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == {
            (r, c) for r, row in enumerate(top.tolist()) for c in row}
        assert sum(sorted_rows) <= 0.05 * len(scores), (k, sorted_rows)

def test_history_is_the_same_after_trying_another_half_life():
    model = Recommender(mode="new").fit(_purchases(ROWS))
    before = model.history_.toarray()
    model.set_recency(56.0, 28.0).set_recency(28.0, 28.0)
    assert np.array_equal(model.history_.toarray(), before)


def test_a_repeated_customer_product_row_is_summed_as_before():
    model = Recommender(half_life_days=0, mode="all").fit(_purchases([*ROWS, ("u1", "x", 1, 5)]))
    cell = model.history_[model.customers_.get_loc("u1"), model.products_.get_loc("x")]
    assert cell == pytest.approx(np.log1p(3) + np.log1p(1))


@pytest.mark.parametrize("mode", ["new", "again"])
def test_dense_neighbour_sums_are_the_sparse_products(monkeypatch, mode, journey):
    """100 households of the generated Complete-Journey-shaped log: the neighbours' purchases
    summed from dense neighbour weights (few customers; rows split into blocks) are exactly the
    sparse products."""
    frame = duckdb.sql(f"""SELECT CAST(household_id AS VARCHAR) AS customer_id,
                                  CAST(product_id AS VARCHAR) AS product_id,
                                  count(DISTINCT basket_id) AS orders, max(transaction_timestamp) AS last_ts
                           FROM '{journey}' WHERE household_id % 8 = 3 AND quantity > 0
                           GROUP BY ALL""").df()
    signals = {}
    for dense in (0, 10_000):
        monkeypatch.setattr(model_module, "NEAR_DENSE", dense)
        monkeypatch.setattr(model_module, "SCORE_CELLS", 40_000)  # several chunks and row blocks
        model = Recommender(half_life_days=56, mode=mode).fit(frame)
        assert model._dense_near == bool(dense)
        signals[dense] = [model.components(rows, cols, ("similar", "lately"))[0]
                          for rows, cols in model.chunks(np.arange(len(model.customers_)))]
    for sparse_parts, dense_parts in zip(*signals.values(), strict=True):
        for name in ("similar", "lately"):
            assert np.array_equal(sparse_parts[name], dense_parts[name])
    assert any(parts["similar"].any() for parts in signals[10_000])


def test_a_model_searches_the_neighbours_of_the_customers_it_scores_only(searched_cells, journey):
    """A fit searched every customer's neighbours, though the validation window scores only those
    who bought in it (62 % of them on bench/scale.py's 5M-line log): the search is the run's cost.
    Now a third of the households' lists cost a third of the search and are the lists a model
    that had searched everyone gives them."""
    frame = duckdb.sql(f"""SELECT CAST(household_id AS VARCHAR) AS customer_id,
                                  CAST(product_id AS VARCHAR) AS product_id,
                                  count(DISTINCT basket_id) AS orders, max(transaction_timestamp) AS last_ts
                           FROM '{journey}' WHERE quantity > 0 GROUP BY ALL""").df()
    model = Recommender(half_life_days=56).fit(frame)
    some = list(model.customers_[::3])
    lists = model.recommend(10, customers=some)
    everyone = len(model.customers_)  # below the pool a search's cells are customers × customers
    assert sum(rows for rows, width in searched_cells if width == everyone) == len(some) < everyone
    model.neighbours_.rows(np.arange(everyone))  # everyone's neighbours, then the same lists again
    pd.testing.assert_frame_equal(lists, model.recommend(10, customers=some))
    assert (lists["reason"] == "similar").any()
