"""A promoter's 大麦 主办方订单导出 (judge91): the excerpt holds its first 80 orders (UTF-8 with BOM,
票档 ``VIP 1680元``, 订单金额 / 优惠金额 / 实付金额, 订单状态 已完成 / 已退款 / 已取消 / 待付款, the
buyer as 购票人 and 购票人手机号, every ticket's 实名观演人 on its own line of one cell: a name,
身份证 and the 身份证号), their days from Complete Journey's real DELI baskets (docs/judge.md, the
ninetieth pass)."""

from __future__ import annotations

import re

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

DAMAI = DATA / "damai_organiser_orders_excerpt_zh.csv"
_ID = re.compile(r"\d{17}[\dX]")


def _loaded(con, column: str) -> list[str]:
    load_file(con, DAMAI, table="dm", mask_pii=True)
    return [v for (v,) in con.execute(f'SELECT "{column}" FROM dm').fetchall()]


def test_the_attendees_id_numbers_are_masked_inside_their_cell(con):
    """实名观演人 writes "朱勇桂 身份证 310104199206056881" a line per ticket: a masked load kept every
    身份证号 in the clear because only e-mails and phones were looked for inside text."""
    written = pd.read_csv(DAMAI, dtype=str, encoding="utf-8-sig")["实名观演人"]
    assert written.str.contains(_ID).all()
    kept = _loaded(con, "实名观演人")
    assert not [v for v in kept if _ID.search(v)]
    assert all("身份证" in v for v in kept)


def test_the_ticket_buyer_is_a_name(con):
    """购票人 (订购人 on a cross-border order) is the buyer's name: a masked load kept it plain."""
    written = set(pd.read_csv(DAMAI, dtype=str, encoding="utf-8-sig")["购票人"])
    assert not written & set(_loaded(con, "购票人"))


def test_the_note_says_the_id_numbers_went_too(con):
    """The row's own name and the 身份证号 both left 实名观演人: the load note named only the names."""
    notes = [say(n, "zh") for n in load_file(con, DAMAI, table="dm", mask_pii=True)[0].notes]
    said = [n for n in notes if n.startswith("实名观演人")]
    assert said and "证件号" in said[0] and "姓名" in said[0]
