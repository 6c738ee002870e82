"""Customer 360 order history on exports that name products only by name."""

from __future__ import annotations

import pandas as pd

from crm_core.link import customer360
from crm_core.workspace import store


def test_orders_show_the_product_name_when_there_is_no_product_id(con):
    store.write_frame(con, "sales", pd.DataFrame({
        "客户编号": ["C1", "C1", "C2"],
        "下单日期": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-01-09"]),
        "商品": ["山地车", "头盔", "公路车"], "金额": [3200.0, 150.0, 5800.0]}))
    rows = customer360.orders(con, ["C1"], "sales")["rows"]
    assert [r["product_id"] for r in rows] == ["山地车", "头盔"]
    assert [r["amount"] for r in rows] == [3200.0, 150.0]


def test_a_name_before_any_link_run_says_so_from_the_terminal_too(con):
    """``customer Conte`` before linking printed the query as an id with an empty profile and no
    word on why; the view now says names are only looked up in linked exports."""
    from crm_core.i18n import say

    sales = pd.DataFrame({"customer_id": ["C1"], "date": pd.to_datetime(["2024-01-05"]), "amount": [10.0]})
    store.write_frame(con, "sales", sales)
    found = customer360.view(con, "Conte")
    assert found["profile"] is None
    assert found["note"].startswith("No linked customer is called 'Conte'")
    assert say(found["note"], "zh").startswith("没有名为“Conte”的已识别客户")
    assert customer360.view(con, "C1", "sales")["orders"]["rows"]  # an id still finds its orders
