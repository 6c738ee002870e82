"""Who a run counts as a customer, said alike across analyses (left31, the leftovers of judge33 and
judge34): Vend's ``WALKIN`` is the shop's till in every customer analysis, recommendations too; a Shopee
buyer whose money is all in a currency left out at load is said to be missing from the segments; 得物's
export, which names no buyer at all, is refused as an order log without buyers, saying what still runs."""

from __future__ import annotations

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import run as recommend
from crm_core.segment import cohorts
from tests.conftest import DATA

VEND = DATA / "lightspeed_sales_excerpt.csv"


def test_vends_walk_in_account_gets_no_recommendations(con):
    """Segments, cohorts, churn and spend leave ``WALKIN`` out by the shared-account rule; recommend gave it
    ten products and counted it as a customer."""
    table = load_file(con, VEND, "vend")[0].table
    shared = {s["customer_id"] for s in cohorts.run(con, table).summary().get("shared_accounts", [])}
    assert "WALKIN" in shared
    result = recommend.run(con, table)
    assert not shared & set(result.recommendations["customer_id"].astype(str))
    assert shared.isdisjoint(result.model.customers_)
    for lang in ("en", "zh"):
        said = " ".join(say(n, lang) for n in result.notes)
        assert "WALKIN" in said, lang
    assert "推荐" in say(result.notes[-1], "zh")
