"""The ranker's validation lead checked once more on the weeks before validation (rec36)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.recommend import data
from crm_core.recommend.run import RecommendConfig, run
from crm_core.workspace.roles import get_roles
from tests.recommend.conftest import make_table
from tests.recommend.test_ranker import _trend_log

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"


def test_the_earlier_window_is_the_weeks_before_validation_and_its_history_all_before(con):
    """13 real Complete Journey households, 28-day windows: the pairs bought in the 28 days before
    validation, and the history before them (distinct baskets, newest time), as pandas reads the file."""
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    bought = data.purchases(con, "tx", get_roles(con, "tx"), 28, cycles=True)
    history, window = bought.earlier()
    lines = pd.read_csv(EXCERPT, parse_dates=["transaction_timestamp"])
    lines = lines[(lines["quantity"] > 0) & (lines["sales_value"] >= 0)]
    ts = lines["transaction_timestamp"]
    early_from = ts.max().normalize() - pd.Timedelta(days=27 + 2 * 28)
    before = lines[ts < early_from].groupby(["household_id", "product_id"]).agg(
        orders=("basket_id", "nunique"), last_ts=("transaction_timestamp", "max"),
        first_ts=("transaction_timestamp", "min"))
    got = history.astype({"customer_id": int, "product_id": int}).set_index(["customer_id", "product_id"])
    assert len(got) == len(before) > 0
    got = got.loc[before.index]
    assert (got["orders"].to_numpy() == before["orders"].to_numpy()).all()
    assert (got["last_ts"].to_numpy() == before["last_ts"].to_numpy()).all()
    assert (got["first_ts"].to_numpy() == before["first_ts"].to_numpy()).all()
    inside = lines[(ts >= early_from) & (ts < early_from + pd.Timedelta(days=28))]
    expected = _pairs(inside, "household_id")
    assert _pairs(window) == expected
    assert expected & _pairs(history), "some pairs were bought both before and in the earlier weeks"


def _pairs(frame: pd.DataFrame, customer: str = "customer_id") -> set[tuple[str, str]]:
    return set(frame[[customer, "product_id"]].astype(str).itertuples(index=False, name=None))


def test_a_ranker_whose_lead_did_not_hold_on_the_weeks_before_leaves_the_blend(con):
    """The trend log where, in the 28 days before validation, customers also took up the
    favourites they were no fan of (one visit in two): the ranker, which learns on validation that
    a favourite is never newly bought, leads there by more than its error (main served it), but on
    those earlier weeks it gains nothing over the blend, so the blend is served."""
    make_table(con, "converts", _trend_log(converts=(140, 168)))
    ev = run(con, "converts", RecommendConfig(top=5)).evaluation
    chosen = ev["validation_hit_rate"]
    assert chosen["ranker_gain"] > chosen["ranker_gain_se"] > 0, "validation alone serves the ranker"
    assert chosen["earlier_customers"] > 100
    assert chosen["ranker_gain_earlier"] <= chosen["ranker_gain_earlier_se"] and ev["method"] == "blend"


def test_a_trend_that_held_before_validation_keeps_the_ranker(con):
    """The trend log (risers launched all along): the ranker's lead holds on the weeks before
    validation too, for the customers it learnt from, so it is served."""
    make_table(con, "trend", _trend_log())
    ev = run(con, "trend", RecommendConfig(top=5)).evaluation
    chosen = ev["validation_hit_rate"]
    assert chosen["ranker_gain_earlier"] > chosen["ranker_gain_earlier_se"] > 0
    assert 0 < chosen["earlier_customers"] <= ev["ranker_customers"] and ev["method"] == "ranker"
