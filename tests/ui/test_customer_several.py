"""Customer 360 on a text several customers share, before any link run (walk40)."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.segment import run as segment_run
from crm_core.workspace import runs
from tests.conftest import DATA
from tests.ui.apptest import page_opener

_customer = page_opener("pages/customer.py")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_shared_display_name_says_to_type_an_id_under_each_block(ws, lang):
    """en_kofi_07_customer / zh_kofi_07_customer: under "names no one customer … type one of these ids",
    the blocks read "已保存的分析都不包含该客户" and "该客户没有相关记录" as if nobody were found."""
    with ws.connect() as con:
        table = load_file(con, DATA / "kofi_transactions_excerpt.csv", table="kofi")[0].table
        runs.save(con, segment_run.run(con, table, segment_run.SegmentConfig(k=3)))
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("lucas_draws").run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    none_kept = t("customer.not_in_runs", lang, tables="kofi")[:8]
    assert not any(c.startswith(none_kept) for c in captions), captions
    assert t("customer.empty", lang) not in captions, captions
    several = t("customer.several_blocks", lang, query="lucas_draws", count=2)
    assert captions.count(several) >= 2, captions
