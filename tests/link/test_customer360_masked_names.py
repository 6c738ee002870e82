"""Customer 360 in a workspace loaded with ``--mask-pii`` (left74): names are kept as tokens, so a name
typed in part or another way finds nobody. The note said only "no linked customer is called …"; it now
says the names are masked and to look the customer up by their customer id, named by its column."""

from __future__ import annotations

import pytest

from crm_core.i18n import say
from crm_core.link import customer360
from crm_core.load.reader import load_file
from tests.conftest import DATA

YINBAO = DATA / "yinbao_product_sales_excerpt_zh.csv"


def _note(con, query: str, lang: str) -> str:
    return say(customer360.view(con, query)["note"], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_name_not_found_among_masked_names_says_so_and_names_the_id_column(con, lang):
    load_file(con, YINBAO, table="yinbao", mask_pii=True)
    full = customer360.view(con, "周伟兰")
    assert full["linked_records"], "a name typed in full still meets its token"
    said = _note(con, "周伟", lang)
    assert ("脱敏" if lang == "zh" else "pseudonyms") in said and "会员号" in said, said


def test_the_same_search_on_names_in_the_clear_says_nothing_of_masks(con):
    load_file(con, YINBAO, table="yinbao")
    said = _note(con, "周伟", "zh")
    assert "脱敏" not in said and "周伟" in said
