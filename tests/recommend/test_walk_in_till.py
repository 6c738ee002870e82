"""The shop's walk-in till (Vend's ``WALKIN``) in recommendations (rec28, left31's leftover): its receipts
are real sales, so they count toward what sells lately, but the till is no customer: it gets no list, is
nobody's similar customer and is not judged."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.recommend import run as recommend
from tests.conftest import DATA

VEND = DATA / "lightspeed_sales_excerpt.csv"


def _till_sold() -> set[str]:
    """Products the till sold on closed sale lines, read from the file with pandas."""
    frame = pd.read_csv(VEND, dtype=str)
    sold = frame[(frame["Customer Code"] == "WALKIN") & (frame["Line Type"] == "Sale Line")
                 & (frame["Status"] == "CLOSED") & (frame["Quantity"].astype(float) > 0)]
    return set(sold["Sku"].dropna())


def test_the_walk_in_tills_sales_count_toward_what_sells_but_it_is_no_customer(con):
    table = load_file(con, VEND, "vend")[0].table
    result = recommend.run(con, table)
    till = _till_sold()
    named = set(pd.read_csv(VEND, dtype=str)["Customer Code"]) - {"WALKIN"}
    assert till
    sells = result.model.popular(len(result.model.products_))
    counted = set(sells.loc[sells["customers"] > 0, "product_id"].astype(str))
    assert till <= counted
    assert set(result.recommendations["customer_id"].astype(str)) == named
    assert result.summary()["customers"] == len(named)
    model = result.model
    till_at = model.customers_.get_loc("WALKIN")
    near = model.neighbours_.rows(model.positions_of(sorted(named))).toarray()
    assert not near[:, till_at].any()  # nobody's similar customer
