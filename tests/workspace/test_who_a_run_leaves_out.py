"""Who a run counts as a customer, said alike across analyses (left31, the leftovers of judge33 and
judge34): Vend's ``WALKIN`` is the shop's till in every customer analysis, recommendations too; a Shopee
buyer whose money is all in a currency left out at load is said to be missing from the segments; 得物's
export, which names no buyer at all, is refused as an order log without buyers, saying what still runs."""

from __future__ import annotations

import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import run as recommend
from crm_core.segment import cohorts
from crm_core.segment import run as segment
from crm_core.workspace.currencies import NAMES
from tests.conftest import DATA

VEND = DATA / "lightspeed_sales_excerpt.csv"
SHOPEE = DATA / "shopee_orders_excerpt_zh.xlsx"
DEWU = DATA / "dewu_orders_excerpt_zh.csv"


def test_vends_walk_in_account_gets_no_recommendations(con):
    """Segments, cohorts, churn and spend leave ``WALKIN`` out by the shared-account rule; recommend gave it
    ten products and counted it as a customer."""
    table = load_file(con, VEND, "vend")[0].table
    shared = {s["customer_id"] for s in cohorts.run(con, table).summary().get("shared_accounts", [])}
    assert "WALKIN" in shared
    result = recommend.run(con, table)
    assert not shared & set(result.recommendations["customer_id"].astype(str))
    assert shared.isdisjoint(result.model.people())
    for lang in ("en", "zh"):
        said = " ".join(say(n, lang) for n in result.notes)
        assert "WALKIN" in said, lang
    assert "推荐" in say(result.notes[-1], "zh")


def _buyers_without_main_money(main: str) -> tuple[int, int]:
    """(buyers of the kept orders, those of them with no row in the main currency), read with pandas."""
    frame = pd.read_excel(SHOPEE, dtype=str)
    kept = frame[~frame["订单状态"].isin(["已取消", "退货退款"])]
    code = kept["币种"].str.strip().map(lambda c: NAMES.get(c, c))
    in_main = set(kept.loc[code == main, "买家帐号"])
    buyers = set(kept["买家帐号"])
    return len(buyers), len(buyers - in_main)


def test_shopee_segments_say_the_buyers_of_other_currencies_are_left_out(con):
    """Segments cluster on money, and a buyer whose every order is in MYR or SGD (no rate to TWD in the
    file) has none to add up: left out, as before, but now said, while cohorts keep every buyer."""
    table = load_file(con, SHOPEE, "shopee")[0].table
    buyers, without = _buyers_without_main_money("TWD")
    assert without > 0
    assert cohorts.run(con, table).summary()["customers"] == buyers
    result = segment.run(con, table, lang="zh")
    assert len(result.members) == buyers - without
    zh = [say(n, "zh") for n in result.notes if f"{without:,}" in say(n, "zh")]
    en = [say(n, "en") for n in result.notes if f"{without:,}" in say(n, "en")]
    assert zh and "分群" in zh[0] and f"{buyers:,}" in zh[0]
    assert en and "segments" in en[0] and f"{buyers:,}" in en[0]


def test_dewu_is_refused_as_orders_without_a_buyer_saying_what_still_runs(con):
    """得物 gives no buyer column: "mark a customer column" asked for what the export does not have. The
    refusal says the orders name no buyer and that forecasts and basket rules still run."""
    table = load_file(con, DEWU, "dewu")[0].table
    try:
        segment.run(con, table)
    except CrmError as refused:
        sentence = refused.args[0]
    else:
        raise AssertionError("segmenting 得物's orders must be refused")
    assert sentence.key == "roles.need.orders_without_buyer"
    orders = pd.read_csv(DEWU, encoding="utf-8-sig")["订单号"].nunique()
    zh, en = say(sentence, "zh"), say(sentence, "en")
    assert "订单号" in zh and f"{orders:,}" in zh and "forecast dewu" in zh and "预测" in zh
    assert "forecast dewu" in en and "basket dewu" in en
