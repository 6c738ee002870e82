"""walk41's leftover: Customer 360 on a 美团闪购 export loaded masked (the Data page's default). Segments,
Customers and Recommend refuse the table (its 收货人电话 is a platform relay number, no buyer), the orders
block says so, yet 分群 / 流失 / 消费 / 推荐 said "尚未计算：请打开…页面并运行" and linked to pages that only
refuse. Each of those blocks says the log's refusal; one a run already filled keeps it."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SHANGOU = DATA / "meituan_shangou_orders_excerpt_zh.xlsx"
FROM_THE_LOG = ("segments", "churn_scores", "spend_scores", "recommendations")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_blocks_of_a_refused_log_say_its_refusal(con, lang):
    load_file(con, SHANGOU, table="闪购", mask_pii=True)
    with pytest.raises(CrmError) as refused:
        transaction_view(con, "闪购", get_roles(con, "闪购"))
    phone = str(pd.read_excel(SHANGOU)["收货人电话"].iloc[0])
    view = customer360.view(con, phone)
    assert say(view["orders"]["status"], lang) == say(refused.value.args[0], lang)
    for block in FROM_THE_LOG:
        assert view[block]["rows"] == [] and view[block]["status"] != "not computed yet", block
    assert say(view["segments"]["status"], lang) == say(refused.value.args[0], lang)
    first = say(customer360.Sentence("customer.block.segments"), lang)
    for block in FROM_THE_LOG[1:]:  # said once, then pointed to: the page repeated it four times (walk42)
        said = say(view[block]["status"], lang)
        assert first in said and len(said) < len(say(refused.value.args[0], lang)) / 3, (block, said)
    assert view["replies"]["status"] == "not computed yet"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_note_names_the_column_a_table_without_customer_id_was_found_in(con, lang):
    """Its profile note said "shown below … under its customer id" / "按其客户 ID 列出" above a table that
    has none (walk42): it says the column the phone was found in."""
    load_file(con, SHANGOU, table="闪购", mask_pii=True)
    assert "customer_id" not in get_roles(con, "闪购")
    phone = str(pd.read_excel(SHANGOU)["收货人电话"].iloc[0])
    note = say(customer360.view(con, phone)["note"], lang)
    assert "收货人电话" in note and phone in note, note
    assert "under its customer id" not in note and "按其客户 ID" not in note, note
