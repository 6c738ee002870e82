"""The learned second stage: candidates from the blend's signals, gradient-boosted trees on the
validation window, chosen only when it beats the blend on validation customers it never saw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend.run import RecommendConfig, run
from tests.recommend.conftest import make_table

START = pd.Timestamp("2024-01-01")


def _trend_log(seed: int = 7, customers: int = 400, days: int = 224) -> list[tuple]:
    """Weekly shoppers. Each is a fan of 3 of 6 favourites and buys them every visit (they sell
    best lately, but nobody else ever starts buying them); 80 new products launch over the period
    and for 56 days after its launch each one is bought for the first time by 1 % of the
    customers a week. A new product is worth offering while it is rising (its recent buyers are
    most of its buyers), which recent popularity, similar customers and the item regression,
    blended linearly, cannot tell from a favourite."""
    rng = np.random.default_rng(seed)
    launches = np.sort(rng.integers(0, days - 28, 80))
    rows = []
    for c in range(customers):
        offset = int(rng.integers(0, 7))
        fans = rng.choice(6, 3, replace=False)
        for week in range((days - offset) // 7):
            day = offset + 7 * week
            order = f"c{c}-{week}"
            rows += [(f"c{c}", order, day, f"fav{f}") for f in fans]
            rising = np.flatnonzero((launches <= day) & (day < launches + 56))
            rows += [(f"c{c}", order, day, f"new{p}") for p in rising if rng.random() < 0.01]
    return [(c, o, str((START + pd.Timedelta(days=int(d))).date()), p, 1) for c, o, d, p in rows]


@pytest.fixture(scope="module")
def trend_rows() -> list[tuple]:
    return _trend_log()


def test_the_ranker_learns_a_trend_the_blend_cannot_and_is_chosen(con, trend_rows):
    make_table(con, "trend", trend_rows)
    result = run(con, "trend", RecommendConfig(top=5))
    ev = result.evaluation
    chosen = ev["validation_hit_rate"]
    assert ev["method"] == "ranker" and chosen["ranker"] > chosen["blend"] * 1.2
    assert ev["hit_rate"] > ev["blend_hit_rate"] * 1.2, "it holds on the test window too"
    assert ev["hit_rate"] > ev["baseline_hit_rate"] and ev["customers_covered"] == 1.0
    recs = result.recommendations
    assert recs.groupby("customer_id").size().eq(5).all()
    assert recs["product_id"].str.startswith("new").mean() > 0.5, "the lists offer the risers"


def test_purchases_after_the_validation_window_do_not_change_what_the_ranker_learns(con, trend_rows):
    """The same log with every test-window line doubled into another product on the same day
    (each customer's windows stay where they were): the choice on validation is the same."""
    make_table(con, "trend", trend_rows)
    last = pd.DataFrame(trend_rows).groupby(0)[2].max()
    cut = {c: str((pd.Timestamp(d) - pd.Timedelta(days=27)).date()) for c, d in last.items()}
    extra = [(c, o, d, "late" + p, q) for c, o, d, p, q in trend_rows if d >= cut[c]]
    make_table(con, "trend_more", trend_rows + extra)
    config = RecommendConfig(top=5)
    before, after = run(con, "trend", config).evaluation, run(con, "trend_more", config).evaluation
    assert after["validation_hit_rate"] == before["validation_hit_rate"]
    assert after["weights"] == before["weights"] and after["method"] == before["method"]
    assert after["held_out_pairs"] > before["held_out_pairs"], "the test window did change"


def test_the_ranker_learns_from_a_fixed_sample_of_the_validation_customers(con, trend_rows, monkeypatch):
    """The trend log with the sample smaller than its validation customers: the ranker learns from
    that many, the same ones on every run, and is still chosen (cost bounded on any log)."""
    make_table(con, "trend", trend_rows)
    monkeypatch.setattr("crm_core.recommend.ranker.TRAIN_CUSTOMERS", 200)
    first, again = (run(con, "trend", RecommendConfig(top=5)).evaluation for _ in range(2))
    assert first["ranker_customers"] == 200 < first["customers_evaluated"]
    assert first["method"] == "ranker" and first["hit_rate"] > first["blend_hit_rate"]
    assert again["validation_hit_rate"] == first["validation_hit_rate"]


def test_the_ranker_is_served_only_a_standard_error_ahead_of_the_blend(con, trend_rows):
    """The trend log: the ranker's lead over the blend, customer by customer on the customers it
    learnt from (held out), is far more than its standard error, so it is served; the gain and its
    error are in the evaluation."""
    make_table(con, "trend", trend_rows)
    chosen = run(con, "trend", RecommendConfig(top=5)).evaluation["validation_hit_rate"]
    assert chosen["ranker_gain"] > 3 * chosen["ranker_gain_se"] > 0
    assert chosen["ranker_gain"] <= chosen["ranker"], "a gain over the blend, not the ranker's rate"



def test_a_ranker_within_a_standard_error_on_the_same_customers_leaves_the_blend(con, monkeypatch, journey):
    """100 households of the generated Complete-Journey-shaped log, the ranker learning from 40 of
    their validation customers: its held-out figure on those 40 is above the blend's on all of them,
    but on the same 40 customers it is not a standard error ahead, so the simpler blend is served
    (main served the ranker whenever its figure was the higher)."""
    con.execute(f"""CREATE TABLE tx AS SELECT household_id, basket_id, product_id, quantity, sales_value,
                    transaction_timestamp FROM '{journey}' WHERE household_id % 8 = 3""")
    monkeypatch.setattr("crm_core.recommend.ranker.TRAIN_CUSTOMERS", 40)
    ev = run(con, "tx", RecommendConfig(top=10)).evaluation
    chosen = ev["validation_hit_rate"]
    assert ev["ranker_customers"] == 40 < ev["validation_customers"]
    assert chosen["ranker"] > chosen["blend"], "the unpaired figures favour the ranker"
    assert chosen["ranker_gain"] <= chosen["ranker_gain_se"] and ev["method"] == "blend"
