"""Customer 360's Recommendations block for a customer who bought every product (walk40,
`en_jane_07_customer`, `zh_jane_07_customer`)."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.recommend import run as recommend_run
from crm_core.workspace import runs
from tests.conftest import DATA
from tests.ui.apptest import page_opener

_customer = page_opener("pages/customer.py")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_customer_who_bought_everything_reads_nothing_new_not_no_run(ws, lang):
    """Ella Murphy bought every item Jane App's clinic sells: the block read "No kept run includes this
    customer (runs were made on jane)" / "已保存的分析都不包含该客户（分析过的数据表：jane）" beside the run
    that held her."""
    with ws.connect() as con:
        load_file(con, DATA / "jane_sales_report_all_bought_excerpt.csv", table="jane")
        runs.save(con, recommend_run.run(con, "jane"))
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("Ella Murphy").run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert t("customer.not_in_runs", lang, tables="jane") not in captions, captions
    assert t("customer.nothing_new", lang, table="jane") in captions, captions
