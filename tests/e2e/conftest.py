"""Real-browser fixtures: a Streamlit server on a free port and Debian's chromium via Playwright.

Browser tests skip when chromium or playwright is missing on a developer's machine; CI sets
``CRM_REQUIRE_BROWSER=1`` so a missing browser fails there instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing_browser(reason: str):
    if os.environ.get("CRM_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests are required here but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def playwright_browser():
    """One chromium for the whole session (one sync_playwright per process)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("playwright is not installed")
    if not Path(CHROMIUM).exists():
        _missing_browser("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path):
    """A fresh app server on its own empty workspace; yields (base_url, workspace_dir)."""
    port = _free_port()
    workspace = tmp_path / "workspace"
    env = {**os.environ, "CRM_WORKSPACE": str(workspace)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit server did not start: " + proc.stderr.read().decode()[-2000:])
    yield url, workspace
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(playwright_browser, server, request):
    """A wide browser page on the app's home, with a screenshot saved when the test ends."""
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900},
                                             accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(server[0])
    pg.get_by_test_id("stSidebarNavLink").first.wait_for()
    wait_idle(pg)
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def wait_idle(pg) -> None:
    """Wait for the current script run to finish (call after the new content is visible)."""
    pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def goto_page(pg, label: str) -> None:
    """Navigate with the sidebar (a URL change would start a new session and lose state), and wait
    for the page's own title before waiting for its run to end: right after the click the previous
    run's "not running" state still stands, and a walk read the SQL page while it was blank."""
    link = pg.get_by_test_id("stSidebarNavLink").filter(has=pg.get_by_text(label, exact=True)).first
    target = link.get_attribute("href")
    link.click()  # exact: "Customers" must not open "Link customers"
    if target:
        pg.wait_for_url(target)
    pg.get_by_test_id("stMain").locator('h1:not([data-stale="true"] h1)').first.wait_for()
    wait_idle(pg)


def assert_no_exception(pg) -> None:
    """No Python exception box anywhere on the page."""
    assert pg.get_by_test_id("stException").count() == 0, "the page shows a Python exception"


def load_sample_data(pg) -> None:
    """Data page → Load sample data, waiting for the success message."""
    goto_page(pg, "Data")
    pg.get_by_role("button", name="Load sample data").click()
    pg.get_by_text("Sample data loaded").wait_for(timeout=120_000)
    wait_idle(pg)
    pg.mouse.move(0, 0)  # no hover tooltip left over the sidebar


def _download(pg, nth: int):
    """Click the ``nth`` visible download button and return the path of the file it saves."""
    button = pg.get_by_test_id("stDownloadButton").filter(visible=True).nth(nth).get_by_role("button")
    with pg.expect_download() as download:
        button.click()
    return download.value.path()


def download_csv(pg):
    """Click the first visible download button and read the CSV it saves (ids kept as text)."""
    import pandas as pd

    return pd.read_csv(_download(pg, 0), encoding="utf-8-sig", dtype={"customer_id": str})


def download_excel(pg):
    """Click the second visible download button (the Excel beside the first CSV) and read the
    workbook's first sheet (ids kept as text)."""
    import pandas as pd

    return pd.read_excel(_download(pg, 1), dtype=str)


def choose(pg, label: str, option: str) -> None:
    """Pick an option in a Streamlit selectbox found by its label (the list may close if a
    rerun lands right after the click, so open it again until the option shows)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    wait_idle(pg)
    box = pg.get_by_test_id("stSelectbox").filter(has_text=label).first
    for _ in range(3):
        box.click()
        try:
            pg.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            pg.keyboard.press("Escape")
            wait_idle(pg)
    raise AssertionError(f"could not choose {option!r} in {label!r}")
