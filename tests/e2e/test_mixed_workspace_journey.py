"""A workspace as the QA3 walk had it, in 简体中文: a CDNOW-shaped purchase log, a bakery's daily
sales loaded after it (no customer column) and a labelled telco table. Segments opens on the log
that names customers, Customers follows telco's label when telco is chosen, and Support refuses a
table without text (the bakery) in Chinese."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.e2e.conftest import assert_no_exception, choose, download_csv, goto_page, wait_idle

pytestmark = pytest.mark.e2e


def _load(workspace, tmp_path) -> None:
    from crm_core.load.reader import load_file
    from crm_core.workspace.store import Workspace
    from tests.customers.attribute_tables import telco

    days = pd.date_range("1997-01-01", periods=300, freq="D")
    cdnow, bakery = tmp_path / "cdnow.csv", tmp_path / "bakery_daily.csv"
    pd.DataFrame({"customer_id": [f"{i % 90:05d}" for i in range(900)],
                  "date": [days[(i * 13) % 300].strftime("%Y%m%d") for i in range(900)],
                  "number_of_cds": [1 + i % 3 for i in range(900)],
                  "dollar_value": [11.5 + i % 30 for i in range(900)]}).to_csv(cdnow, index=False)
    pd.DataFrame({"date": [d.date() for d in days for _ in (1, 2)], "store": [1, 2] * 300,
                  "product": 101, "demand": [40.0 + i % 25 for i in range(600)]}).to_csv(bakery, index=False)
    with Workspace(workspace).connect() as con:
        load_file(con, cdnow, table="cdnow")
        con.register("src", telco(n=600).drop(columns="_p"))
        con.execute("CREATE TABLE telco AS SELECT * FROM src")
        load_file(con, bakery, table="bakery_daily")


def test_chinese_walk_on_a_mixed_workspace(page, server, tmp_path):
    _load(server[1], tmp_path)
    choose(page, "Language / 语言", "简体中文")
    goto_page(page, "客户分群")
    box = page.get_by_test_id("stSelectbox").filter(has_text="分群数据表").first
    assert box.locator("input").input_value() == "cdnow"  # not the newer bakery_daily
    assert_no_exception(page)

    goto_page(page, "客户")
    choose(page, "数据表", "telco")
    page.get_by_test_id("stSelectbox").filter(has_text="标签列").first.wait_for()  # the label's box
    wait_idle(page)
    assert page.get_by_role("radio", name="使用标签列").is_checked()
    page.get_by_role("button", name="训练流失模型").click()
    # the list's heading "高风险客户（600）", not the kept run's figure of the same words in Past runs
    page.get_by_text(re.compile(r"^高风险客户（[\d,]+）$")).first.wait_for(timeout=180_000)
    wait_idle(page)
    assert_no_exception(page)
    assert page.get_by_test_id("stAlertContentError").count() == 0
    at_risk = download_csv(page)  # the file keeps what scripts read: the label and the drivers
    assert {"label", "drivers"} <= set(at_risk.columns) and set(at_risk["label"]) <= {"churned", "stayed"}

    goto_page(page, "客服")
    said = page.get_by_test_id("stAlertContentError").first.inner_text()
    assert "没有可当作问题的文本列" in said and "Table '" not in said, said
    assert_no_exception(page)
