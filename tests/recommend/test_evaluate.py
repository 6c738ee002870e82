"""The choice of weights on the validation window, on Complete-Journey-shaped grocery baskets
(generated: :mod:`tests.journey`)."""

from __future__ import annotations

from crm_core.recommend import data
from crm_core.recommend.data import VALIDATION
from crm_core.recommend.evaluate import ITEM_LEADERS, ITEM_WEIGHTS, choose, refine
from crm_core.recommend.model import Recommender
from crm_core.workspace.roles import get_roles


def test_blend_tries_the_item_weights_with_the_best_settings_of_the_grid(con, journey):
    """100 households of the generated Complete-Journey-shaped log, new-to-customer lists: the
    item regression's weight is tried with each of the ``ITEM_LEADERS`` best settings of similar
    customers (whole and lately), not only with the best one, and the best of all is kept."""
    con.execute(f"""CREATE TABLE tx AS SELECT household_id, basket_id, product_id, quantity, sales_value,
                    transaction_timestamp FROM '{journey}' WHERE household_id % 8 = 3""")
    bought = data.purchases(con, "tx", get_roles(con, "tx", None), 28)
    model = Recommender(mode="new").fit(bought.upto(VALIDATION))
    _, first, tried, judge = choose(model, bought.window(VALIDATION), 10, 56.0, 28)
    weights = refine(judge, tried, 28, 10)

    def setting(row: dict) -> tuple:
        return row["w_similar"], row["w_lately"]

    grid = [t for t in tried if "w_items" not in t]
    leaders = sorted(grid, key=lambda t: (t["hit_rate"], t["precision"]), reverse=True)[:ITEM_LEADERS]
    for leader in leaders:
        assert {t.get("w_items", 0.0) for t in tried if setting(t) == setting(leader)} == set(ITEM_WEIGHTS)
    kept = [t for t in tried if setting(t) == (weights["similar"], weights["lately"])
            and t.get("w_items", 0.0) == weights["items"]]
    assert kept[0]["hit_rate"] == max(t["hit_rate"] for t in tried)
    assert first["items"] in ITEM_WEIGHTS and len(tried) == 18 + len(ITEM_WEIGHTS) + 3 * (ITEM_LEADERS - 1)


def test_a_run_kept_on_the_blend_refines_its_item_weight(con, monkeypatch, journey):
    """The same households through ``run`` with a ranker that learns nothing (so the blend orders
    the lists): its item weight was tried with several settings of the grid."""
    from crm_core.recommend.ranker import Ranker
    from crm_core.recommend.run import RecommendConfig, run

    monkeypatch.setattr(Ranker, "train", lambda self, judge, seed=0: 0.0)

    con.execute(f"""CREATE TABLE tx AS SELECT household_id, basket_id, product_id, quantity, sales_value,
                    transaction_timestamp FROM '{journey}' WHERE household_id % 8 = 3""")
    result = run(con, "tx", RecommendConfig(top=10, half_life_days=56))
    assert result.evaluation["method"] == "blend"
    with_items = {(t["w_similar"], t["w_lately"]) for t in result.tried if t.get("w_items")}
    assert len(with_items) == ITEM_LEADERS
