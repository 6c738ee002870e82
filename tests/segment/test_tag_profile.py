"""A tag (企业微信's 标签 "老顾客,大单客户", one 0/1 feature per frequent tag) profiled as the share of
a segment's customers carrying it: its median read 0 or 1 and its mean 0.27 beside "添加人: 店员小芳 30%"
in the same grid (walk19's leftover, seen again on walk20's ``zh_*_segments_wecom``)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from crm_core.load.reader import load_file
from crm_core.segment.report import profile_shown, summary_shown
from crm_core.segment.run import run

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def wecom_run(con, lang):
    load_file(con, DATA / "wecom_customers_excerpt_zh.xlsx", table="wecom")
    return run(con, "wecom", lang=lang)


def _shares(result, tag: str) -> list[str]:
    """The share of each segment's customers carrying ``tag``, as the page writes a share: a half
    away from zero, as the browser's grids do (seg21: 0.125 is 13%, not Python's 12%)."""
    members = result.members
    by = members.groupby("segment", sort=False)[tag].mean()
    return [f"{math.floor(by[name] * 100 + 0.5)}%" for name in result.profile()["segment"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_tag_reads_as_the_share_of_its_segment_in_the_profile(wecom_run, lang):
    tags = list(wecom_run.features.tags)
    assert tags and wecom_run.k > 1, wecom_run.summary()
    shown = profile_shown(wecom_run)
    for tag in tags:
        assert tag in shown.columns, list(shown.columns)
        assert shown[tag].tolist() == _shares(wecom_run, tag), (tag, shown[tag].tolist())
        assert not [c for c in shown.columns if c.startswith(tag) and c != tag], list(shown.columns)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summary_says_a_tag_as_a_share_not_a_median_of_zeros(wecom_run, lang):
    summary = summary_shown(wecom_run)
    tags = [c for c in summary.columns if c in wecom_run.features.tags]
    assert tags, list(summary.columns)
    for tag in tags:
        assert summary[tag].tolist() == _shares(wecom_run, tag), (tag, summary[tag].tolist())
