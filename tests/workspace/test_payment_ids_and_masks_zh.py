"""judge75's leftovers (left79): 收钱吧's own order number is the order, and its 退款 rows are said at load;
``--mask-pii`` masks 吉客云's 客户账号 (the nickname 客户名称 repeats) and reads 精斗云's 客户, a
restaurant's name, as a company rather than an address."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.protect.privacy import detect_pii
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SHOUQIANBA = DATA / "shouqianba_trades_excerpt_zh.xlsx"
JINGDOUYUN = DATA / "jingdouyun_sales_excerpt_zh.xlsx"
JACKYUN = DATA / "jackyun_sales_excerpt_zh.csv"


def _orders(con, table: str) -> int:
    view = transaction_view(con, table, get_roles(con, table))
    named = f"SELECT count(DISTINCT order_id) FROM ({view.sql}) WHERE customer_id IS NOT NULL"
    return con.execute(named, list(view.params)).fetchone()[0]


def test_shouqianbas_order_number_keeps_a_payers_two_payments_of_a_day_apart(con):
    """Without an order id a payer's payments of one day were one order (699 against 713): a customer
    paying twice at 00:55 and 00:56 counted one visit. Each 收钱吧订单号 is one payment, and its 退款 row
    carries the payment's number."""
    rows = pd.read_excel(SHOUQIANBA, skiprows=3, dtype=str)
    paid = rows[(rows["交易状态"] == "成功") & rows["付款账户"].notna()]
    load_file(con, SHOUQIANBA, table="sqb")
    assert get_roles(con, "sqb")["order_id"] == "收钱吧订单号"
    assert _orders(con, "sqb") == paid["收钱吧订单号"].nunique()


def test_shouqianbas_refund_rows_are_said_at_load(con):
    """Its 退款 rows (交易类型, negative 实收金额) were netted with their payments and no note said so: the
    analyst saw revenue below the export's 收款 total without a word why. Each refund here is half a
    payment, so all three stay as money given back."""
    rows = pd.read_excel(SHOUQIANBA, skiprows=3)
    back = rows[(rows["交易类型"] == "退款") & (rows["交易状态"] == "成功")]
    notes = load_file(con, SHOUQIANBA, table="sqb")[0].notes
    said = [n for n in notes if "交易类型" in n.text("zh") and "退款" in n.text("zh")]
    assert len(said) == 1
    zh, en = said[0].text("zh"), said[0].text("en")
    assert f"{len(back)} 行" in zh and f"{-back['实收金额'].sum():,.2f}" in zh
    assert f"{len(back)} refund rows" in en and "'交易类型'" in en


def test_jackyuns_customer_account_is_masked_as_the_nickname_it_is(con):
    """吉客云's 客户账号 holds the buyer's shop nickname, the same as 客户名称, which was masked while the
    account, the customer key, stayed ``奶茶不加糖89`` in clear."""
    load_file(con, JACKYUN, table="jky")
    kinds = detect_pii(con, "jky")
    assert kinds["客户账号"] == kinds["客户名称"] == "nickname"


def test_jingdouyuns_restaurant_customer_is_a_company_not_an_address(con):
    """精斗云's 客户 ``川味小厨3号店`` names a restaurant's third branch: its 3号 read as a house number, so
    the column was masked as an 地址. It is a business's name, under a header naming the customer."""
    load_file(con, JINGDOUYUN, table="jdy")
    assert detect_pii(con, "jdy")["客户"] == "company"


def test_jingdouyuns_reversed_documents_are_no_orders(con):
    """精斗云 reverses a document with a 红冲 copy of negative 数量 and 价税合计 under its own 单据编号
    (``XSD…-H``), its 备注 naming the original: the money netted, yet the original still counted as an
    order (941 against 904). An original and its copy netting to nothing are no sale, and the load says so."""
    rows = pd.read_excel(JINGDOUYUN, dtype={"备注": str})
    posted = rows[rows["单据状态"] == "已审核"]
    reversed_ = posted["备注"].str.extract(r"^红冲\s*(\S+)")[0].dropna()
    kept = posted[~posted["单据编号"].isin(reversed_) & posted["备注"].isna()]
    notes = load_file(con, JINGDOUYUN, table="jdy")[0].notes
    said = [n for n in notes if "红冲" in n.text("zh")]
    assert _orders(con, "jdy") == kept["单据编号"].nunique()
    gone = posted[posted["单据编号"].isin(reversed_) | posted["备注"].notna()]
    assert len(said) == 1 and f"{len(gone)} 行" in said[0].text("zh") and "red-ink" in said[0].text("en")
