"""简体中文 complete: every page, after its main action, shows no English beyond data and terms.

The walk follows the page registry (``app_ui.PAGE_SPECS``), so a new page is walked too. Words
that are data (table and column names, text values of the sample tables) or accepted terms
(RFM, KMeans, CSV …) are allowed; any other run of Latin letters fails the test with the page
and the words, so a missing translation is found where the analyst would meet it.
"""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import expect

from app_ui import PAGE_SPECS
from crm_core.i18n import t
from tests.e2e.conftest import ARTIFACTS, assert_no_exception, choose, goto_page, wait_idle

pytestmark = pytest.mark.e2e

ACCEPTED = {
    "rfm", "kmeans", "k", "csv", "excel", "html", "sql", "duckdb", "spark", "json", "parquet", "tsv",
    "faq", "pii", "id", "ids", "url", "tf", "idf", "ets", "mstl", "theta", "arima", "mase", "mape",
    "mae", "auc", "roc", "bg", "nbd", "pareto", "gamma", "clv", "crm", "utf", "gb", "xlsx", "api",
    "pca", "sso", "oidc", "smart", "analytics", "ok", "vs", "top", "hmac", "sha", "select", "with",
    "from", "where", "limit", "group", "by", "order", "count", "sum", "avg", "and", "or", "as",
    "mlp", "gbm", "lr", "naive", "yes", "no", "ai", "qr", "gmv", "sku", "vip", "p", "s",
}
"""Terms an analyst reading Chinese expects in Latin letters (and SQL keywords in the editor)."""

MAIN_ACTION = {
    "segments": "segment.page.run",
    "cohorts": "cohort.page.run",
    "forecast": "forecast.sales.run",
    "customers": "customers.churn.run",
    "recommend": "rec.run",
    "link": "link.run",
}
"""Page → label key of the button that runs its analysis (pages not listed are only visited)."""


def _data_words(workspace) -> set[str]:
    """Every Latin word that is data: table and column names and text values of the tables."""
    words: set[str] = set()
    con = duckdb.connect(str(workspace / "crm.duckdb"), read_only=True)
    try:
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
                                    ).fetchall():
            words |= _latin(table)
            for name, dtype, *_ in con.execute(f'DESCRIBE "{table}"').fetchall():
                words |= _latin(name)
                if dtype == "VARCHAR":
                    values = con.execute(f'SELECT DISTINCT "{name}" FROM "{table}" LIMIT 5000').fetchall()
                    for (value,) in values:
                        words |= _latin(str(value))
    finally:
        con.close()
    return words


_VISIBLE_WORDS = """main => {
    const copy = main.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"], style, script').forEach(e => e.remove());
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
    return parts.join(" ");
}"""
"""The page's text without icon ligatures (``keyboard_arrow_right`` draws an arrow): every tab and
expander, shown or not, so a missing translation behind a click is found too."""


def _latin(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def test_every_page_in_chinese_after_its_main_action(page, server):
    choose(page, "Language / 语言", "简体中文")
    page.get_by_test_id("stSidebarNavLink").filter(has_text=t("nav.data", "zh")).wait_for()
    wait_idle(page)
    goto_page(page, t("nav.data", "zh"))
    page.get_by_role("button", name=t("data.sample", "zh")).click()
    page.get_by_text(t("data.sample_done", "zh").split("{")[0].strip()[:6]).first.wait_for(timeout=180_000)
    wait_idle(page)
    allowed = ACCEPTED | _data_words(server[1]) | _latin(str(server[1]))  # the folder on Home
    found: dict[str, set[str]] = {}
    for spec in PAGE_SPECS:
        goto_page(page, t(spec.title_key, "zh"))
        if spec.name in MAIN_ACTION:
            page.get_by_role("button", name=t(MAIN_ACTION[spec.name], "zh")).first.click()
            expect(page.get_by_test_id("stMain")).to_be_visible()
            page.wait_for_timeout(500)
            wait_idle(page)
        assert_no_exception(page)
        text = page.get_by_test_id("stMain").evaluate(_VISIBLE_WORDS)
        english = _latin(text) - allowed
        if english:
            found[spec.name] = english
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"zh_{spec.name}.png"), full_page=True)
    assert not found, f"English words on Chinese pages: {found}"
