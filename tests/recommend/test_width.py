"""The blend's candidates widened to the next best-sellers lately when validation says so (rec37).

Main's test lists on rec25's nine windows missed, of the new products households bought, 38–43 % that
were outside the 5,000 best-sellers lately on the id logs (the largest kind): a list could never hold
them. On 13 real Complete Journey households (``tests/data/complete_journey_13_households.csv``) a
narrow model stands in for the 5,000 and its widened twin for the 10,000.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.recommend import data, width
from crm_core.recommend.data import VALIDATION
from crm_core.recommend.evaluate import Judge, blend_scorer
from crm_core.recommend.model import Recommender, used
from crm_core.recommend.run import RecommendConfig, run
from crm_core.workspace.roles import get_roles
from tests.recommend.conftest import make_table
from tests.recommend.test_run import _two_tastes

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"
WEIGHTS = {"popular": 1.0, "similar": 1.0, "lately": 1.0}


@pytest.fixture
def households(con):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    return data.purchases(con, "tx", get_roles(con, "tx"), 28)


def _fitted(bought, candidates: int) -> Recommender:
    history = bought.upto(VALIDATION)
    return Recommender(28.0, 28.0, WEIGHTS, n_neighbors=5, candidates=candidates).fit(history)


def test_widening_adds_the_next_best_sellers_lately_and_keeps_the_first(households):
    narrow, wide = _fitted(households, 60), width.widened(_fitted(households, 60), 120)
    history = households.upto(VALIDATION)
    newest = pd.to_datetime(history["last_ts"]).max()
    lately = history[(newest - pd.to_datetime(history["last_ts"])).dt.total_seconds() < 28 * 86_400]
    buyers = lately.groupby("product_id", observed=False)["customer_id"].nunique()
    bought = set(wide.products_[wide.candidates_])
    assert len(bought) == 120 and set(narrow.products_[narrow.candidates_]) < bought
    inside = buyers.reindex(list(bought)).fillna(0)
    outside = buyers.drop(list(bought), errors="ignore")
    assert outside.empty or outside.max() <= inside.min()  # the 120 best-sellers lately, ties aside


def test_a_widened_list_is_scored_as_a_model_fitted_that_wide(households):
    wide = width.widened(_fitted(households, 60), 120)
    fitted = _fitted(households, 120)
    window = households.window(VALIDATION)
    assert np.array_equal(wide.candidates_, fitted.candidates_)
    figures = [Judge.of(m, window).score({"b": blend_scorer(m, WEIGHTS)}, 10, used(WEIGHTS))["b"]
               for m in (wide, fitted)]
    assert figures[0] == figures[1]
    assert wide.recommend(10).equals(fitted.recommend(10))


def test_a_catalogue_smaller_than_the_candidates_keeps_them_and_says_so(con):
    make_table(con, "sales", _two_tastes())
    ev = run(con, "sales", RecommendConfig(top=3)).evaluation
    assert ev["method"] == "blend" and ev["candidates"] == 16
    assert ev["validation_hit_rate"]["wider"] is None  # nothing more to hold: not tried


def _merit(model: Recommender, window: pd.DataFrame, k: int) -> dict:
    return Judge.of(model, window).score({"b": blend_scorer(model, WEIGHTS)}, k, used(WEIGHTS))["b"]


@pytest.mark.parametrize("tie", [False, True])
def test_the_wider_set_is_chosen_only_when_it_lists_better_on_validation(households, tie):
    """Lists of 100 (the 11 validation households of 13 find little in ten)."""
    window = households.window(VALIDATION)
    model = _fitted(households, 60)
    wide = _merit(_fitted(households, width.WIDER), window, 100)
    own = _merit(model, window, 100)
    narrow = (wide["hit_rate"], wide["precision"]) if tie else (own["hit_rate"], own["precision"])
    better = (wide["hit_rate"], wide["precision"]) > narrow
    assert better != tie  # every product a candidate finds more here; a tie keeps the narrow
    assert width.choose(model, window, WEIGHTS, 100, narrow) == ((width.WIDER if better else 60),
                                                                 wide["hit_rate"])
    assert len(model.candidates_) == 60  # the validation model is left as it was
