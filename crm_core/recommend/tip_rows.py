"""A tip is no purchase: 千聊's 订单导出 writes a listener's 打赏 (1–4 元 given under a
course) as a row of its own, its 购买类型 打赏 beside 系列课 / 单课, naming the course (课程名称). Counted as
that course bought, a listener who had only tipped was never offered it and a tip scored as a hit
(judge79). Recommend leaves such rows out; the spend keeps them, as the money was received (segments,
churn and CLV read it as the listener's)."""

from __future__ import annotations

import dataclasses
import re

import duckdb

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import TransactionView

TYPE_HEADER = re.compile(r"^((购买|订单|交易|收入|支付)类型"
                         r"|(purchase|order|transaction|payment|sale)[ _]?type)$", re.IGNORECASE)
"""A column saying what kind of payment a row is (千聊's 购买类型, Ko-fi's ``TransactionType``)."""
TIP = r"(?i)^\s*(打赏|赞赏|tips?)\s*$"
"""Its value on a tip, whole (Ko-fi's ``Monthly Tip`` is a membership paid, not marked so)."""
IDS = ("product_id", "customer_id", "order_id")


def tip_type_column(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> str | None:
    """The text purchase-type column of ``table`` with a row marked a tip; None where there is none."""
    ids = {roles.get(r) for r in IDS}
    for name, dtype in store.columns_of(con, table):
        if name in ids or not dtype.upper().startswith("VARCHAR") or not TYPE_HEADER.match(name.strip()):
            continue
        tips = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE regexp_matches({qi(name)}, '{TIP}')")
        if tips.fetchone()[0]:
            return name
    return None


def without_tips(view: TransactionView) -> TransactionView:
    """``view``, built with the purchase-type column as its ``grp``, less the tip rows and ``grp``."""
    sql = (f"SELECT customer_id, order_id, ts, amount, quantity, unit_price, product_id "
           f"FROM ({view.sql}) AS v WHERE NOT coalesce(regexp_matches(grp, '{TIP}'), false)")
    return dataclasses.replace(view, sql=sql)
