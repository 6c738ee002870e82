"""The SQL explorer and the sign-in gate in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_core.explore import sandbox
from crm_core.load.sample import load_sample
from crm_core.protect import auth
from crm_core.workspace.store import DB_FILE, Workspace
from tests.e2e.conftest import ARTIFACTS, assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e

QUERY = "SELECT channel, count(*) AS lines, round(sum(amount), 2) AS sales FROM orders GROUP BY 1 ORDER BY 1"


def _run_query(page, sql: str) -> None:
    editor = page.get_by_test_id("stTextArea").locator("textarea")
    editor.fill(sql)
    editor.press("Control+Enter")
    wait_idle(page)
    page.get_by_role("button", name="Run query").click()


def test_query_download_and_refusal(page, server):
    load_sample_data(page)
    goto_page(page, "SQL")
    page.get_by_text("Tables and columns").wait_for()
    _run_query(page, QUERY)
    page.get_by_text("rows in").first.wait_for()
    wait_idle(page)
    assert_no_exception(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download result (CSV)").click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig").strip().splitlines()
    expected = sandbox.run_query(server[1] / DB_FILE, QUERY).frame
    assert body[0] == "channel,lines,sales"
    assert len(body) == len(expected) + 1
    assert body[1].split(",")[:2] == [str(expected["channel"][0]), str(expected["lines"][0])]

    _run_query(page, "COPY orders TO '/tmp/stolen.csv'")
    # the refusal itself: the page's caption says "read-only" too, so waiting for the word returned
    # at once and the expander below was opened before the refusal's run re-drew it closed (CI)
    page.get_by_test_id("stAlertContentError").filter(has_text="read-only").first.wait_for()
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text("My recent queries").click()
    page.get_by_test_id("stExpanderDetails").filter(has=page.get_by_test_id("stDataFrame")).nth(1).wait_for()
    assert_no_exception(page)


@pytest.fixture
def auth_file(tmp_path, monkeypatch):
    path = tmp_path / "auth.toml"
    path.write_text(f'[crm_auth.users]\nann = "{auth.hash_password("ann-secret-1")}"\n',
                    encoding="utf-8")
    monkeypatch.setenv(auth.AUTH_FILE_ENV, str(path))
    return path


def test_sign_in_gate(auth_file, playwright_browser, server):
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(server[0] + "/sql")  # a page's own URL shows no data either
        page.get_by_text("Sign in first").wait_for()
        wait_idle(page)
        assert page.get_by_test_id("stDataFrame").count() == 0
        assert page.get_by_test_id("stTextArea").count() == 0
        page.goto(server[0])
        page.get_by_role("heading", name="Sign in").wait_for()
        wait_idle(page)
        assert page.get_by_test_id("stSidebarNavLink").count() == 0
        page.get_by_label("User name").fill("ann")
        page.get_by_role("button", name="Sign in").click()  # walk22: the password left empty did nothing
        page.get_by_text("Enter both your user name and your password").wait_for()
        wait_idle(page)
        page.get_by_label("User name").fill("ann")
        page.get_by_label("Password", exact=True).fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Wrong user name or password").wait_for()
        wait_idle(page)
        page.get_by_label("User name").fill("ann")
        page.get_by_label("Password", exact=True).fill("ann-secret-1")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Signed in as").wait_for()
        wait_idle(page)
        goto_page(page, "SQL")
        page.get_by_text("no tables yet").first.wait_for()
        assert_no_exception(page)
        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("heading", name="Sign in").wait_for()
        page.get_by_text("ann signed out").wait_for()  # walk22: the bare form said nothing
        wait_idle(page)
        assert page.get_by_test_id("stSidebarNavLink").count() == 0
        assert (server[1] / auth.USERS_FOLDER).is_dir()
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "test_sign_in_gate.png"), full_page=True)
        context.close()


def test_download_links_die_with_sign_out(auth_file, playwright_browser, server):
    """The probe fetched /media/<id>.csv of an export without sign-in, after sign-out."""
    auth_file.write_text("[crm_auth]\nshared = true\n" + auth_file.read_text(), encoding="utf-8")
    with Workspace(server[1]).connect() as con:
        load_sample(con)
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900},
                                             accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(server[0])
        page.get_by_label("User name").fill("ann")
        page.get_by_label("Password", exact=True).fill("ann-secret-1")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Signed in as").wait_for()
        wait_idle(page)
        goto_page(page, "Data")  # a preview download, built on click like every export
        page.get_by_role("button", name="Download CSV").first.wait_for()
        wait_idle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").first.click()
        url = download.value.url
        assert "/media/" in url and context.request.get(url).status == 200
        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("heading", name="Sign in").wait_for()
        wait_idle(page)
        assert context.request.get(url).status == 404
        assert playwright_browser.new_context().request.get(url).status == 404
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "test_download_links_die_with_sign_out.png"), full_page=True)
        context.close()
