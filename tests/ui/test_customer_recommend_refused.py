"""Customer 360 on a log Recommend refuses (walk39): 收钱吧's payments all read 扫码收款, and the page sent
the analyst to Recommend ("尚未计算：请打开“推荐”页面并运行") where Recommend only says why it cannot."""

from __future__ import annotations

import pytest

from crm_core.i18n import say, t
from crm_core.load.reader import load_file
from crm_core.recommend.data import refusal
from tests.conftest import DATA
from tests.ui.apptest import page_opener

_customer = page_opener("pages/customer.py")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_recommendations_block_says_recommends_refusal(ws, lang):
    with ws.connect() as con:
        table = load_file(con, DATA / "shouqianba_trades_excerpt_zh.xlsx")[0].table
        payer = con.execute(f"SELECT min(付款账户) FROM \"{table}\" WHERE 付款账户 LIKE 'o%'").fetchone()[0]
        why = say(refusal(con, table), lang)
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value(payer).run()
    assert not at.exception, at.exception
    heads = [s.value for s in at.subheader]
    assert t("customer.block.recommendations", lang) in heads
    assert why in [w.value for w in at.warning]
    missing = t("customer.missing", lang, page=t("nav.recommend", lang))
    assert missing not in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_campaign_donors_block_says_gifts_name_nothing_bought(ws, lang):
    """ActBlue's contributions: the block said "mark one on the Data page", a shop's refusal (judge82,
    left89)."""
    with ws.connect() as con:
        table = load_file(con, DATA / "actblue_contributions_excerpt.csv")[0].table
        donor = con.execute(f"SELECT min(\"Donor Email\") FROM \"{table}\"").fetchone()[0]
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value(donor).run()
    assert not at.exception, at.exception
    assert t("roles.need.product_gifts", lang, table=table) in [w.value for w in at.warning]
