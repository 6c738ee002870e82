"""Customer 360's recommendations block on a log Recommend refuses (walk39): it said "not computed yet,
open Recommend and run it" where Recommend would only refuse (收钱吧's 商品名 is 扫码收款 on every payment,
知识星球's income has no product, Givebutter's gifts are no items). The block says Recommend's refusal."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.recommend import run as rec_run
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

REFUSED = ("shouqianba_trades_excerpt_zh.xlsx", "zsxq_income_excerpt_zh.xlsx",
           "givebutter_transactions_excerpt.csv")


def _a_customer(con, name: str) -> tuple[str, str]:
    """The loaded table and one of its customers, as the purchase view reads them."""
    table = load_file(con, DATA / name)[0].table
    sql = transaction_view(con, table, get_roles(con, table)).sql
    return table, con.execute(f"SELECT min(customer_id) FROM ({sql})").fetchone()[0]


@pytest.mark.parametrize("name", REFUSED)
def test_the_block_says_why_recommend_refuses_the_customers_log(con, name):
    table, customer = _a_customer(con, name)
    with pytest.raises(CrmError) as refused:
        rec_run.run(con, table)
    block = customer360.view(con, customer)["recommendations"]
    assert block["rows"] == [] and block["status"] != "not computed yet"
    for lang in ("en", "zh"):
        assert say(block["status"], lang) == say(refused.value.args[0], lang)


def test_a_log_recommend_reads_still_asks_for_a_run(con):
    """A shop's order lines (Gumroad's products) are Recommend's to run: the block still sends there."""
    table, customer = _a_customer(con, "gumroad_sales_excerpt.csv")
    assert customer360.view(con, customer)["recommendations"]["status"] == "not computed yet"
    assert len(rec_run.run(con, table).recommendations)
