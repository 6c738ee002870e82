"""An order whose after-sale is still open (视频号小店's 订单状态 售后中: a return or refund asked for, not
settled) stays a sale until the refund is made, as judge20 set for 抖音 and 拼多多; the load says how many
rows that is, so revenue above the shop's settled money reads as what it is (judge60, left60)."""

from __future__ import annotations

import duckdb

from crm_core.i18n import Sentence
from crm_core.workspace import store
from crm_core.workspace.events import listed
from crm_core.workspace.invoice_states import STATUS
from crm_core.workspace.role_names import bare_header
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import cancelled_sql

OPEN = ("售后中", "售后处理中")


def after_sale_note(con: duckdb.DuckDBPyConnection, table: str) -> Sentence | None:
    """The load note on rows kept as sales while their after-sale is open, or None when there are none
    (a row another column already says was refunded is left out, so not counted here)."""
    columns = store.columns_of(con, table)
    states = [c for c, dtype in columns if dtype == "VARCHAR" and STATUS.match(bare_header(c))]
    if not states:
        return None
    gone = cancelled_sql(columns, table)
    kept = f" AND NOT coalesce({gone}, false)" if gone else ""
    test = " OR ".join(listed(c, OPEN) for c in states)
    count = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE ({test}){kept}").fetchone()[0]
    return Sentence("load.note.after_sale_kept", count=f"{count:,}") if count else None
