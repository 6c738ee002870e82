"""Payment ledgers and dates written as text: the same rows on Spark as on DuckDB (spark24)."""

from __future__ import annotations

from crm_core.engine.spark import SparkConnection
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA


def _rows(con, table: str) -> list[tuple]:
    view = transaction_view(con, table, get_roles(con, table))
    return con.execute(f"SELECT customer_id, order_id, ts, round(amount, 6) FROM ({view.sql}) "
                       "ORDER BY order_id, customer_id").fetchall()


def test_a_paypal_ledger_keeps_its_payments_in_dollars_on_spark(ws, spark):
    """PayPal's sales are told by ``regexp_matches(Type, 'payment', 'i')``: SQLGlot dropped the ``'i'``,
    so on Spark "Express Checkout Payment" was no payment and every row was left out (judge28's
    Download.CSV: 0 customers on Spark, 92 on DuckDB). Its foreign payments are converted at the rate
    their conversion rows name, a correlated subquery Spark refused (an aggregate mixing outer and
    inner columns)."""
    with ws.connect() as con:
        table = load_file(con, DATA / "paypal_activity_download.csv", "paypal")[0].table
        duck = _rows(con, table)
        assert _rows(SparkConnection(con, ws.folder, spark), table) == duck
    assert len(duck) > 100 and all(amount is not None for *_, amount in duck)
