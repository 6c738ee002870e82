"""A guesthouse's 去哪儿 商家订单 (judge87): the excerpt holds 400 stays of 30 guests (GB18030,
订单金额 ``￥398.00`` beside 退款金额, 预订时间 ``2025年1月3日 12:05``, 订单状态 已离店 / 已入住 /
部分退款 / 已退款 / 已取消 / 待支付, a two-line 备注, 证件类型 身份证 / 护照 / 港澳通行证 beside the
证件号), their days from Complete Journey's real MEAT baskets (docs/judge.md, the eighty-sixth pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect.privacy import detect_pii
from crm_core.recommend.configs import RecommendConfig
from crm_core.recommend.run import run as recommend
from tests.conftest import DATA

QUNAR = DATA / "qunar_hotel_orders_excerpt_zh.csv"


def test_which_papers_a_guest_showed_is_no_product(con):
    """Recommend's refusal offered "房型、证件类型、证件号" as what may have been bought: 证件类型 (身份证,
    护照) and 证件号 say which papers the guest showed at check-in, never what the stay was."""
    load_file(con, QUNAR, table="qn")
    with pytest.raises(CrmError) as refused:
        recommend(con, "qn", RecommendConfig())
    said = say(refused.value.args[0], "zh")
    assert "房型" in said and "证件" not in said


def test_a_column_of_mixed_papers_is_an_id_number(con):
    """The 证件号 column holds 身份证号 beside 护照 and 港澳通行证 numbers: read as ID numbers all
    the same, so ``--mask-pii`` masks it."""
    papers = pd.read_csv(QUNAR, dtype=str, encoding="gb18030")["证件类型"]
    assert papers.nunique() > 1
    load_file(con, QUNAR, table="qn")
    assert detect_pii(con, "qn")["证件号"] == "national_id"
