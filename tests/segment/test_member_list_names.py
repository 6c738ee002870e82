"""Segment names of a member list (有赞 会员, judge25): told apart by what differs, without numbers
or a measure that only repeats the money."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment import run as segment
from crm_core.segment.run import SegmentConfig

DATA = Path(__file__).resolve().parents[1] / "data"
YOUZAN = DATA / "youzan_members_excerpt_zh.xlsx"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_youzan_members_segments_differ_by_what_tells_them_apart(ws, lang):
    """judge25 saw "高价值·活跃（购买更频繁） 2，黄金会员，高积分" beside
    "高价值·活跃（购买更频繁），钻石会员，高积分": the number was given to the purchase words before
    会员等级 told the two apart, and 积分 (a point a yuan) only repeats 累计消费金额, which "高价值"
    already says."""
    members = pd.read_excel(YOUZAN, header=1).iloc[:-1]  # the title row above, the 合计 row below
    assert members["积分"].corr(members["累计消费金额"], method="spearman") > 0.99
    with ws.connect() as con:
        load_file(con, YOUZAN, table="yz")
        result = segment.run(con, "yz", SegmentConfig(k=9), lang=lang)
    names = list(result.names.values())
    assert len(set(names)) == 9
    assert not [n for n in names if re.search(r" \d", n)]  # no twin numbered "… 2"
    assert not [n for n in names if "积分" in n]
    assert any(level in n for n in names for level in ("黄金会员", "钻石会员"))  # the level still tells apart
