"""简体中文 complete: every page, after its main action, shows no English beyond data and terms.

The walk follows the page registry (``app_ui.PAGE_SPECS``), so a new page is walked too. Words
that are data (table and column names and text values of the sample tables, the names of the run
tables the walk wrote, names shown as code),
accepted terms (RFM, KMeans, CSV …) or text Streamlit draws and cannot translate are allowed; any
other run of Latin letters fails the test with the page and the words, so a missing translation
is found where the analyst would meet it.
"""

from __future__ import annotations

import re
import time

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
    "r", "f", "m", "calinski", "harabasz", "davies", "bouldin", "pr", "iqr", "q", "z",
    "varchar", "bigint", "integer", "double", "boolean", "timestamp", "decimal",
    "n", "iso", "cn", "de", "us",
}
"""Terms an analyst reading Chinese expects in Latin letters (and SQL keywords in the editor): RFM's
R, F and M, the Calinski–Harabasz and Davies–Bouldin indices, PR AUC, IQR, Z scores, DuckDB's column
types; a kept run's settings named by their Chinese help, now a table that wraps rather than a grid
this test cannot read (walk15): "最大的 N 个序列", "ISO 代码：CN、DE、US" (the codes typed in the box) …"""

STREAMLIT_TEXT = {"file", "yyyy", "mm", "dd", "true", "false"}
"""What Streamlit's widgets draw themselves, with no parameter to translate it: the uploader's
"200MB per file", an empty date input's placeholder, which follows the browser's locale
(年/月/日 in a Chinese browser) rather than the page's language, and the data grid's hidden
accessible text of a tick-box cell (drawn as a tick box)."""

MAIN_ACTION = {
    "segments": "segment.page.run",
    "cohorts": "cohort.page.run",
    "forecast": "forecast.sales.run",
    "customers": "customers.churn.run",
    "recommend": "rec.run",
    "link": "link.run",
}
"""Page → label key of the button that runs its analysis (pages not listed are only visited)."""


def _read_only(workspace, attempts: int = 40) -> duckdb.DuckDBPyConnection:
    """The workspace store opened read-only, waiting while the app holds it for a moment."""
    for _ in range(attempts - 1):
        try:
            return duckdb.connect(str(workspace / "crm.duckdb"), read_only=True)
        except duckdb.IOException:
            time.sleep(0.25)
    return duckdb.connect(str(workspace / "crm.duckdb"), read_only=True)


def _data_words(workspace) -> set[str]:
    """Every Latin word that is data: table and column names and text values of the tables."""
    words: set[str] = set()
    con = _read_only(workspace)
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


def _table_words(workspace) -> set[str]:
    """The words of the workspace's table names (run result tables such as ``segments_orders_1``)."""
    con = _read_only(workspace)
    try:
        names = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()
    finally:
        con.close()
    return {word for (name,) in names for word in _latin(name)}


_VISIBLE_WORDS = """main => {
    const copy = main.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"], style, script, code').forEach(e => e.remove());
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
    return parts.join(" ");
}"""
"""The page's text without icon ligatures (``keyboard_arrow_right`` draws an arrow) and without
names shown as code (`identity_map` in a label is a table's name): every tab and expander,
shown or not, so a missing translation behind a click is found too."""


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
    home_folder = _latin(str(server[1]))
    allowed = ACCEPTED | STREAMLIT_TEXT | _data_words(server[1]) | home_folder
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
    written = _table_words(server[1])  # the run tables the walk wrote, named in "past runs" and notes
    found = {name: words - written for name, words in found.items() if words - written}
    assert not found, f"English words on Chinese pages: {found}"
