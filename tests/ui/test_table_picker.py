"""Analysis pages open on a table they can analyse, whatever its name."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.workspace import store
from tests.ui.apptest import page_opener


@pytest.fixture()
def chinese_ws(ws):
    """A Chinese order log loaded first, then an FAQ (the newest table, first in the list)."""
    days = pd.date_range("2025-01-01", periods=120, freq="D")
    orders = pd.DataFrame({"订单编号": [f"D{i:05d}" for i in range(600)],
                           "客户编号": [f"C{i % 60:03d}" for i in range(600)],
                           "下单时间": [days[(i * 7) % 120] for i in range(600)],
                           "商品名称": [f"商品{i % 15}" for i in range(600)],
                           "实付金额": [10.0 + i % 37 for i in range(600)]})
    faq = pd.DataFrame({"question": ["如何退货？", "运费多少？"], "answer": ["七天内可退。", "满99元包邮。"]})
    with ws.connect() as con:
        store.write_frame(con, "订单明细", orders)
        store.write_frame(con, "faq", faq)
        assert [t.name for t in ws.tables()][0] == "faq"
    return ws


PAGES = [("pages/segments.py", "seg_table"), ("pages/forecast.py", "fc_table"),
         ("pages/customers.py", "churn_table"), ("pages/cohorts.py", "coh_table"),
         ("pages/recommend.py", "rec_table")]


@pytest.mark.parametrize(("page", "key"), PAGES)
def test_pages_open_on_the_order_log_not_the_faq(chinese_ws, page, key):
    at = page_opener(page)(chinese_ws.folder, "zh")
    assert not at.exception
    assert at.selectbox(key=key).value == "订单明细"


