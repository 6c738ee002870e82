"""Time for the SQL page to show a 200,000-row result in a real browser (and pages' first render).

``python bench/sql_page.py [APP_FOLDER]`` starts the app from APP_FOLDER (default: this checkout)
on a workspace holding a 200k-row table, runs ``SELECT * FROM big`` from the page and times the
click until the result is drawn and the script is idle; then times each page's first render.
Run it on the old and the new checkout in the same session to compare (the machine is shared).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd
from playwright.sync_api import sync_playwright

ROWS = 200_000
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LAUNCH = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def workspace() -> Path:
    folder = Path(tempfile.mkdtemp())
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"customer_id": rng.integers(1, 20_000, ROWS).astype(str),
                          "amount": rng.gamma(2, 30, ROWS).round(2),
                          "day": pd.Timestamp("2024-01-01")
                          + pd.to_timedelta(rng.integers(0, 365, ROWS), "D")})
    frame.to_csv(folder / "big.csv", index=False)
    subprocess.run([sys.executable, "-m", "crm_core", "--workspace", str(folder / "ws"), "load",
                    str(folder / "big.csv"), "--table", "big"], check=True, capture_output=True)
    return folder / "ws"


def serve(app: Path, ws: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(app / "app.py"),
                             "--server.headless", "true", "--server.port", str(port),
                             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
                            cwd=app, env={**os.environ, "CRM_WORKSPACE": str(ws), "PYTHONPATH": str(app)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    return proc, url


def idle(page) -> None:
    time.sleep(0.3)
    page.wait_for_selector(IDLE, timeout=300_000)


def main() -> None:
    app = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
    proc, url = serve(app, workspace())
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.get_by_test_id("stSidebarNavLink").first.wait_for(timeout=60_000)
            idle(page)
            for text in page.get_by_test_id("stSidebarNavLink").all_inner_texts():
                link = text.split("\n")[-1].strip()
                start = time.perf_counter()
                page.get_by_test_id("stSidebarNavLink").filter(has_text=link).first.click()
                page.get_by_test_id("stHeading").first.wait_for(timeout=120_000)
                idle(page)
                print(f"first render {link.strip():<12} {time.perf_counter() - start:6.2f} s")
            page.get_by_test_id("stSidebarNavLink").filter(has_text="SQL").first.click()
            idle(page)
            page.get_by_role("textbox").first.fill("SELECT * FROM big")
            start = time.perf_counter()
            page.get_by_role("button", name="Run query").click()
            page.get_by_text(f"{ROWS:,} rows").first.wait_for(timeout=300_000)  # the result caption
            idle(page)
            page.locator('[data-testid="stDataFrame"]:visible').first.wait_for()
            print(f"SQL page, {ROWS:,} rows shown in {time.perf_counter() - start:6.2f} s ({app})")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
