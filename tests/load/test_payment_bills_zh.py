"""A shop's 微信支付 交易账单 (judge29): every value after a backtick, a summary block under the rows,
refunds as rows of their own. Read on the excerpt in tests/data (38 rows of judge29's bill)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from tests.load.test_report_shapes import view_totals

BILL = Path(__file__).resolve().parents[1] / "data" / "wechat_pay_bill_zh.csv"


def _rows() -> tuple[list[dict[str, str]], list[str]]:
    """The bill's rows with the backticks taken off (read by hand), and its summary's values."""
    lines = BILL.read_text(encoding="utf-8-sig").splitlines()
    rows = [{k: v.lstrip("`") for k, v in r.items()} for r in csv.DictReader(lines[:-2])]
    return rows, [v.lstrip("`") for v in lines[-1].split(",")]


def test_a_wechat_pay_bill_is_read_without_its_backticks_or_its_summary(con):
    """The backticks kept every column text (no date, no money: ``cohorts`` refused the bill) and the
    two summary lines (``总交易单数,应结订单总金额,…`` and their values) were read as two more rows."""
    rows, summary = _rows()
    (result,) = load_file(con, BILL)
    assert result.rows == len(rows) == int(summary[0])
    types = dict(con.execute(f"SELECT column_name, data_type FROM information_schema.columns "
                             f"WHERE table_name = '{result.table}'").fetchall())
    assert types["交易时间"] == "TIMESTAMP" and types["应结订单金额"] == "DOUBLE"
    first = con.execute(f'SELECT 交易时间, 商户订单号, 用户标识, 交易状态, 设备号 FROM "{result.table}" '
                        f"ORDER BY 交易时间 LIMIT 1").fetchone()
    assert first[:4] == (dt.datetime.fromisoformat(rows[0]["交易时间"]), rows[0]["商户订单号"],
                         rows[0]["用户标识"], "SUCCESS")
    assert not first[4]  # a lone backtick is an empty value
    roles = get_roles(con, result.table)
    assert (roles["customer_id"], roles["date"], roles["amount"]) == ("用户标识", "交易时间", "应结订单金额")


def test_a_wechat_pay_bills_revenue_is_its_payments_less_its_refunds(con):
    """Money the shop kept: SUCCESS payments less the REFUND rows' 退款金额 (a REFUND row repeats the
    order's amount in 应结订单金额); a REVOKED payment never reached the shop."""
    rows, summary = _rows()
    paid = sum(float(r["应结订单金额"]) for r in rows if r["交易状态"] == "SUCCESS")
    back = sum(float(r["退款金额"]) for r in rows if r["交易状态"] == "REFUND")
    assert (round(paid, 2), round(back, 2)) == (float(summary[1]), float(summary[2]))
    (result,) = load_file(con, BILL)
    def money(r: dict[str, str]) -> float:
        return -float(r["退款金额"]) if r["交易状态"] == "REFUND" else float(r["应结订单金额"])

    kept = _standing([r for r in rows if r["交易状态"] in ("SUCCESS", "REFUND")], "商户订单号", money)
    assert view_totals(con, result.table) == (
        len(kept), len({r["用户标识"] for r in kept}), dt.date(2024, 1, 1), dt.date(2024, 1, 10),
        round(paid - back, 2))


def _standing(rows: list[dict[str, str]], order: str, money) -> list[dict[str, str]]:
    """The rows of orders a refund row did not take back in full (left27: such an order is no purchase;
    its money nets to 0.00, so the revenue is the same)."""
    net: dict[str, float] = {}
    for r in rows:
        net[r[order]] = net.get(r[order], 0.0) + money(r)
    refunded = {r[order] for r in rows if money(r) < 0 and abs(net[r[order]]) <= 0.005}
    return [r for r in rows if r[order] not in refunded]


LEDGER = Path(__file__).resolve().parents[1] / "data" / "alipay_ledger_zh.csv"


def test_an_alipay_ledgers_revenue_is_its_trades_less_refunds_and_no_withdrawal_or_fee(con):
    """支付宝 账务明细: 交易 money in, 退款 and 服务费 and 提现 (to the shop's bank) money out under 业务类型.
    The refunds were left out as rows without 收入, so the refunded trades stayed whole; the fee's and
    the bank's rows stayed in as customers (支付宝（中国）网络技术有限公司, 招商银行) without money."""
    text = LEDGER.read_text(encoding="gb18030").splitlines()
    rows = list(csv.DictReader(line for line in text if not line.startswith("#")))
    trades = [r for r in rows if r["业务类型"] == "交易"]
    refunds = sum(float(r["支出金额（-元）"]) for r in rows if r["业务类型"] == "退款")
    kept = round(sum(float(r["收入金额（+元）"]) for r in trades) - refunds, 2)
    (result,) = load_file(con, LEDGER)
    assert result.rows == len(rows) == 432
    moves = [r for r in rows if r["业务类型"] in ("交易", "退款")]
    standing = _standing(moves, "商户订单号", lambda r: float(r["收入金额（+元）"] or 0)
                         - float(r["支出金额（-元）"] or 0))
    assert view_totals(con, result.table) == (len(standing), len({r["对方名称"] for r in standing if
                                                                 r["业务类型"] == "交易"}),
                                              dt.date(2024, 1, 1), dt.date(2024, 1, 15), kept)
    assert any(n.text("zh").startswith("213 行是店铺自己的资金往来") for n in result.notes), result.notes
