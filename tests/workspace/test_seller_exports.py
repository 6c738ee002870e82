"""English-speaking sellers' exports (judge28): a PayPal "Activity download" of an eBay seller, its money
received beside payments PayPal has not settled and payments refunded later on their own rows."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA
from tests.workspace.test_currencies import paypal_kept_in_dollars

PAYPAL = DATA / "paypal_activity_download.csv"
SALES = ("Express Checkout Payment", "Website Payment", "Mobile Payment")


def _paypal():
    """The export as pandas reads it, money as numbers."""
    frame = pd.read_csv(PAYPAL, dtype=str, keep_default_na=False)
    return frame.assign(gross=frame["Gross"].str.replace(",", "").astype(float))


def _view(con):
    table = load_file(con, PAYPAL, "paypal")[0].table
    return table, transaction_view(con, table, get_roles(con, table))


def test_a_paypal_payment_pending_denied_or_refunded_in_full_is_no_sale(con):
    """PayPal's ``Status`` Pending (an eCheck not cleared) and Denied (a payment the seller refused, paid
    again later) are no money received, and a payment refunded on a later ``Payment Refund`` row (which
    names it under ``Reference Txn ID``) is money given back: the view kept all three as sales."""
    frame = _paypal()
    refunded = frame.loc[frame["Type"] == "Payment Refund", "Reference Txn ID"]
    sale = frame["Type"].isin(SALES) & (frame["gross"] > 0)
    kept = paypal_kept_in_dollars()
    assert {"Pending", "Denied"} <= set(frame.loc[sale, "Status"]) and len(refunded) > 0
    _, view = _view(con)
    money, payments, buyers = con.execute(f"SELECT sum(amount), count(DISTINCT order_id), "
                                          f"count(DISTINCT customer_id) FROM ({view.sql})").fetchone()
    assert money == pytest.approx(kept["dollars"].sum(), abs=0.005)  # foreign ones converted (cur24)
    assert payments == len(kept)
    assert buyers == kept["From Email Address"].nunique()


def test_the_load_says_which_payments_were_not_received(con):
    """The rows left out are counted under their own note, in English and Chinese; a ``Denied`` payment is a
    gateway's no-sale state since judge80, so the status note names it and the ledger's counts the rest."""
    frame = _paypal()
    refunded = frame.loc[frame["Type"] == "Payment Refund", "Reference Txn ID"]
    sale = frame["Type"].isin(SALES) & (frame["gross"] > 0)
    unsettled = sale & (frame["Status"].eq("Pending") | frame["Transaction ID"].isin(refunded))
    unsettled &= frame["Status"].ne("Denied")
    notes = load_file(con, PAYPAL, "paypal")[0].notes
    note = next(n for n in notes if "not settled" in str(n))
    assert str(note).endswith(f": {unsettled.sum()}")
    assert note.text("zh").startswith(f"{unsettled.sum()} 笔付款")
    assert [n for n in notes if "'Denied'" in str(n)]


ETSY_ITEMS = DATA / "etsy_sold_order_items_excerpt.csv"


def test_an_etsy_order_is_its_order_id_and_a_listing_its_product(con):
    """Etsy's "Sold Order Items" writes each line's ``Transaction ID`` before the ``Order ID`` it belongs to,
    and a ``SKU`` column most shops leave empty: each line was an order (frequency counted lines, no basket
    held two products) and every product was empty. The order is ``Order ID``, the product ``Listing ID``."""
    frame = pd.read_csv(ETSY_ITEMS, dtype=str, keep_default_na=False)
    assert frame["SKU"].eq("").all() and frame["Order ID"].nunique() < frame["Transaction ID"].nunique()
    table = load_file(con, ETSY_ITEMS, "etsy_items")[0].table
    roles = get_roles(con, table)
    assert (roles["order_id"], roles["product_id"]) == ("Order ID", "Listing ID")
    view = transaction_view(con, table, roles)
    orders, products = con.execute(f"SELECT count(DISTINCT order_id), count(DISTINCT product_id) "
                                   f"FROM ({view.sql})").fetchone()
    assert (orders, products) == (frame["Order ID"].nunique(), frame["Listing ID"].nunique())


def test_the_load_says_which_payments_were_refunded_in_part(con, tmp_path):
    """PayPal's download with two of its refunds giving back part of their payment (as a seller refunds one
    item of two): those payments stay sales at their whole ``Gross`` (the refund's row names no buyer and
    is no payment), and the load said nothing of them. It says how many, in English and Chinese."""
    frame = pd.read_csv(PAYPAL, dtype=str, keep_default_na=False)
    refunds = frame.index[frame["Type"] == "Payment Refund"][:2]
    frame.loc[refunds, "Gross"] = ["-10.00", "-20.00"]
    path = tmp_path / "Download.CSV"
    frame.to_csv(path, index=False, quoting=1)
    notes = load_file(con, path, "paypal")[0].notes
    said = [n for n in notes if "in part" in str(n)]
    assert said and str(said[0]).startswith("2 payments") and "Reference Txn ID" in str(said[0])
    assert said[0].text("zh").startswith("有 2 笔付款退过部分款项")


def test_a_payment_refunded_in_part_counts_what_the_seller_kept(con, tmp_path):
    """Two refunds of dollar payments giving back 10.00 and 20.00 (a seller refunding one item of two): each
    payment counted at its whole ``Gross`` on main, the money given back nowhere. Now at what the seller
    kept, and the note says so."""
    frame = pd.read_csv(PAYPAL, dtype=str, keep_default_na=False)
    currency = frame.set_index("Transaction ID")["Currency"]
    refunds = frame.index[(frame["Type"] == "Payment Refund")
                          & frame["Reference Txn ID"].map(currency).eq("USD")][:2]
    frame.loc[refunds, "Gross"] = ["-10.00", "-20.00"]
    paid = frame.set_index("Transaction ID")["Gross"].str.replace(",", "").astype(float)
    named = frame.loc[refunds, "Reference Txn ID"].tolist()
    path = tmp_path / "Download.CSV"
    frame.to_csv(path, index=False, quoting=1)
    result = load_file(con, path, "paypal")[0]
    view = transaction_view(con, result.table, get_roles(con, result.table))
    money = dict(con.execute(f"SELECT order_id, amount FROM ({view.sql}) WHERE order_id IN (?, ?)",
                             [*view.params, *named]).fetchall())
    assert money == pytest.approx({named[0]: paid[named[0]] - 10, named[1]: paid[named[1]] - 20})
    said = next(n for n in result.notes if "in part" in str(n))
    assert "less what was given back" in str(said) and "减去退回的部分" in said.text("zh")
