"""One customer's page reads the purchase log in one pass: the log's dense date range
(``events.dense_range``) is computed once per table as loaded (the page sorted every stamp twice,
2.4 s each at 20M lines; a reload, a write or new roles compute it anew), an id no link run
covered reads its order lines once, not once to know it and again to show them, the purchase
logs are found without counting every distinct id, and the customer's lines are picked on the raw
id column before the view's columns are built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import SAMPLE_LINES, detect_kind, kind_of
from crm_core.workspace.transactions import named_products, transaction_view


def order_lines(path: Path, year: int, seed: int = 5, lines: int = 2000) -> Path:
    """``lines`` CDNOW-like order lines of 40 customers over ``year``, and one line stamped 1970
    (a stray date the view leaves out), written as the CSV an analyst loads."""
    rng = np.random.default_rng(seed)
    days = pd.Timestamp(f"{year}-01-01") + pd.to_timedelta(rng.integers(0, 365, lines), unit="D")
    frame = pd.DataFrame({"customer_id": [f"{c:05d}" for c in rng.integers(1, 41, lines)],
                          "order_date": days.strftime("%Y-%m-%d"),
                          "quantity": rng.integers(1, 5, lines),
                          "amount": rng.integers(500, 9000, lines) / 100})
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
        scans = logged(con, "SELECT ts, order_id, product_id, quantity, CASE")  # left41: a line's own amount
        con.execute("CALL disable_logging()")
    assert found["customer_key"] is None and found["orders"]["rows"]
    assert scans == 1


def test_the_purchase_logs_are_found_without_counting_every_distinct_id(con, tmp_path):
    """``orders_sources`` asked ``detect_kind`` for each table, which counted every distinct id of
    the log (12 s wall at 20M lines) to learn what the first lines already show: ids repeat."""
    load_file(con, order_lines(tmp_path / "orders.csv", 2024, lines=SAMPLE_LINES + 5000), "orders")
    assert customer360.orders_sources(con) == ["orders"]
    key = "NULLIF(trim(CAST(\"customer_id\" AS VARCHAR)), '')"
    assert logged(con, f"SELECT count(*), count({key}), count(DISTINCT {key}) FROM \"orders\"") == 0
    assert detect_kind(con, "orders").customers == 41  # the page's kind, with its counts, still counts


def _shapes(tmp_path: Path) -> dict[str, pd.DataFrame]:
    """Tables whose first lines decide nothing, beside ones they do: each customer's first order
    listed before any repeat (no id repeats in the sample), refunds the only repeats (the view
    leaves them out), two customers only, a customer list, a row-numbered sales table, an event log."""
    n = SAMPLE_LINES + 500
    firsts = pd.DataFrame({"customer_id": [f"C{i}" for i in range(n)] + ["C1"] * 10,
                           "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(n + 10) % 300, "D"),
                           "amount": 10.0})
    refunds = pd.DataFrame({"customer_id": [f"C{i // 2}" for i in range(40)],
                            "date": pd.Timestamp("2024-03-01"), "Financial Status": ["paid", "refunded"] * 20,
                            "total": 12.5})
    return {"firsts_first": firsts, "refunds": refunds,
            "two": firsts.head(20).assign(customer_id=["A", "B"] * 10),
            "members": pd.DataFrame({"member_id": [f"M{i}" for i in range(50)], "city": "杭州"}),
            "sales": pd.DataFrame({"id": range(30), "date": pd.Timestamp("2013-01-01"), "sales": 3.5}),
            "visits": pd.DataFrame({"visitor_id": ["v1", "v2", "v3", "v1"] * 10,
                                    "ts": pd.Timestamp("2024-01-01"), "page_url": "/home"})}


def test_the_kind_found_from_the_first_lines_is_the_counted_kind(con, tmp_path):
    """``kind_of`` decides every kind ``detect_kind`` does, on tables its first lines settle and
    on ones they do not (then it counts, as before), and on every test export that loads."""
    from crm_core.errors import CrmError

    for name, frame in _shapes(tmp_path).items():
        store.write_frame(con, name, frame)
    for path in sorted((Path(__file__).parents[1] / "data").glob("*.csv")) + [
            Path(__file__).parents[1] / "data" / "purchase_log.txt"]:
        try:
            load_file(con, path, path.stem)
        except CrmError:
            continue  # refused exports (empty, damaged) have no kind
    load_file(con, order_lines(tmp_path / "orders.csv", 2024, lines=SAMPLE_LINES + 5000), "orders")
    kinds = {t.name: detect_kind(con, t.name).kind for t in store.list_tables(con)}
    assert {name: kind_of(con, name) for name in kinds} == kinds
    assert len(kinds) > 20 and set(kinds.values()) == {"transactions", "customers", "events"}
    assert [kinds[n] for n in ("firsts_first", "two", "members")] == ["transactions"] * 2 + ["customers"]


def test_a_customers_lines_are_picked_on_the_raw_id_column_first(con, tmp_path):
    """The view built every line's id (trim, then a regular expression dropping ``.0``) before the
    look-up picked the customer's: the log's scan now tests the raw column first (DuckDB's own plan
    of the query shows it), and the lines are the same, for ids written with ``.0``, padded, or
    part of another id."""
    ids = ["13085.0", " 00042 ", "42", "13085", "VIP-客户7", None, ""]
    store.write_frame(con, "orders", pd.DataFrame({
        "customer_id": ids * 30, "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(
            np.arange(210), unit="D"), "amount": np.arange(210) / 4}))
    roles = named_products(get_roles(con, "orders"))
    plain = transaction_view(con, "orders", roles).sql
    for asked in (["13085"], ["42"], ["00042"], ["VIP-客户7", "42"], ["nobody"]):
        want = con.execute(f"SELECT ts, order_id, product_id, quantity, amount FROM ({plain}) "
                           f"WHERE list_contains(?::VARCHAR[], customer_id) ORDER BY ts", [asked]).df()
        got = pd.DataFrame(customer360.orders(con, asked, "orders")["rows"], columns=want.columns)
        pd.testing.assert_frame_equal(got, want, check_dtype=False)
    picked = transaction_view(con, "orders", roles, ids=["13085"])
    plan = con.execute(f"EXPLAIN SELECT * FROM ({picked.sql}) WHERE list_contains(?::VARCHAR[], customer_id)",
                       [*picked.params, ["13085"]]).fetchall()[0][1]
    assert "contains(customer_id, '13085')" in plan
    assert picked.sql != plain and transaction_view(con, "orders", roles).sql == plain
