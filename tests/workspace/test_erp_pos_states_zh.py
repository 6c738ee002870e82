"""A tea shop's 收钱吧 交易明细 and a wholesaler's 精斗云 销售单 (judge75, ``bench/judge75_sets.py``): the
payments a 交易状态 of 失败 says never went through, and the documents a 单据状态 of 已作废 or 未审核 says
never stood, are no spend; a 商品名 that is 扫码收款 on every row is no product."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.recommend import basket
from crm_core.recommend import run as recommend_run
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SHOUQIANBA = DATA / "shouqianba_trades_excerpt_zh.xlsx"
JINGDOUYUN = DATA / "jingdouyun_sales_excerpt_zh.xlsx"


def _spend(con, table: str) -> dict[str, float]:
    """Each customer's money in the normalised view (a payment by bank card names no payer)."""
    view = transaction_view(con, table, get_roles(con, table))
    paid = f"SELECT customer_id, sum(amount) FROM ({view.sql}) WHERE customer_id IS NOT NULL GROUP BY 1"
    return dict(con.execute(paid).fetchall())


def _note(con, path, table: str) -> str:
    return " ".join(n.text("zh") for n in load_file(con, path, table=table)[0].notes)


def test_shouqianbas_failed_payments_are_no_spend_and_its_payer_is_the_customer(con):
    """收钱吧's 付款账户 is the payer's 支付宝 login or 微信 openid: the only customer it has. A 失败 payment
    took no money (the buyer paid again, or left): counted, it was 4 % more spend than the shop received."""
    rows = pd.read_excel(SHOUQIANBA, skiprows=3, dtype={"付款账户": str})
    paid = rows[(rows["交易状态"] == "成功") & rows["付款账户"].notna()]
    note = _note(con, SHOUQIANBA, "sqb")
    assert get_roles(con, "sqb")["customer_id"] == "付款账户"
    assert _spend(con, "sqb") == pytest.approx(paid.groupby("付款账户")["实收金额"].sum().to_dict())
    assert "失败" in note and "交易状态" in note


def test_jingdouyuns_void_and_unaudited_documents_are_no_spend(con):
    """精斗云's 单据状态: 已作废 is a document voided, 未审核 one not yet posted (a draft, as Xero's DRAFT);
    only 已审核 documents are sales. Under 单据状态 neither was read as a status at all."""
    rows = pd.read_excel(JINGDOUYUN)
    posted = rows[rows["单据状态"] == "已审核"]
    note = _note(con, JINGDOUYUN, "jdy")
    assert _spend(con, "jdy") == pytest.approx(posted.groupby("客户")["价税合计"].sum().to_dict())
    assert "已作废" in note and "未审核" in note and "单据状态" in note


@pytest.mark.parametrize("analysis", [recommend_run.run, basket.run])
def test_a_product_column_with_one_value_is_refused_as_no_product(con, analysis):
    """收钱吧's 商品名 reads 扫码收款 (a QR payment) on every row: recommend served 0 lists with every
    measure null and no word why, and basket said each basket held one item. Both now say the column names
    no product, in its own words."""
    load_file(con, SHOUQIANBA, table="sqb")
    with pytest.raises(CrmError) as refused:
        analysis(con, "sqb")
    said = refused.value.args[0]
    assert "“商品名”每一行都是“扫码收款”" in said.text("zh") and "'商品名'" in said.text("en")
