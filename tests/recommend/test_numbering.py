"""How customers and products are numbered inside a model decides every tie (which of two equal
scores is listed, which of two equally similar customers is a neighbour): by what sold before
anything was held out, then (products) by id as text or (customers) by their rows, never by load
order (round 10 of issue #15 saw a window's hit@10 move 1–3 points with the numbering alone) nor by
how customer ids are spelled (det29)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_core.recommend import data
from crm_core.recommend.run import RecommendConfig, run
from crm_core.workspace.roles import get_roles
from tests.recommend.conftest import make_table
from tests.recommend.test_ranker import _trend_log

LOG = [  # customer, order, date, product, quantity; customers' ids are numbers
    (10, "a1", "2024-01-01", "p9", 1), (10, "a2", "2024-02-20", "p10", 1), (10, "a3", "2024-03-30", "p2", 1),
    (9, "b1", "2024-02-25", "p10", 1), (9, "b2", "2024-01-02", "p2", 1), (9, "b3", "2024-03-29", "p9", 1),
    (100, "c1", "2024-01-03", "p2", 1), (100, "c2", "2024-02-26", "p9", 1),
    (100, "c3", "2024-03-30", "p10", 1), (100, "c4", "2024-01-04", "p1", 1),
    (10, "a4", "2024-01-05", "p11", 1), (9, "b4", "2024-03-29", "p0", 1),
]


def test_products_are_numbered_by_recent_buyers_then_buyers_then_id_as_text(con):
    """Before each customer's validation window (the newest line then is 26 February): p10 has 2
    buyers in its last 28 days, p9 1; p2 none but 2 in all, p1 and p11 1 each (so by text), p0 none
    (bought in a test window only)."""
    make_table(con, "log", LOG)
    frame = data.purchases(con, "log", get_roles(con, "log"), holdout_days=14).frame
    assert list(frame["product_id"].cat.categories) == ["p10", "p9", "p2", "p1", "p11", "p0"]


def test_customers_are_numbered_by_what_they_bought_before_the_held_out_weeks(con):
    """Not by id as text ("10" before "100" before "9"): 100 and 10 bought 3 products before their
    validation windows, 100 last on 26 February, 10 on 20 February; 9 bought 2."""
    make_table(con, "log", LOG)
    frame = data.purchases(con, "log", get_roles(con, "log"), holdout_days=14).frame
    assert [str(c) for c in frame["customer_id"].cat.categories] == ["100", "10", "9"]


def _renumbered(seed: int):
    """data._purchase_rows with its customers and products numbered in a random order (the same
    rows and ids), as another engine or load order might number them."""
    rows = data._purchase_rows

    def shuffled(*args, **kwargs) -> pd.DataFrame:
        frame = rows(*args, **kwargs)
        rng = np.random.default_rng(seed)
        for col in ("customer_id", "product_id"):
            values = frame[col].astype("category")
            cats = values.cat.categories
            frame[col] = values.cat.reorder_categories(cats[rng.permutation(len(cats))])
        return frame
    return shuffled


def test_a_run_is_the_same_whatever_order_customers_and_products_are_met(con, monkeypatch):
    """The trend log (many equal scores among its risers): lists and figures equal in three orders."""
    make_table(con, "trend", _trend_log(customers=240))
    config = RecommendConfig(top=5)
    runs = []
    for seed in (1, 2, 3):
        monkeypatch.setattr(data, "_purchase_rows", _renumbered(seed))
        result = run(con, "trend", config)
        recs = result.recommendations.sort_values(["customer_id", "rank"]).reset_index(drop=True)
        runs.append((recs[["customer_id", "rank", "product_id"]], result.evaluation))
    first_recs, first_ev = runs[0]
    for recs, ev in runs[1:]:
        pd.testing.assert_frame_equal(recs, first_recs)
        assert ev == first_ev
