"""Segments' coverage caption on an export whose order discount the view took off (left42): it read
"monetary from quantity × unit price" / "金额来自数量 × 单价" while the load note said each order's
discount was taken off once. Real shapes: WooCommerce's ``Cart Discount`` (left27's excerpt) and 有赞's
``订单优惠`` (walk30's export)."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.ui.apptest import page_opener

_page = page_opener("pages/segments.py")
NET = "amount.source.quantity_x_unit_price_less_order_discount"


def _run(ws, path, lang: str):
    with ws.connect() as con:
        load_file(con, DATA / path)
    at = _page(ws.folder)  # AppTest cannot submit the Chinese form: run, then switch language
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def _captions(ws, path, lang: str) -> list[str]:
    return [c.value for c in _run(ws, path, lang).caption]


@pytest.mark.parametrize("path", ["woocommerce_cart_discounts_excerpt.csv",
                                  "youzan_tea_orders_walk30_zh.csv"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_coverage_says_the_order_discount_was_taken_off_monetary(ws, path, lang):
    captions = _captions(ws, path, lang)
    said = t("segment.page.coverage", lang).split("{monetary}")[0].split("}")[-1] + t(NET, lang)
    assert any(said in c for c in captions), captions



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_parameters_say_where_the_money_comes_from_in_words(ws, monkeypatch, lang):
    """left44: segment_report.xlsx's parameters sheet read "quantity × unit_price less order
    discount", the view's code, on the Chinese page too; it says the caption's words."""
    import io

    import openpyxl

    from tests.ui.apptest import catch_downloads

    files = catch_downloads(monkeypatch)
    _run(ws, "woocommerce_cart_discounts_excerpt.csv", lang)
    book = openpyxl.load_workbook(io.BytesIO(files["segment_report.xlsx"]()))
    sheet = book[t("segment.sheet.parameters", lang)]
    said = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert said[t("segment.param.monetary_source", lang)] == t(NET, lang)
