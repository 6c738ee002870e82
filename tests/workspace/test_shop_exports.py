"""English-speaking shops' order exports (judge26): WooCommerce's order export repeats the order's
total on each of its lines, Amazon's "All Orders" report numbers its orders ``amazon-order-id``."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

WOO = DATA / "woocommerce_orders_excerpt.csv"
AMAZON = DATA / "amazon_all_orders_excerpt.txt"
PAID = ("Completed", "Processing")


def _view_totals(con, table):
    view = transaction_view(con, table, get_roles(con, table))
    return con.execute(f"SELECT count(DISTINCT order_id), sum(amount), count(DISTINCT product_id) "
                       f"FROM ({view.sql})").fetchone()


def test_a_woocommerce_orders_total_on_each_line_is_counted_once(con):
    """201 orders on 358 lines, ``Order Total`` written on every line: summed per line, an order of
    three lines counted three times. The money is the lines' ``Item Cost`` × ``Quantity``."""
    frame = pd.read_csv(WOO)
    table = load_file(con, WOO)[0].table
    view = transaction_view(con, table, get_roles(con, table))
    kept = {int(o) for (o,) in con.execute(f"SELECT DISTINCT order_id FROM ({view.sql})").fetchall()}
    lines = frame[frame["Order Number"].isin(kept)]
    money = con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0]
    assert money == pytest.approx((lines["Item Cost"] * lines["Quantity"]).sum(), abs=0.01)
    assert money < lines.drop_duplicates("Order Number")["Order Total"].sum()


def test_a_woocommerce_order_on_hold_is_not_paid_yet(con):
    """WooCommerce's "On hold" waits for a bank transfer (19 orders) and "Pending payment" for the
    card (11): neither is money received; Completed and Processing (paid, not yet sent) are."""
    frame = pd.read_csv(WOO)
    table = load_file(con, WOO)[0].table
    paid = frame[frame["Order Status"].isin(PAID)]
    assert _view_totals(con, table)[0] == paid["Order Number"].nunique()


def test_a_woocommerce_lines_position_is_no_product(con):
    """``Item #`` numbers the lines of each order (1, 2, 3 …): read as the product, every first line
    was one product. The ``SKU`` is."""
    frame = pd.read_csv(WOO)
    table = load_file(con, WOO)[0].table
    assert get_roles(con, table)["product_id"] == "SKU"
    paid = frame[frame["Order Status"].isin(PAID)]
    assert _view_totals(con, table)[2] == paid["SKU"].nunique()


def test_an_amazon_order_id_numbers_the_orders(con):
    """152 orders (115 Shipped, 32 Pending, 5 Cancelled) on 355 lines: without the order id every
    day counted as one order; only the shipped ones are sales."""
    frame = pd.read_csv(AMAZON, sep="\t")
    table = load_file(con, AMAZON)[0].table
    assert get_roles(con, table)["order_id"] == "amazon-order-id"
    view = transaction_view(con, table, get_roles(con, table), need_customer=False)
    shipped = frame[frame["order-status"] == "Shipped"]
    orders, money = con.execute(f"SELECT count(DISTINCT order_id), sum(amount) FROM ({view.sql})").fetchone()
    assert orders == shipped["amazon-order-id"].nunique()
    assert money == pytest.approx(shipped["item-price"].sum())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_amazon_reports_refusal_says_it_names_no_buyer_and_what_runs(con, lang):
    """Seller Central's report names no buyer: "mark one on the Data page" invited a wrong pick (a city
    or postal code merges every buyer there). The refusal says so, with the orders and what runs on them."""
    frame = pd.read_csv(AMAZON, sep="\t")
    load_file(con, AMAZON, table="amz")
    with pytest.raises(CrmError) as refused:
        transaction_view(con, "amz", get_roles(con, "amz"))
    said = say(refused.value.args[0], lang)
    assert "amazon-order-id" in said and f"{frame['amazon-order-id'].nunique():,}" in said
    assert "basket amz" in said and "forecast amz" in said
    assert ("postal code" in said) if lang == "en" else ("邮编" in said)
