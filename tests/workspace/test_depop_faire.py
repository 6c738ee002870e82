"""A vintage reseller's Depop sales export and a candle maker's Faire wholesale orders (judge84): Depop's
`Refunded to buyer amount` is money given back (a full refund no sale); its bare `Name` beside the buyer's
postal address is the buyer's; Faire's unit `Wholesale Price` times `Quantity` is what the retailer pays."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.recommend.offers import product_like_columns
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA
from tests.workspace.test_freshbooks_actblue import _totals

DEPOP = DATA / "depop_sales_excerpt.csv"
FAIRE = DATA / "faire_orders_excerpt.csv"


def _pounds(column: pd.Series) -> pd.Series:
    return column.str.lstrip("£$").str.replace(",", "").astype(float)


def test_depops_refunded_to_buyer_amount_is_taken_off(con):
    """Depop keeps a refunded sale's `Total` and fills `Refunded to buyer amount` (judge84: 119 buyers and
    25,356.08 where 114 and 23,465.82 were kept)."""
    frame = pd.read_csv(DEPOP, dtype=str, keep_default_na=False)
    kept = _pounds(frame["Total"]) - _pounds(frame["Refunded to buyer amount"])
    assert (kept == 0).any() and ((kept > 0) & (kept < _pounds(frame["Total"]))).any()
    load_file(con, DEPOP, "dp")
    money, _, buyers = _totals(con, "dp")
    assert money == pytest.approx(kept.sum(), abs=0.005)
    assert buyers == frame[kept > 0]["Buyer"].nunique()


def test_depops_bare_name_beside_the_buyers_address_is_masked(con):
    """A bare `Name` beside `Brand`, `Item price` and `Category` read as a product's name and stayed plain
    under --mask-pii, though `Address Line 1` and `Post Code` beside it were masked (judge84)."""
    load_file(con, DEPOP, "dp", mask_pii=True)
    assert privacy.masked_columns(con, "dp").get("Name") == "name"
    shown = {v for (v,) in con.execute('SELECT DISTINCT "Name" FROM dp').fetchall()}
    plain = set(pd.read_csv(DEPOP, dtype=str)["Name"])
    assert not shown & plain


def test_faires_wholesale_price_times_quantity_is_the_retailers_spend(con):
    """Faire writes a unit `Wholesale Price` beside the shop's `Retail Price` (judge84: no amount read, spend
    refused, monetary the units). New and Unfulfilled orders are no sale yet (left92)."""
    frame = pd.read_csv(FAIRE, dtype=str, keep_default_na=False)
    sold = frame[frame["Status"] == "Fulfilled"]
    load_file(con, FAIRE, "fa")
    assert get_roles(con, "fa").get("unit_price") == "Wholesale Price"
    money, orders, shops = _totals(con, "fa")
    assert money == pytest.approx((_pounds(sold["Wholesale Price"]) * sold["Quantity"].astype(int)).sum())
    assert (orders, shops) == (sold["Order Number"].nunique(), sold["Retailer Name"].nunique())


def test_a_pieces_size_colour_and_condition_are_never_offered_as_the_product(con):
    """Recommend's refusal offered `Size` first (`--product-col Size`): S, M, UK 10 sit on jackets and dresses
    alike (judge84); the brand may say what was bought, the buyer's `Post Code` (cut to LS2) never."""
    load_file(con, DEPOP, "dp")
    offered = product_like_columns(con, "dp", get_roles(con, "dp"))
    assert "Brand" in offered
    assert not {"Size", "Colour", "Condition", "Post Code"} & set(offered)
