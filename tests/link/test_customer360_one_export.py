"""Customer 360 before any link run on a workspace of one export (walk40): the note sent the analyst to Link
customers for "this customer's records from your other exports" where no other export was loaded."""

from __future__ import annotations

import pytest

from crm_core.i18n import say, t
from crm_core.link import customer360
from crm_core.load.reader import load_file
from tests.conftest import DATA

FLIGGY = DATA / "fliggy_orders_excerpt_zh.csv"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_export_is_not_sent_to_link_its_other_exports(con, lang):
    """zh_fliggy_07_customer / en_fliggy_07_customer (飞猪's 买家会员名 tb3190054_旅行家)."""
    load_file(con, FLIGGY, table="fliggy")
    buyer = con.execute('SELECT min("买家会员名") FROM fliggy').fetchone()[0]
    note = say(customer360.view(con, buyer)["note"], lang)
    assert buyer in note and "fliggy" in note, note
    assert t("nav.link", lang) not in note and "crm_core link" not in note, note


def test_two_exports_are_still_sent_to_link(con):
    """A second export loaded: a customer's records elsewhere are worth joining, the note keeps the way."""
    load_file(con, FLIGGY, table="fliggy")
    load_file(con, DATA / "qianliao_orders_excerpt_zh.xlsx", table="qianliao")
    buyer = con.execute('SELECT min("买家会员名") FROM fliggy').fetchone()[0]
    assert "crm_core link" in say(customer360.view(con, buyer)["note"], "en")
