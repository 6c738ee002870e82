"""One customer's page reads the purchase log in one pass: the log's dense date range
(``events.dense_range``) is computed once per table as loaded (the page sorted every stamp twice,
2.4 s each at 20M lines; a reload, a write or new roles compute it anew), and an id no link run
covered reads its order lines once, not once to know it and again to show them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.link import customer360
from crm_core.load.reader import load_file


def order_lines(path: Path, year: int, seed: int = 5) -> Path:
    """2,000 CDNOW-like order lines of 40 customers over ``year``, and one line stamped 1970
    (a stray date the view leaves out), written as the CSV an analyst loads."""
    rng = np.random.default_rng(seed)
    days = pd.Timestamp(f"{year}-01-01") + pd.to_timedelta(rng.integers(0, 365, 2000), unit="D")
    frame = pd.DataFrame({"customer_id": [f"{c:05d}" for c in rng.integers(1, 41, 2000)],
                          "order_date": days.strftime("%Y-%m-%d"),
                          "quantity": rng.integers(1, 5, 2000),
                          "amount": rng.integers(500, 9000, 2000) / 100})
    frame.loc[0, ["customer_id", "order_date"]] = ["00099", "1970-01-01"]
    frame.to_csv(path, index=False)
    return path


def logged(con, start: str) -> int:
    """Queries starting with ``start`` that the connection ran, from DuckDB's own query log."""
    return con.execute("SELECT count(*) FROM duckdb_logs WHERE type = 'QueryLog' "
                       "AND starts_with(message, ?)", [start]).fetchone()[0]


def sorts(con) -> int:
    """Queries that sorted the log's stamps for its dense range."""
    return logged(con, "SELECT quantile_disc(ts, [0.001, 0.999])")


@pytest.fixture
def con(ws):
    """A workspace connection whose queries DuckDB logs."""
    with ws.connect() as connection:
        connection.execute("CALL enable_logging('QueryLog')")
        yield connection
        connection.execute("CALL disable_logging()")


def test_a_customers_page_sorts_the_logs_stamps_once(con, tmp_path):
    """The CLI's ``customer`` built the transaction view for the orders and again for the products
    table's look-up, each sorting every stamp; now once, and a second look-up not at all."""
    load_file(con, order_lines(tmp_path / "orders.csv", 2024), "orders")
    first = customer360.view(con, "00001")
    assert sorts(con) == 1
    second = customer360.view(con, "00002")
    assert sorts(con) == 1
    assert first["orders"]["rows"] and second["orders"]["rows"]
    assert {str(r["ts"])[:4] for r in first["orders"]["rows"]} == {"2024"}


def test_a_reloaded_log_is_read_with_its_own_dates(con, tmp_path):
    """The range kept for the 2024 log would leave out every line of a reload dated 2010: the
    reload is a new table, so its range is computed and the customer's 2010 orders are shown."""
    load_file(con, order_lines(tmp_path / "orders.csv", 2024), "orders")
    before = customer360.orders(con, ["00001"], "orders")["rows"]
    load_file(con, order_lines(tmp_path / "orders_2010.csv", 2010), "orders", replace=True)
    after = customer360.orders(con, ["00001"], "orders")["rows"]
    assert {str(r["ts"])[:4] for r in before} == {"2024"}
    assert len(after) == len(before) and {str(r["ts"])[:4] for r in after} == {"2010"}
    assert customer360.orders(con, ["00099"], "orders")["rows"] == []  # 1970 is still left out
    customer360.orders(con, ["00002"], "orders")
    assert sorts(con) == 2  # once per table as loaded


def test_an_id_no_link_run_covered_reads_its_order_lines_once(ws, capsys, tmp_path):
    """With linked exports, a purchase log's own id was looked up in the log to know it, then read
    again to show its lines: two scans of the whole log for one page."""
    from tests.link.test_customer360 import _linked_exports

    _linked_exports(ws, capsys, 40, seed=3)
    with ws.connect() as con:
        load_file(con, order_lines(tmp_path / "orders.csv", 2024), "orders")
        con.execute("CALL enable_logging('QueryLog')")
        found = customer360.view(con, "00001", "orders")
        scans = logged(con, "SELECT ts, order_id, product_id, quantity, amount FROM")
        con.execute("CALL disable_logging()")
    assert found["customer_key"] is None and found["orders"]["rows"]
    assert scans == 1
