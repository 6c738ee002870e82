"""What households buy next (a direction co-occurrence cannot see) and how often they try new
things, on small generated baskets with a known order of first purchases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend import data
from crm_core.recommend.model import Recommender
from crm_core.workspace.roles import get_roles
from tests.recommend.conftest import make_table

END = pd.Timestamp("2024-06-30")


def _rows(customer: str, product: str, first: int, last: int, orders: int) -> tuple:
    """A (customer, product) aggregate first and last bought ``first`` / ``last`` days before END."""
    return (customer, product, orders, END - pd.Timedelta(days=last), END - pd.Timedelta(days=first))


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "product_id", "orders", "last_ts", "first_ts"])


def _ladder(seed: int = 3, households: int = 60) -> list[tuple]:
    """Households start on "kettle", and the step after they first buy "teapot" (then both
    weekly); every household also buys a staple. Half of them then take up "cups" and "saucers"
    together. So kettle → teapot is a direction: nobody starts on the teapot and buys a kettle
    next, although the two are always bought together once both are owned."""
    rng = np.random.default_rng(seed)
    rows = []
    for h in range(households):
        start = int(rng.integers(150, 300))
        weeks = start // 7
        rows += [_rows(f"h{h}", "kettle", start, 3, weeks), _rows(f"h{h}", "bread", start, 1, weeks),
                 _rows(f"h{h}", "teapot", start - 35, 3, weeks - 5)]
        if h % 2:
            rows += [_rows(f"h{h}", p, start - 90, 10, 5) for p in ("cups", "saucers")]
    return rows


def _next_scores(model: Recommender, customer: str, signal: str = "next") -> pd.Series:
    row = np.array([model.customers_.get_loc(customer)])
    cols = np.arange(len(model.candidates_))
    parts, mask = model.components(row, cols, (signal,))
    return pd.Series(parts[signal][0] + mask[0], index=model.products_[model.candidates_])


def test_bought_next_follows_the_order_of_first_purchases_not_co_occurrence():
    """Two new households (their first purchases do not count as "next"): one on a kettle, one on a
    teapot."""
    rows = [*_ladder(), *[_rows("new_kettle", p, 20, 2, 3) for p in ("kettle", "bread")],
            *[_rows("only_teapot", p, 20, 2, 3) for p in ("teapot", "bread")]]
    model = Recommender(half_life_days=0, popular_days=28).fit(_frame(rows))
    after_kettle, after_teapot = _next_scores(model, "new_kettle"), _next_scores(model, "only_teapot")
    assert after_kettle.idxmax() == "teapot" and after_kettle["teapot"] > 1.5 * after_kettle["cups"]
    assert after_teapot["kettle"] == 0.0, "a teapot was never followed by a first kettle"
    assert _next_scores(model, "only_teapot", "items")["kettle"] > 0, "co-occurrence offers it all the same"


def test_bought_next_is_measured_from_each_customers_own_last_step():
    """A household that stopped in spring: its last purchases are its spring's, not nothing."""
    rows = [*_ladder(), _rows("spring", "kettle", 150, 120, 4), _rows("spring", "bread", 300, 120, 20)]
    # (with the log's last 28 days instead, it would have no purchase and every score 0)
    model = Recommender(half_life_days=0, popular_days=28).fit(_frame(rows))
    assert _next_scores(model, "spring").idxmax() == "teapot"


def test_without_first_purchase_times_bought_next_still_scores():
    """Frames of (customer, product, orders, last_ts) only (first = last): no failure, and the
    signal exists (each product is new in the step it was last bought)."""
    frame = _frame([*_ladder(), _rows("u", "kettle", 2, 2, 1)]).drop(columns="first_ts")
    model = Recommender(half_life_days=28, popular_days=28).fit(frame)
    assert np.isfinite(_next_scores(model, "u")).any()


def test_exploration_is_the_share_of_recent_products_that_were_new():
    from crm_core.recommend.sequence import exploration

    rows = [*_ladder(), _rows("explorer", "cups", 10, 2, 2), _rows("explorer", "saucers", 40, 2, 4),
            _rows("explorer", "bread", 300, 2, 40), _rows("explorer", "kettle", 60, 5, 6),
            _rows("creature", "bread", 300, 2, 40), _rows("creature", "kettle", 280, 3, 40)]
    model = Recommender(half_life_days=0, popular_days=28).fit(_frame(rows))
    rate = exploration(model._cells, model.first_age_, len(model.customers_))
    by = pd.Series(rate, index=model.customers_)
    assert by["explorer"] == pytest.approx(3 / 4) and by["creature"] == 0.0


def test_purchases_keep_when_each_product_was_first_bought(con):
    make_table(con, "log", [("c1", "o1", "2024-01-05", "p", 1), ("c1", "o2", "2024-03-01", "p", 1),
                            ("c1", "o3", "2024-05-20", "p", 1), ("c1", "o4", "2024-06-30", "q", 1)])
    bought = data.purchases(con, "log", get_roles(con, "log"), 28)
    seen = bought.upto(data.TEST).set_index("product_id")
    assert seen.loc["p", "first_ts"] == pd.Timestamp("2024-01-05")
    assert seen.loc["p", "last_ts"] == pd.Timestamp("2024-05-20")
