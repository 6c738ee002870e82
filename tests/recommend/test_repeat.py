"""Buy-again lists that know each customer's own cycle: a product is offered when it is due."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend import evaluate
from crm_core.recommend.repeat import due
from crm_core.recommend.run import RecommendConfig, run
from tests.recommend.conftest import make_table

START = pd.Timestamp("2024-01-01")


def test_a_product_is_due_when_its_own_cycle_comes_round_not_when_it_was_bought_lately():
    """Coffee every 6 weeks bought 5 weeks ago is due, bought last week it is not; a weekly staple
    bought 2 days ago is due; one the household stopped buying two months ago is not; a product
    bought once has no cycle."""
    orders = np.array([6, 6, 20, 20, 1], dtype=np.float64)
    span = np.array([42 * 5, 42 * 5, 7 * 19, 7 * 19, 0], dtype=np.float64)
    age = np.array([35, 7, 2, 60, 3], dtype=np.float64)
    coffee_due, coffee_not, staple, lapsed, once = due(orders, span, age)
    assert coffee_due > 0.9 and coffee_not < 0.5 * coffee_due
    assert staple > 0.9 and lapsed < 0.01 and once == 0


def _cycle_log(seed: int = 19, customers: int = 300, days: int = 364) -> list[tuple]:
    """Households each buying 10 of 40 products, each at the household's own cycle of 35 to 120
    days (±15 %) from a random start: over any 4 weeks a household buys only the few of its
    products whose turn comes, and what it bought last week is the least likely to come back."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        for p in rng.choice(40, 10, replace=False):
            cycle = rng.uniform(35, 120)
            day = rng.uniform(0, cycle)
            while day < days:
                rows.append((f"h{c}", f"h{c}-{int(day)}", str((START + pd.Timedelta(days=int(day))).date()),
                             f"p{p}", 1))
                day += cycle * rng.uniform(0.85, 1.15)
    return rows


@pytest.fixture(scope="module")
def cycle_rows() -> list[tuple]:
    return _cycle_log()


def test_buy_again_lists_offer_what_is_due_at_the_customers_own_cycle(con, cycle_rows, monkeypatch):
    """The validation weeks choose the "due again" signal, and on the test weeks the lists beat
    both the popularity lists and the same lists without it."""
    make_table(con, "cycles", cycle_rows)
    config = RecommendConfig(top=2, mode="again")
    ev = run(con, "cycles", config).evaluation
    assert ev["weights"].get("due", 0) > 0
    assert ev["hit_rate"] > 1.1 * ev["baseline_hit_rate"] and ev["customers_covered"] == 1.0
    monkeypatch.setattr(evaluate, "DUE_WEIGHTS", (0.0,))
    without = run(con, "cycles", config).evaluation
    assert ev["hit_rate"] > without["hit_rate"] + 0.05


def test_lists_holding_new_and_bought_products_learn_with_the_due_signal(con, cycle_rows):
    """``--mode all`` (``--include-bought``): the ranker learns beside a blend that chose "due"
    (the sample's orders raised KeyError 'due' in the CLI: the ranker had not computed it)."""
    make_table(con, "cycles", cycle_rows)
    result = run(con, "cycles", RecommendConfig(top=2, mode="all"))
    ev = result.evaluation
    assert ev["weights"].get("due", 0) > 0 and ev["validation_hit_rate"]["ranker"] is not None
    assert result.recommendations.groupby("customer_id").size().eq(2).all()
