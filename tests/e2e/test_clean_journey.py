"""The cleaning journey in a real browser: profile the sample orders, build a 3-step recipe,
apply it, download the recipe and the cleaned table."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from crm_core.i18n import t
from tests.e2e.conftest import assert_no_exception, goto_page, load_sample_data, wait_idle

pytestmark = pytest.mark.e2e


def _add_step(page, number: int, kind: str, says: str) -> None:
    """Pick a step by its name, add it, and find it in the list said as a sentence. The step's
    own help line shows once the rerun for the new choice has drawn it: clicking "Add step"
    before that races the rerun (the click was lost once in CI)."""
    page.get_by_role("combobox", name="Step", exact=True).click()
    page.get_by_role("option", name=t(f"clean.kind.{kind}"), exact=True).click()
    page.get_by_text(t(f"clean.help.{kind}"), exact=True).wait_for()
    wait_idle(page)
    page.get_by_role("button", name="Add step").click()
    page.get_by_text(re.compile(rf"^{number}\. {says}")).wait_for()
    wait_idle(page)


def test_profile_build_apply_and_download(page):
    load_sample_data(page)
    goto_page(page, "Clean")
    page.get_by_text("12 rows are exact duplicates").wait_for()
    assert page.get_by_text("ids start with 'C'").count() > 0
    assert_no_exception(page)

    page.get_by_role("tab", name="Recipe").click()
    page.get_by_text("No steps yet").wait_for()
    for number, (kind, says) in enumerate((
            ("drop_missing", "Drop rows where customer_id is empty"),
            ("drop_duplicates", "Remove rows that repeat another row exactly"),
            ("returns", "")), start=1):
        _add_step(page, number, kind, says)
    page.get_by_role("button", name="Undo last step").wait_for()
    assert_no_exception(page)

    page.get_by_role("button", name="Apply recipe").click()
    page.get_by_text("Wrote 'orders_clean'").wait_for()
    wait_idle(page)
    assert_no_exception(page)

    with page.expect_download() as recipe_download:
        page.get_by_role("button", name="Download recipe (JSON)").click()
    recipe = json.loads(Path(recipe_download.value.path()).read_text(encoding="utf-8"))
    assert [s["kind"] for s in recipe["steps"]] == ["drop_missing", "drop_duplicates", "returns"]
    assert recipe["steps"][0]["columns"] == ["customer_id"]

    with page.expect_download() as table_download:
        page.get_by_role("button", name="Download the cleaned table (CSV)").click()
    text = Path(table_download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) > 70_000
    assert len({tuple(r.values()) for r in rows}) == len(rows)
    assert not any(r["invoice_no"].startswith("C") for r in rows)
    assert all(r["customer_id"] for r in rows)
