"""Recommend in a real browser: sample data, run, one customer, basket rules, downloads."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.e2e.conftest import assert_no_exception, choose, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def _first_download(page, tab: str, expected: str) -> pd.DataFrame:
    """Click the first visible download button of a tab's panel (the kept runs' own, in their
    closed expander above, are not); the file read back."""
    panel = page.get_by_role("tabpanel", name=tab)
    with page.expect_download(timeout=120_000) as download:
        panel.get_by_test_id("stDownloadButton").filter(visible=True).first.get_by_role("button").click()
    assert download.value.suggested_filename == expected
    return pd.read_csv(download.value.path(), dtype=str, encoding="utf-8-sig")


def test_recommend_sample_customer_rules_and_download(page):
    load_sample_data(page)
    goto_page(page, "Recommend")
    page.get_by_role("button", name="Recommend", exact=True).click()
    page.get_by_text("Does it beat best-sellers?").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    assert page.get_by_text("Chosen on the validation weeks").count() > 0

    page.get_by_role("tab", name="One customer").click()
    page.wait_for_timeout(500)  # the tab's rerun starts after the click: "not running" still stood
    wait_idle(page)
    box = page.get_by_label("Customer id")
    box.fill("000017")
    box.press("Enter")
    page.get_by_text("Top picks for 000017").wait_for()
    wait_idle(page)

    page.get_by_role("tab", name="Bought together (basket rules)").click()
    wait_idle(page)
    page.get_by_role("button", name="Find basket rules").click()
    page.get_by_text("product rules and").wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    rules = _first_download(page, "Bought together (basket rules)", "rules.csv")
    assert {"antecedent", "consequent", "support", "confidence", "lift"} <= set(rules.columns)

    page.get_by_role("tab", name="All customers").click()
    page.get_by_text("the downloads have all of them").wait_for()
    wait_idle(page)
    recs = _first_download(page, "All customers", "recommendations.csv")
    assert {"customer_id", "rank", "product_id", "score", "reason"} <= set(recs.columns)
    assert recs["customer_id"].nunique() > 1000 and (recs.groupby("customer_id").size() == 10).all()
    assert_no_exception(page)


def test_a_second_log_runs_with_its_own_catalogue_not_the_last_ones(page, server):
    """Walk (English, Complete Journey beside the sample): after choosing the CJ log the products
    box still read ``products`` in the browser (AppTest saw it change), and the walk's run was
    refused: "No product id of table 'products' matches a product of 'cj_transactions'"."""
    from crm_core.load.sample import load_sample
    from crm_core.workspace.store import Workspace

    with Workspace(server[1]).connect() as con:
        load_sample(con)
        con.execute("""CREATE TABLE cj AS SELECT 1000 + range % 40 AS household_id,
                           31198570000 + range // 4 AS basket_id, 25671 + range % 97 AS product_id,
                           1 AS quantity, 1.5 + range % 7 AS sales_value,
                           TIMESTAMP '2017-01-01' + INTERVAL (range % 300) DAY AS transaction_timestamp
                       FROM range(4000)""")
        con.execute("""CREATE TABLE cj_products AS SELECT 25671 + range AS product_id,
                           'DEPT ' || (range % 5) AS department, 'Brand ' || range AS brand FROM range(97)""")
    goto_page(page, "Recommend")
    from playwright.sync_api import expect

    choose(page, "Transaction table", "cj")
    expect(page.get_by_role("combobox", name="Products table (names)")).to_have_value("cj_products",
                                                                                     timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="Recommend", exact=True).click()
    page.get_by_text("Does it beat best-sellers?").wait_for(timeout=180_000)
    wait_idle(page)
    assert_no_exception(page)
    assert page.get_by_text("No product id of table").count() == 0


def _clipped(page, label: str) -> tuple[str, int, int]:
    """A select box's shown value with the width it needs and the width it has."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first.locator("input")
    return box.input_value(), *box.evaluate("e => [e.scrollWidth, e.clientWidth]")


def test_the_chinese_products_box_says_its_none_whole_at_1024(page, server):
    """walk23/walk24: at 1024 px the Chinese Recommend page's 商品表 box read "（无——只显示编号"
    (150 px of text in a 133 px box) for a log with no product catalogue."""
    from crm_core.i18n import t
    from crm_core.workspace.store import Workspace

    with Workspace(server[1]).connect() as con:
        con.execute("""CREATE TABLE 唱片订单 AS SELECT 'C' || (range % 60) AS customer_id,
                           'SKU-' || (range % 37) AS product_id, 1 + range % 3 AS quantity,
                           9.9 + range % 11 AS amount,
                           DATE '2025-01-01' + INTERVAL (range % 300) DAY AS order_date
                       FROM range(3000)""")
    page.set_viewport_size({"width": 1024, "height": 900})
    choose(page, "Language / 语言", "简体中文")
    goto_page(page, "推荐")
    label = "商品表（名称）"
    shown, needed, has = _clipped(page, label)
    assert shown == t("rec.no_products", "zh")
    assert needed <= has, (shown, needed, has)
    assert_no_exception(page)
