"""A promoter's 大麦 主办方订单导出 (judge91): the excerpt holds its first 80 orders (UTF-8 with BOM,
票档 ``VIP 1680元``, 订单金额 / 优惠金额 / 实付金额, 订单状态 已完成 / 已退款 / 已取消 / 待付款, the
buyer as 购票人 and 购票人手机号, every ticket's 实名观演人 on its own line of one cell: a name,
身份证 and the 身份证号), their days from Complete Journey's real DELI baskets (docs/judge.md, the
ninetieth pass)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend.configs import RecommendConfig
from crm_core.recommend.run import run as recommend
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


def _holders(cells) -> list[str]:
    """Each ticket holder's name as written: the first word of each line of 实名观演人."""
    return [line.split()[0] for cell in cells for line in cell.splitlines() if line.strip()]


def test_every_ticket_holders_name_is_masked(con):
    """Only the buyer's own name left 实名观演人 (judge91): the companions on the other lines stayed in the
    clear. A cell whose every line is "name, 证件 word, number" is a list of people: each name goes."""
    written = pd.read_csv(DAMAI, dtype=str, encoding="utf-8-sig")["实名观演人"]
    names = set(_holders(written))
    assert len(names) > written.size
    kept = _loaded(con, "实名观演人")
    assert not names & set(_holders(kept))
    assert all(line.split() == ["[name]", "身份证", "[id]"] for cell in kept for line in cell.splitlines())


def test_a_passport_holders_line_is_masked_whole(con, tmp_path):
    """A 护照 or 港澳通行证 number is no 身份证号: read as a holder's line, its name and number both go."""
    table = pd.read_csv(DAMAI, dtype=str, encoding="utf-8-sig")
    table["实名观演人"] = table["实名观演人"].str.replace(
        r"身份证 (\d{6})\d{11}[\dX]", lambda m: f"护照 E{m.group(1)}01", regex=True)
    odd = table["实名观演人"][1::2]
    table.loc[1::2, "实名观演人"] = odd.str.replace("护照 E", "港澳通行证：C", regex=False)
    path = tmp_path / "damai_passports.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    load_file(con, path, table="dm", mask_pii=True)
    kept = [v for (v,) in con.execute('SELECT "实名观演人" FROM dm').fetchall()]
    assert not set(_holders(table["实名观演人"])) & set(_holders(kept))
    assert not [v for v in kept if re.search(r"[EC]\d{8}", v)]


def test_how_a_ticket_is_collected_is_no_product(con, tmp_path):
    """The refusal offered 取票方式 (电子票 / 快递配送 / 现场取票) and, on the excerpt, the buyer 购票人 as
    possible products; masked, the holders' list "[name] 身份证 [id]" repeats and was offered too. Like
    证件类型, how a ticket or a parcel reaches the buyer, and who bought or holds it, are never what was
    bought, whatever the export calls them."""
    table = pd.read_csv(DAMAI, dtype=str, encoding="utf-8-sig")
    for header in ("取票方式", "配送方式", "Delivery Method", "Shipping Method", "Collection Method"):
        path = tmp_path / "damai.csv"
        table.rename(columns={"取票方式": header}).to_csv(path, index=False, encoding="utf-8-sig")
        load_file(con, path, table="dm", replace=True, mask_pii=True)
        with pytest.raises(CrmError) as refused:
            recommend(con, "dm", RecommendConfig())
        said = say(refused.value.args[0], "zh")
        assert "项目名称" in said and header not in said, header
        assert "购票人" not in said and "实名观演人" not in said  # people, masked ones the same each time
