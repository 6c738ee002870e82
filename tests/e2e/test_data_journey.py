"""The foundation journey in a real browser: sample data, upload, roles, language, every page."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import assert_no_exception, choose, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def test_load_sample_and_visit_every_page(page):
    load_sample_data(page)
    assert_no_exception(page)
    links = page.get_by_test_id("stSidebarNavLink")
    assert links.count() >= 2
    for i in range(links.count()):
        links.nth(i).click()
        wait_idle(page)
        page.get_by_test_id("stHeading").first.wait_for()
        assert_no_exception(page)


def test_upload_gb18030_file(page):
    goto_page(page, "Data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(ROOT / "sample_data" / "store_sales_cn.csv"))
    page.get_by_role("button", name="Load", exact=True).click()
    page.get_by_text("into 'store_sales_cn'").wait_for()
    wait_idle(page)
    assert page.get_by_text("gb18030").count() > 0
    assert_no_exception(page)


def test_upload_csv_correct_a_role_and_switch_language(page, server):
    goto_page(page, "Data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(ROOT / "tests/data/currency.csv"))
    page.get_by_role("button", name="Load", exact=True).click()
    page.get_by_text("into 'currency'").wait_for()
    wait_idle(page)
    choose(page, "amount", "refund")
    page.get_by_role("button", name="Save roles").click()
    page.get_by_text("Roles saved for 'currency'").wait_for()
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.store import Workspace

    with Workspace(server[1]).connect() as con:
        assert get_roles(con, "currency")["amount"] == "refund"
    choose(page, "Language / 语言", "简体中文")
    page.get_by_role("heading", name="数据", exact=True).wait_for()
    wait_idle(page)
    assert page.get_by_role("button", name="加载示例数据").is_visible()
    assert_no_exception(page)


def test_upload_faq_with_multiline_quoted_answers(page, server):
    goto_page(page, "Data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(ROOT / "tests/data/faq_multiline.csv"))
    page.get_by_role("button", name="Load", exact=True).click()
    page.get_by_text("into 'faq_multiline': 5 rows × 3 columns").wait_for()
    wait_idle(page)
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert_no_exception(page)
    page.screenshot(path=str(ROOT / "test-artifacts" / "faq_multiline_upload.png"), full_page=True)
