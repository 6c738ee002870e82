"""walk42: Big Cartel's orders CSV packs each order's products into one ``Items`` cell
(``product_name:Moth Enamel Pin|product_option_name:…|quantity:1|price:…``). Recommend refused with
"mark one on the Data page (or pass --product-col)", where no column can be marked: the refusal names the
packed column and asks for a row per item."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import run as rec_run
from tests.conftest import DATA


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_packed_items_are_named_with_a_way_on(con, lang):
    table = load_file(con, DATA / "bigcartel_orders_excerpt.csv")[0].table
    with pytest.raises(CrmError) as refused:
        rec_run.run(con, table)
    text = say(refused.value.args[0], lang)
    assert "Items" in text and "product_name:" in text
    assert ("one row per item" if lang == "en" else "一件商品一行") in text
    assert "--product-col" not in text
