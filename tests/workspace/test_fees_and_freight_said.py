"""left76 on its excerpts (docs/judge.md): the freight note on the shops priced by line (Ecwid, Wix,
both WooCommerce layouts, 店小秘), and a payment processor's fee beside what the customer paid (Stripe's
``Fee``)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.report import format as fmt
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

NO_SALE = ["REFUNDED", "AWAITING_PAYMENT", "CANCELLED", "Refunded", "Not paid", "On hold", "Pending payment",
           "Cancelled", "已退款", "已作废"]
SHOPS = [("ecwid_orders_excerpt.csv", "orderNumber", "paymentStatus", "shippingCost"),
         ("wix_orders_excerpt.csv", "Order #", "Payment status", "Shipping"),
         ("woocommerce_orders_excerpt.csv", "Order Number", "Order Status", "Order Shipping"),
         ("woocommerce_cart_discounts_excerpt.csv", "Order Number", "Order Status", "Order Shipping"),
         ("dianxiaomi_orders_excerpt_zh.xlsx", "订单号", "订单状态", "运费")]


def _lines(name: str) -> pd.DataFrame:
    path = DATA / name
    return pd.read_excel(path, dtype=str) if path.suffix == ".xlsx" else pd.read_csv(path, dtype=str)


@pytest.mark.parametrize(("name", "order", "status", "freight"), SHOPS)
def test_a_shops_freight_beside_its_line_prices_is_said(con, name, order, status, freight):
    """Each of these shops writes the order's shipping on every line beside unit price × quantity: the note
    names that column and counts each kept order that paid any once, not once per line."""
    lines = _lines(name)
    kept = lines[~lines[status].isin(NO_SALE)].drop_duplicates(order)
    paid = (pd.to_numeric(kept[freight].str.replace(r"[^\d.\-]", "", regex=True)) > 0).sum()
    notes = [str(n) for n in load_file(con, DATA / name, table="shop")[0].notes]
    assert any(n.startswith(f"“{freight}” (freight, ") and f" on {paid} orders)" in n for n in notes), notes


def test_a_processors_fee_is_said_to_stay_in_the_spend(con):
    """Stripe's spend is what the customer paid (``Converted Amount`` less its refunds); its ``Fee`` went
    unsaid, so one reading the payouts (fees out) saw less than the spend without knowing why. The fee takes
    no role, and the load says how much of it the kept charges carry."""
    name = DATA / "stripe_payments_fx_excerpt.csv"
    charges = pd.read_csv(name)
    paid = charges[charges["Status"] == "Paid"]
    notes = [str(n) for n in load_file(con, name, table="stripe")[0].notes]
    roles = get_roles(con, "stripe")
    assert roles["amount"] == "Converted Amount" and "Fee" not in roles.values(), roles
    money = fmt.money(paid["Fee"].sum(), "USD")
    count = (paid["Fee"] > 0).sum()
    said = (f"“Fee” (the payment processor's fee, {money} on {count} payments) is not taken off the spend"
            ": the money here is what customers paid, “Converted Amount”")
    assert any(n.startswith(said) for n in notes), notes
