"""Personal data under a billing / shipping / delivery / 收货 prefix is masked like the plain kind:
link24 found Shopify's ``Billing Name`` and ``Shipping Name`` left in plain text by ``--mask-pii``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy

DATA = Path(__file__).resolve().parents[1] / "data"


def _masked_load(con, name: str, table: str) -> tuple[dict[str, str], pd.DataFrame]:
    load_file(con, DATA / name, table, mask_pii=True)
    return privacy.masked_columns(con, table), con.execute(f'SELECT * FROM "{table}"').df()


def test_shopify_billing_and_shipping_names_are_masked(con):
    raw = pd.read_csv(DATA / "shopify_orders_excerpt.csv", dtype=str)
    masked, stored = _masked_load(con, "shopify_orders_excerpt.csv", "shop")
    assert masked["Billing Name"] == masked["Shipping Name"] == "name"
    for column in ("Billing Name", "Shipping Name"):
        people = set(raw[column].dropna())
        assert len(people) == 20 and not people & set(stored[column].dropna()), column
    assert "Shipping Method" not in masked and "Standard Shipping" in set(stored["Shipping Method"])


def test_woocommerce_billing_first_and_last_names_are_masked(con):
    raw = pd.read_csv(DATA / "woocommerce_orders_excerpt.csv", dtype=str)
    masked, stored = _masked_load(con, "woocommerce_orders_excerpt.csv", "woo")
    assert masked["Billing First Name"] == masked["Billing Last Name"] == "name"
    assert not set(raw["Billing Last Name"]) & set(stored["Billing Last Name"])
    assert set(stored["Billing City"]) == set(raw["Billing City"])  # a city alone is nobody


@pytest.mark.parametrize("header", ["Shipping Name", "shipping_name", "Delivery Name"])
def test_a_shipping_method_under_a_name_header_is_kept(header):
    methods = ["Standard Shipping", "Free Shipping", "Express Delivery", "Local Pickup", "UPS Ground"] * 8
    assert privacy.classify_values(methods, header) is None
    assert privacy.classify_values(["Patricia Smith", "James Green"] * 8, header) == "name"


@pytest.mark.parametrize(("header", "values", "kind"), [
    ("收货人姓名", ["张伟", "王芳", "欧阳娜娜"], "name"),
    ("收件人姓名", ["李娜", "刘洋"], "name"),
    ("Ship To Name", ["Patricia Smith", "James Green"], "name"),
    ("Bill To Last Name", ["Smith", "Green"], "name"),
    ("billing_first_name", ["Patricia", "James"], "name"),
    ("Delivery Contact", ["+1 375-555-0763", "james@example.com"], "contact"),
    ("收货地址", ["北京市朝阳区建国路88号", "上海市徐汇区漕溪北路5弄3号"], "address"),
])
def test_prefixed_headers_read_as_the_plain_kind(header, values, kind):
    assert privacy.classify_values(values * 5, header) == kind


def test_the_sql_pages_mask_keeps_a_product_name_beside_its_price():
    """The SQL page's box masks by the load's rule: a bare ``name`` beside a price is a product."""
    frame = pd.DataFrame({"name": ["Blue Mug", "Green Tea"] * 5, "price": ["3.5", "2.0"] * 5,
                          "Billing Name": ["Patricia Smith", "James Green"] * 5})
    shown = privacy.mask_frame(frame)
    assert shown["name"].tolist() == frame["name"].tolist()
    assert shown["Billing Name"][0] == "P******* S****"
