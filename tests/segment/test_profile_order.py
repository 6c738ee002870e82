"""The profile heatmap and lines list the segments in the order of the profile grid above them:
by revenue with money, by customers without (walk20: ``zh_07_segments.png`` read 高价值·活跃 first in
the grid and the size bars, last in the heatmap; ``en_08_segments_k4.png`` "Low value, lapsed"
second in the heatmap, last in the grid: the heatmap sorted the names)."""

from __future__ import annotations

from pathlib import Path

from crm_core.load.reader import load_file
from crm_core.segment.report import figures
from crm_core.segment.run import run

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_heatmap_and_lines_follow_the_profile_grids_order(con):
    load_file(con, DATA / "wecom_customers_excerpt_zh.xlsx", table="wecom")
    result = run(con, "wecom", lang="zh")
    order = [str(s) for s in result.profile()["segment"]]
    assert result.k > 2 and order != sorted(order), order  # a sorted grid would not tell
    figs = figures(result)
    assert list(figs["heatmap"].data[0].x) == order, (list(figs["heatmap"].data[0].x), order)
    assert [trace.name for trace in figs["snake"].data] == order
