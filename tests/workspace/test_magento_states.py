"""Magento 2's order states under its grid's bare ``Status``: ``Pending`` (placed, no invoice: a check or
money order not yet received) and ``Pending Payment`` (sent to the payment page, never back) are no sale,
as Shopify's ``pending`` and WooCommerce's ``pending`` are; ``Processing``, ``Complete`` and ``On Hold``
(an admin's hold on a placed order) stay sales, as Shopify's ``authorized`` does (left33). ``Payment Review``
and ``Suspected Fraud`` (Magento's ``payment_review`` state: a payment held for the merchant's Accept /
Deny, not yet approved) are no sale either (left35)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

MAGENTO = DATA / "magento_order_grid_excerpt.csv"
NO_SALE = ["Canceled", "Closed", "Pending", "Pending Payment", "Payment Review", "Suspected Fraud"]


def _sale_times(con, path) -> list[pd.Timestamp]:
    table = load_file(con, path, "mg")[0].table
    sql = transaction_view(con, table, get_roles(con, table)).sql
    return sorted(pd.Timestamp(v) for (v,) in con.execute(f"SELECT ts FROM ({sql})").fetchall())


@pytest.mark.parametrize("pending", ["Pending", "Pending Payment", "Payment Review", "Suspected Fraud"])
def test_a_magento_order_not_yet_paid_is_no_sale(con, tmp_path, pending):
    """Main counted the grid's ``Pending`` order (``Check / Money order``, nothing received) as a sale, and
    left33's branch still counted an order whose payment waits in review."""
    raw = pd.read_csv(MAGENTO, dtype=str, keep_default_na=False)
    raw["Status"] = raw["Status"].replace("Pending", pending)
    path = tmp_path / "export.csv"
    raw.to_csv(path, index=False)
    assert (raw["Status"] == pending).sum() == 1
    sales = raw.loc[~raw["Status"].isin(NO_SALE), "Purchase Date"]
    assert _sale_times(con, path) == sorted(pd.to_datetime(sales, format="%b %d, %Y %I:%M:%S %p"))
