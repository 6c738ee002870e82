"""The rows-used line on Segments names rows in a second currency as such (walk40, `en_kofi_03_segments`,
`zh_kofi_03_segments`: "… 177 without an amount" / "177 行无金额" on Ko-fi's USD rows beside GBP)."""

from __future__ import annotations

import pytest

from crm_core.cli import main
from crm_core.i18n import t
from tests.conftest import DATA
from tests.ui.apptest import open_page
from tests.workspace.test_other_currency_rows import _dollar_rows_kept


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_segments_says_rows_in_another_currency_not_without_an_amount(ws, lang):
    assert main(["load", str(DATA / "kofi_transactions_excerpt.csv"), "--workspace", str(ws.folder)]) == 0
    at = open_page(ws.folder, page="pages/segments.py")
    at.button[0].click().run()  # run in English (AppTest reads the zh k box's format back as English)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    line = next(c.value for c in at.caption if "rows used" in c.value or "使用" in c.value)
    dollars = str(_dollar_rows_kept())
    assert t("coverage.other_currency", lang, n=dollars, codes="USD") in line, line
    assert t("coverage.no_amount", lang, n=dollars) not in line, line
