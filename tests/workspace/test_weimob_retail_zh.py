"""judge70: 微盟 智慧零售's 订单导出 leaves a sale out by two status columns, 订单状态
(待付款, 已取消, 交易关闭) and 售后状态 (退款成功 on a 已完成 order); the load note said
"…拒收、退货、失败…或爽约的订单和预约" for every state the app knows instead of naming the
shop's own. Expected values are read from the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

WEIMOB = DATA / "weimob_retail_orders_excerpt_zh.csv"
QIANFAN = DATA / "xiaohongshu_qianfan_orders_excerpt_zh.xlsx"


def test_two_status_columns_name_their_own_states_in_the_load_note(con):
    """Each column's states whose every row is left out are named, in the export's words and counted once."""
    raw = pd.read_csv(WEIMOB, dtype=str, keep_default_na=False)
    order_gone = ["交易关闭", "待付款", "已取消"]
    gone = raw["订单状态"].isin(order_gone) | (raw["售后状态"] == "退款成功")
    notes = load_file(con, WEIMOB, "wm")[0].notes
    [zh] = [say(n, "zh") for n in notes if "不计入" in say(n, "zh")]
    [en] = [say(n, "en") for n in notes if "left out" in say(n, "en")]
    assert zh.startswith(f"{gone.sum()} 行的“订单状态”为")
    assert "，或“售后状态”为“退款成功”（不算销售）" in zh
    assert all(f"“{s}”" in zh for s in order_gone) and "爽约" not in zh
    assert "'退款成功' in '售后状态'" in en and en.endswith(f": {gone.sum()}")
    kept = con.execute("SELECT count(*) FROM wm").fetchone()[0]
    assert kept == len(raw)


def test_partly_refunded_order_lines_are_counted_as_rows_not_payments(con):
    """千帆 repeats an order's 售后状态 部分退款 and its 退款金额 on each of its lines: "有 16 笔仍然有效
    的付款" read as sixteen payments where twelve orders were refunded in part; the note counts rows, as
    its English does."""
    raw = pd.read_excel(QIANFAN, dtype=str, keep_default_na=False)
    part = raw[(raw["订单状态"] == "已完成") & (raw["售后状态"] == "部分退款")]
    assert len(part) > part["订单号"].nunique()
    notes = load_file(con, QIANFAN, "qf")[0].notes
    [zh] = [say(n, "zh") for n in notes if "退过部分款项" in say(n, "zh")]
    assert zh.startswith(f"有 {len(part)} 行") and "笔" not in zh
    assert "“用户实付”减去“退款金额”" in zh


def test_partly_refunded_rows_without_a_refunded_amount_are_said_counted_whole(con):
    """微盟 marks a 售后状态 部分退款 but gives no refunded amount: its rows count at their full money, which
    the load did not say (judge70); it now counts them and says why nothing was taken off."""
    raw = pd.read_csv(WEIMOB, dtype=str, keep_default_na=False)
    kept = raw[raw["订单状态"].isin(["已完成", "待发货"]) & (raw["售后状态"] == "部分退款")]
    assert len(kept) > 0
    notes = load_file(con, WEIMOB, "wm")[0].notes
    [zh] = [say(n, "zh") for n in notes if "部分退款" in say(n, "zh") and "全额" in say(n, "zh")]
    [en] = [say(n, "en") for n in notes if "no refunded amount" in say(n, "en")]
    assert zh.startswith(f"有 {len(kept)} 行的“售后状态”为“部分退款”")
    assert en.startswith(f"{len(kept)} rows kept as sales")


def test_a_partial_refund_with_its_amount_is_not_said_counted_whole(con):
    """千帆 gives the 退款金额: it is taken off (the note above), never said counted whole."""
    notes = load_file(con, QIANFAN, "qf")[0].notes
    assert not [n for n in notes if "no refunded amount" in say(n, "en")]
