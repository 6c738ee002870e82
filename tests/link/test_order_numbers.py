"""A shop's payment bills name its orders (judge29): 微信支付's 交易账单 and 支付宝's 账务明细 carry the 微店
订单号 as 商户订单号. One order has one buyer, so a payment naming an order is that order's buyer, whatever
names or masked phones say; a row that is no buyer's payment (支付宝's 服务费, a refund paid to someone else)
names the order too and must join no one. A 微店 buyer is her phone (the excerpts' truth)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.rekey import rekey
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"


def _buyers(con, result) -> pd.DataFrame:
    """Each 微店 order's buyer (phone) and customer key, through ``--rekey``'s copy of the orders."""
    rekey(con, "wd", result)
    return con.execute("SELECT CAST(订单号 AS VARCHAR) AS order_no, CAST(手机号 AS VARCHAR) AS phone, "
                       "customer_key FROM wd_by_customer").df()


def _people_per_key(buyers: pd.DataFrame, payers: pd.DataFrame) -> pd.Series:
    """How many 微店 buyers each customer key holds, the payers' keys counted with their orders' buyers."""
    paid = payers.merge(buyers[["order_no", "phone"]], on="order_no")
    both = pd.concat([buyers[["customer_key", "phone"]], paid[["customer_key", "phone"]]])
    return both.groupby("customer_key")["phone"].nunique()


def _load_wechat(con, tmp_path, bill: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 微信 bill (as given, or ``bill`` written back in its backticks) and the 微店 excerpt."""
    path = DATA / "wechat_pay_bill_zh.csv"
    if bill is not None:
        path = tmp_path / "微信支付交易账单.csv"
        bill.to_csv(path, index=False, encoding="utf-8-sig")
    load_file(con, path, table="wx")
    load_file(con, DATA / "weidian_orders_excerpt_zh.xlsx", table="wd")
    return con.execute("SELECT CAST(商户订单号 AS VARCHAR) AS order_no, 用户标识 AS payer, 交易状态 AS state "
                       "FROM wx").df()


def _payer_keys(result, table: str, rows: pd.DataFrame) -> pd.DataFrame:
    key = result.identity[result.identity["table"] == table].set_index("record_id")["customer_key"]
    return rows.assign(customer_key=rows["payer"].map(key))


def test_a_wechat_payment_is_the_buyer_of_the_weidian_order_it_names(con, tmp_path):
    """main refused the bill: it holds no name, phone or e-mail, only the openid and the order number."""
    bill = _load_wechat(con, tmp_path)
    result = run(con, ["wx", "wd"], LinkConfig())
    buyers = _buyers(con, result)
    paid = _payer_keys(result, "wx", bill[bill["state"] == "SUCCESS"])
    joined = paid.merge(buyers, on="order_no", suffixes=("_payer", "_buyer"))
    assert len(joined) == 28
    assert (joined["customer_key_payer"] == joined["customer_key_buyer"]).all()
    assert _people_per_key(buyers, paid).max() == 1


def test_a_refund_paid_to_someone_else_joins_no_two_buyers(con, tmp_path):
    """A REFUND row names its order; written under another buyer's openid, it is still no payment of
    that buyer: read as one, the other buyer's openid held both orders and the two buyers became one."""
    bill = pd.read_csv(DATA / "wechat_pay_bill_zh.csv", dtype=str, keep_default_na=False)
    states = bill["交易状态"].str.lstrip("`")
    sold = bill.loc[states == "SUCCESS"].set_index(bill.loc[states == "SUCCESS", "商户订单号"])["用户标识"]
    refund = bill.index[(states == "REFUND") & bill["商户订单号"].isin(sold.index)][0]
    other = sold[sold != sold[bill.loc[refund, "商户订单号"]]].iloc[0]
    bill.loc[refund, "用户标识"] = other
    rows = _load_wechat(con, tmp_path, bill)
    result = run(con, ["wx", "wd"], LinkConfig())
    buyers = _buyers(con, result)
    paid = _payer_keys(result, "wx", rows)
    assert _people_per_key(buyers, paid[paid["state"] == "SUCCESS"]).max() == 1
    assert _people_per_key(buyers, paid).max() == 1


def test_an_alipay_ledgers_fee_rows_join_no_buyers(con):
    """Every 服务费 row names its order under 支付宝's own account: read as a payer, that account held all
    the ledger's orders and made their buyers one customer."""
    load_file(con, DATA / "alipay_ledger_zh.csv", table="ali")
    load_file(con, DATA / "weidian_orders_excerpt_zh.xlsx", table="wd")
    ledger = con.execute("SELECT trim(CAST(商户订单号 AS VARCHAR)) AS order_no, 对方名称 AS payer FROM ali "
                         "WHERE 业务类型 = '交易'").df()
    result = run(con, ["ali", "wd"], LinkConfig())
    buyers = _buyers(con, result)
    paid = _payer_keys(result, "ali", ledger)
    joined = paid.merge(buyers, on="order_no", suffixes=("_payer", "_buyer"))
    assert len(joined) == 211
    assert (joined["customer_key_payer"] == joined["customer_key_buyer"]).mean() > 0.95
    assert _people_per_key(buyers, paid).max() == 1
