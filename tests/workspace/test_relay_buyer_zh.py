"""A convenience store's 美团闪购 商家订单导出 (judge85, docs/judge.md's eighty-fourth pass): the excerpt
holds Complete Journey's real DRUG GM baskets, a row per 商品, the buyer only as 收货人 王** / 王先生 and
收货人电话 a 隐私号 (``17023063797_1001``, a pooled number and an extension lent for one
order) or ``187****4319``."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SHANGOU = DATA / "meituan_shangou_orders_excerpt_zh.xlsx"


def _refusal(con, lang: str) -> str:
    load_file(con, SHANGOU, table="闪购")
    with pytest.raises(CrmError) as refused:
        transaction_view(con, "闪购", get_roles(con, "闪购"))
    return say(refused.value.args[0], lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_relay_numbers_and_masks_are_said_as_no_buyer_not_a_column_to_mark(con, lang):
    """Every order's phone is a 隐私号 or a mask and every name a surname: main said "no customer id column;
    mark one on the Data page", inviting the phone (a new relay extension each order: each order its own
    "customer") or the surname. The refusal says the phone is a relay number and what runs on orders alone."""
    text = _refusal(con, lang)
    lines = pd.read_excel(SHANGOU, dtype=str)
    relay = next(v for v in lines["收货人电话"] if "_" in v)
    assert "收货人电话" in text and relay in text
    assert ("隐私号" if lang == "zh" else "relay number") in text
    assert "basket 闪购" in text and "forecast 闪购" in text
    assert ("请在“数据”页标出一列" if lang == "zh" else "mark one on the Data page") not in text


def test_the_relay_refusal_offers_the_bought_together_tab(con):
    """The Recommend page shows "Bought together" under the refusals that say no column names the buyer."""
    from crm_core.workspace import missing

    load_file(con, SHANGOU, table="闪购")
    with pytest.raises(CrmError) as refused:
        transaction_view(con, "闪购", get_roles(con, "闪购"))
    assert refused.value.args[0].key in missing.SAYS_NO_BUYER
