"""An online grocer's E店宝 订单 (judge81's excerpt): its buyers order every week or two, so RFM's bottom
fifth by recency is a month or two quiet; the RFM table called them "已流失" (Lost) while churn counts a
customer gone only after 90 days without an order."""

from __future__ import annotations

from datetime import date

from crm_core.customers.configs import DEFAULT_INACTIVE_DAYS
from crm_core.load.reader import load_file
from crm_core.segment import run as segmentation
from crm_core.segment.charts import rfm_grid_figure
from crm_core.segment.rfm import rfm_label, rfm_rules_table
from tests.conftest import DATA

EDIANBAO = DATA / "edianbao_orders_excerpt_zh.csv"


def test_no_buyer_is_called_lost_before_churns_window_has_passed(con):
    """As of 2025-08-31 the bottom fifth last ordered 53–69 days before: quiet, not lost."""
    load_file(con, EDIANBAO, table="edb")
    members = segmentation.run(con, "edb", segmentation.SegmentConfig(observation_end=date(2025, 8, 31)),
                               lang="zh").members
    quiet = members[members["recency_days"] <= DEFAULT_INACTIVE_DAYS]
    bottom = quiet[(quiet["r_score"] == 1) & (quiet["f_score"] == 1)]
    assert len(bottom) >= 3 and set(bottom["rfm_segment"]) == {"休眠客户"}


def test_the_lost_rule_says_the_days_in_both_languages():
    """The rules table is what the analyst reads: Lost's row names the 90 days churn uses."""
    for lang in ("en", "zh"):
        rules = rfm_rules_table(lang)
        lost = rules[rules.iloc[:, 0] == ("Lost" if lang == "en" else "已流失")].iloc[0, 1]
        assert str(DEFAULT_INACTIVE_DAYS) in lost


def test_the_rfm_grid_names_each_cell_by_the_groups_its_customers_are_in(con):
    """left90: the grid labelled the R 1 × F 1 cell 已流失 though its buyers quiet for under 90 days are
    休眠客户; each cell names the groups of the customers it counts, in both languages."""
    load_file(con, EDIANBAO, table="edb")
    for lang in ("en", "zh"):
        members = segmentation.run(con, "edb", segmentation.SegmentConfig(observation_end=date(2025, 8, 31)),
                                   lang=lang).members
        grid = rfm_grid_figure(members, lang).data[0]
        for (r, f), cell in members.groupby(["r_score", "f_score"]):
            *named, count = grid.text[r - 1][f - 1].split("<br>")
            assert set(named) == set(cell["rfm_segment"]) and count == f"{len(cell):,}", (lang, r, f, named)
        bottom = members[(members["r_score"] == 1) & (members["f_score"] == 1)]
        assert set(bottom["rfm_segment"]) != {rfm_label("lost", lang)}, bottom["rfm_segment"]
