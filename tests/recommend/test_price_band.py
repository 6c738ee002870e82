"""What sells lately among customers of the same price band (rec32, issue #15).

13 real Complete Journey households (``tests/data/complete_journey_13_households.csv``): each
household's price level is the mean log price (money over units) of the products it bought, weighted
like its history, and the households are split in quartiles of it; a household's ``band`` signal is
each product's buyers over the last 28 days among the households of its own quartile. Prices come from
the lines a model is fitted on only, never from the weeks it is judged on.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crm_core.recommend import data
from crm_core.recommend.data import VALIDATION
from crm_core.recommend.model import Recommender
from crm_core.recommend.run import run
from crm_core.workspace.roles import get_roles

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"


def _fitted(con, table: str) -> Recommender:
    """The model the evaluation fits for the validation weeks, with its prices."""
    bought = data.purchases(con, table, get_roles(con, table), 28)
    return Recommender(28.0, 28.0, mode="new").fit(bought.upto(VALIDATION), prices=bought.prices(VALIDATION))


def _lines(con, model: Recommender) -> pd.DataFrame:
    """The excerpt's lines the validation model was fitted on, read with pandas."""
    lines = pd.read_csv(EXCERPT, dtype={"household_id": str, "product_id": str},
                        parse_dates=["transaction_timestamp"])
    test_from = lines["transaction_timestamp"].max().normalize() - pd.Timedelta(days=27)
    fitted = lines[(lines["transaction_timestamp"] < test_from - pd.Timedelta(days=28))
                   & (lines["quantity"] > 0) & (lines["sales_value"] >= 0)]
    return fitted[fitted["product_id"].isin(model.products_)]


def test_households_are_banded_by_the_price_of_what_they_buy(con):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    model = _fitted(con, "tx")
    lines = _lines(con, model)
    paid = lines[lines["sales_value"] > 0].groupby("product_id")[["sales_value", "quantity"]].sum()
    log_price = np.log(paid["sales_value"] / paid["quantity"])
    baskets = lines.groupby(["household_id", "product_id"])["basket_id"].nunique().rename("baskets").reset_index()
    baskets = baskets[baskets["product_id"].isin(log_price.index)]
    weight = np.log1p(baskets["baskets"])
    level = (weight * baskets["product_id"].map(log_price)).groupby(baskets["household_id"]).sum() \
        / weight.groupby(baskets["household_id"]).sum()
    band = pd.Series(model.bands_, index=model.customers_)[level.index]
    assert band[level.idxmin()] == 0 and band[level.idxmax()] == 3
    assert (np.diff(band[level.sort_values().index].to_numpy()) >= 0).all()  # dearer never a lower band
    assert band.value_counts().min() >= 3  # quartiles of 13 households


def test_a_households_band_signal_counts_its_own_bands_buyers_lately(con):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    model = _fitted(con, "tx")
    lines = _lines(con, model)
    lately = lines[lines["transaction_timestamp"] > lines["transaction_timestamp"].max() - pd.Timedelta(days=28)]
    band = pd.Series(model.bands_, index=model.customers_)
    buyers = lately.drop_duplicates(["household_id", "product_id"]).assign(
        band=lambda f: f["household_id"].map(band)).groupby(["band", "product_id"]).size()
    rows = np.arange(len(model.customers_))
    cols = np.arange(len(model.candidates_))
    parts, mask = model.components(rows, cols, ("band",))
    products = model.products_[model.candidates_]
    for row, household in enumerate(model.customers_):
        counts = buyers.get(band[household], pd.Series(dtype=float)).reindex(products).fillna(0).to_numpy()
        counts[~np.isfinite(mask[row])] = 0  # a new-to-customer list holds no product already bought
        expected = counts / counts.max() if counts.max() > 0 else counts
        np.testing.assert_allclose(parts["band"][row], expected, rtol=1e-6)


def test_prices_from_the_judged_weeks_never_move_a_band(con):
    con.execute(f"CREATE TABLE tx AS SELECT * FROM read_csv('{EXCERPT}')")
    last = con.execute("SELECT max(transaction_timestamp)::DATE - 27 - 28 FROM tx").fetchone()[0]
    con.execute(f"""CREATE TABLE dearer AS SELECT * REPLACE (CASE WHEN transaction_timestamp >= DATE '{last}'
                    AND household_id % 2 = 0 THEN sales_value * 3 ELSE sales_value END AS sales_value) FROM tx""")
    assert (_fitted(con, "tx").bands_ == _fitted(con, "dearer").bands_).all()


def test_the_band_weight_is_chosen_on_validation_where_the_blend_orders_new_lists(sample_ws):
    with sample_ws.connect() as con:
        result = run(con, "orders")
    evaluation = result.evaluation
    tried = [t for t in result.tried if "w_band" in t]
    assert evaluation["method"] == "blend"
    assert [t["w_band"] for t in tried] == [0.0, 0.5, 1.0, 2.0]
    best = max(tried, key=lambda t: (t["hit_rate"], t["precision"]))  # ties: the first, the smaller weight
    assert evaluation["weights"]["band"] == best["w_band"]
