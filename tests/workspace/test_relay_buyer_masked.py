"""walk41: the 美团闪购 excerpt (judge85's, ``meituan_shangou_orders_excerpt_zh.xlsx``) loaded as the Data
page loads it, masked. The masks turn each 隐私号 (``17023063797_1001``) and each ``187****4319`` into a
token, so the phone no longer read as a relay number: in the browser 收货人电话 became the customer id,
2,336 "customers" of 120 buyers, 95.1 % of them "churned"."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SHANGOU = DATA / "meituan_shangou_orders_excerpt_zh.xlsx"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_masked_load_still_says_relay_numbers_name_no_buyer(con, lang):
    """The masked load keeps the refusal the plain load gives: no buyer, the phone a relay number (shown
    masked), basket and forecast offered; and no role takes the masked phone as the customer."""
    load_file(con, SHANGOU, table="闪购", mask_pii=True)
    roles = get_roles(con, "闪购")
    assert roles.get("customer_id") != "收货人电话"
    with pytest.raises(CrmError) as refused:
        transaction_view(con, "闪购", roles)
    text = say(refused.value.args[0], lang)
    assert "收货人电话" in text and ("隐私号" if lang == "zh" else "relay number") in text
    assert "170********_" in text and "17023063797" not in text
    assert "basket 闪购" in text
