"""Names a platform masked before export, said at load (left74): 饿了么 writes its buyers as 王** or 孙先生
(judge34's 订单导出, judge72's 订单明细 林**). The analyst saw names in the table and no word on why Link and
Customer 360 matched nobody by them; ``--mask-pii`` named other columns and said nothing of these."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

ELEME = DATA / "eleme_orders_excerpt_zh.xlsx"
YINBAO = DATA / "yinbao_product_sales_excerpt_zh.csv"


def _masked_said(notes, lang: str) -> list[str]:
    word = "打码" if lang == "zh" else "masked by the platform"
    return [text for text in (say(n, lang) for n in notes) if word in text]


@pytest.mark.parametrize("mask_pii", [False, True], ids=["plain", "mask-pii"])
def test_names_the_platform_masked_are_said_at_load(con, mask_pii):
    """The note names 顾客姓名 with one of its masks as written, in both languages, masked load or not."""
    names = pd.read_excel(ELEME, dtype=str)["顾客姓名"].dropna()
    example = sorted(n for n in names if "*" in n)[0]
    notes = load_file(con, ELEME, table="eleme", mask_pii=mask_pii)[0].notes
    zh, en = _masked_said(notes, "zh"), _masked_said(notes, "en")
    assert len(zh) == 1 and "“顾客姓名”" in zh[0] and example in zh[0] and "客户 360" in zh[0]
    assert len(en) == 1 and "顾客姓名" in en[0] and "Customer 360" in en[0]


def test_names_written_in_full_get_no_such_note(con):
    """银豹's 会员姓名 holds the members' names as typed: nothing to say."""
    notes = load_file(con, YINBAO, table="yinbao")[0].notes
    assert not _masked_said(notes, "zh")
