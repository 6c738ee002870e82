"""A buyer's name under a billing or shipping prefix (judge26): WooCommerce's ``Billing First Name``
+ ``Billing Last Name``, Shopify's ``Billing Name`` / ``Shipping Name``. Unread, a web shop's buyers
could not meet the café till's named customers: 0 pairs. (Stripe's ``Customer Description`` stays
unread: docs/link.md, link24.)"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link import fields
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"
WOO, SQUARE = "woocommerce_orders_excerpt", "square_transactions_excerpt"


def test_a_web_shop_buyer_meets_her_named_square_checks(con):
    """Square names a check's customer in one column; WooCommerce splits the buyer's name into
    billing first and last. Each Square customer named as a web shop buyer is that buyer (the
    generator draws both from one household list) and no customer holds two buyers."""
    for name in (WOO, SQUARE):
        load_file(con, DATA / f"{name}.csv")
    woo = pd.read_csv(DATA / f"{WOO}.csv", dtype=str)
    square = pd.read_csv(DATA / f"{SQUARE}.csv", dtype=str).dropna(subset=["Customer ID"])
    woo["Customer Name"] = woo["Billing First Name"] + " " + woo["Billing Last Name"]
    buyers = woo.drop_duplicates("Billing Email")
    assert not buyers["Customer Name"].duplicated().any()  # no namesakes among the excerpt's buyers
    shared = square.drop_duplicates("Customer ID").merge(buyers, on="Customer Name")
    assert len(shared) == 12
    result = run(con, [WOO, SQUARE], LinkConfig())
    links = result.links()
    across = links[links["left_table"] != links["right_table"]]
    best = across.sort_values("match_probability").drop_duplicates(["left_id"], keep="last")
    found = dict(zip(best["left_id"], best["right_id"], strict=True))
    for email, customer in zip(shared["Billing Email"], shared["Customer ID"], strict=True):
        assert found.get(customer) == email, customer  # her best candidate is her web shop record
    web = result.identity[result.identity["table"] == WOO]
    assert web.groupby("customer_key")["record_id"].nunique().max() == 1
    names = {f["table"]: f.get("name") for f in result.summary()["fields"]}
    assert names[WOO] == "Billing Last Name + Billing First Name"


def test_billing_name_before_a_gifts_shipping_name(con, tmp_path):
    """An order sent as a gift ships to someone else: the buyer is the one billed, wherever the
    export puts its shipping columns."""
    orders = pd.read_csv(DATA / "shopify_orders_excerpt.csv", dtype=str)
    first = orders["Shipping Name"].notna()
    orders.loc[first, "Shipping Name"] = orders.loc[first, "Shipping Name"].iloc[::-1].to_numpy()
    orders.insert(0, "Shipping Name", orders.pop("Shipping Name"))
    orders.to_csv(tmp_path / "orders_export_1.csv", index=False)
    load_file(con, tmp_path / "orders_export_1.csv")
    assert fields.detect(con, "orders_export_1").columns["name"] == "Billing Name"


def test_a_shipping_name_is_read_when_nothing_is_billed(con, tmp_path):
    orders = pd.read_csv(DATA / "shopify_orders_excerpt.csv", dtype=str).drop(columns="Billing Name")
    orders.to_csv(tmp_path / "orders_export_1.csv", index=False)
    load_file(con, tmp_path / "orders_export_1.csv")
    assert fields.detect(con, "orders_export_1").columns["name"] == "Shipping Name"
