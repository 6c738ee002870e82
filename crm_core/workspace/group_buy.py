"""A group-buy export's order (judge60's 快团团 团购订单导出): each 团购 numbers its orders
跟团号 1, 2, 3 … again, so 跟团号 alone is no order id (read as one, every 团购's order 1 would be one
order) and the order is the pair 团购标题 + 跟团号. Without it each member's day counted as one order: two
orders of a day were one."""

from __future__ import annotations

import re

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

NUMBER = re.compile(r"^跟团(号|序号|编号)$")
TITLE = re.compile(r"^(团购|活动|接龙)(标题|名称)$")


def order_columns(columns: list[str]) -> tuple[str, str] | None:
    """(团购标题, 跟团号): the two columns that make the order, or None when the table has not both."""
    number = next((c for c in columns if NUMBER.match(c.strip())), None)
    title = next((c for c in columns if TITLE.match(c.strip())), None)
    return (title, number) if number and title else None


def order_sql(columns: list[str]) -> str | None:
    """SQL of the order as 团购标题 + 跟团号, or None when the table has not both columns."""
    pair = order_columns(columns)
    if pair is None:
        return None
    return f"(CAST({qi(pair[0])} AS VARCHAR) || ' #' || CAST({qi(pair[1])} AS VARCHAR))"


def needs(con, table: str, needed: tuple[str, ...]) -> tuple[str, ...]:
    """``needed`` without the order id when the table's orders are its 团购's numbered ones."""
    if "order_id" not in needed or order_sql([c for c, _ in store.columns_of(con, table)]) is None:
        return needed
    return tuple(r for r in needed if r != "order_id")
