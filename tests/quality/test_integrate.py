"""Union with column matching and join with its report, on tiny tables and the sample data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crm_core.errors import CrmError
from crm_core.quality.integrate import join_tables, normalise_name, union_tables
from crm_core.workspace import store
from tests.conftest import ROOT


def test_normalise_name():
    assert normalise_name(" Order ID") == normalise_name("order_id") == normalise_name("Order-Id")


def test_union_matches_columns_ignoring_case_and_spacing(con):
    store.write_table(con, "jan", "SELECT * FROM (VALUES ('1', 2, 'web')) v(\"Order ID\", qty, channel)",
                      roles={"order_id": "Order ID", "quantity": "qty"})
    store.write_table(con, "feb",
                      "SELECT * FROM (VALUES ('7', '3', 'x'), ('8', '1', 'y')) v(order_id, QTY, note)")
    report = union_tables(con, ["jan", "feb"], "months")
    assert report["rows"] == 3
    assert report["columns"] == ["Order ID", "qty", "channel", "note"]
    assert report["missing"] == {"channel": ["feb"], "note": ["jan"]}
    assert report["renamed"] == {"feb": {"order_id": "Order ID", "QTY": "qty"}}
    assert report["type_changes"] == {"qty": "VARCHAR"}
    rows = con.execute('SELECT "Order ID", qty, channel, note, source_table FROM months').fetchall()
    assert rows == [("1", "2", "web", None, "jan"), ("7", "3", None, "x", "feb"),
                    ("8", "1", None, "y", "feb")]
    assert store.saved_roles(con, "months") == {"order_id": "Order ID", "quantity": "qty"}


def test_union_errors(con):
    store.write_table(con, "a", "SELECT 1 AS x")
    store.write_table(con, "b", "SELECT 1 AS y")
    with pytest.raises(CrmError, match="at least two"):
        union_tables(con, ["a"], "u")
    with pytest.raises(CrmError, match="no column in common"):
        union_tables(con, ["a", "b"], "u")
    store.write_table(con, "a2", "SELECT 2 AS X")
    with pytest.raises(CrmError, match="cannot overwrite an input"):
        union_tables(con, ["a", "a2"], "a")


def test_join_report_orphans_duplicates_and_no_row_multiplication(con):
    store.write_table(con, "tx", """SELECT * FROM (VALUES ('c1', 'p1', 10.0), ('c2', 'p1', 5.0),
        ('c9', 'p2', 1.0), (NULL, 'p2', 2.0), ('c9', 'p3', 3.0)) v(customer_id, product_id, amount)""",
                      roles={"customer_id": "customer_id", "product_id": "product_id", "amount": "amount"})
    store.write_table(con, "cust", """SELECT * FROM (VALUES ('c1', 'Ann', 'web'), ('c2', 'Bo', 'app'),
        ('c2', 'Bo again', 'app'), ('c3', 'Cy', 'web')) v(customer_id, name, amount)""",
                      roles={"customer_id": "customer_id", "name": "name"})
    store.write_table(con, "prod",
                      "SELECT * FROM (VALUES ('p1', 'Tea'), ('p2', 'Mug')) v(product_id, category)",
                      roles={"product_id": "product_id", "category": "category"})
    report = join_tables(con, "tx", "cust", "prod", into="wide")
    assert report["rows"] == 5
    cust, prod = report["joins"]
    assert (cust["rows_matched"], cust["rows_orphan"], cust["rows_without_key"]) == (2, 2, 1)
    assert cust["orphan_keys"] == 1 and cust["orphan_examples"] == ["c9"]
    assert cust["duplicate_keys"] == 1 and cust["duplicate_examples"] == ["c2"]
    assert cust["rows_multiplication_avoided"] == 1 and cust["unused_keys"] == 1
    assert (prod["rows_matched"], prod["rows_orphan"], prod["orphan_examples"]) == (4, 1, ["p3"])
    rows = con.execute("SELECT customer_id, name, cust_amount, category FROM wide").fetchall()
    assert rows == [("c1", "Ann", "web", "Tea"), ("c2", "Bo", "app", "Tea"), ("c9", None, None, "Mug"),
                    (None, None, None, "Mug"), ("c9", None, None, None)]
    roles = store.saved_roles(con, "wide")
    assert roles["amount"] == "amount" and roles["name"] == "name" and roles["category"] == "category"


def test_join_needs_roles(con):
    store.write_table(con, "tx", "SELECT 1 AS x", roles={})
    store.write_table(con, "cust", "SELECT 'a' AS customer_id", roles={"customer_id": "customer_id"})
    with pytest.raises(CrmError, match="no customer_id column"):
        join_tables(con, "tx", "cust")
    with pytest.raises(CrmError, match="customers table, a products table"):
        join_tables(con, "tx")


def test_cli_join_on_the_sample_data(sample_ws):
    proc = subprocess.run([sys.executable, "-m", "crm_core", "join", "orders", "--customers", "customers",
                           "--products", "products", "--workspace", str(sample_ws.folder)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    with sample_ws.connect() as con:
        total, guests = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE customer_id IS NULL) FROM orders").fetchone()
    assert report["rows"] == total
    assert report["joins"][0]["rows_without_key"] == guests
    assert report["joins"][0]["rows_matched"] == total - guests


def test_cli_union_bad_table_exits_1(sample_ws, capsys):
    from crm_core.cli import main

    assert main(["union", "orders", "nope", "--into", "x", "--workspace", str(sample_ws.folder)]) == 1
    assert "nope" in capsys.readouterr().err


def _olist(folder, orders: int = 600, people: int = 400, seed: int = 3):
    """Olist's shape: ``customer_id`` is new on every order, ``customer_unique_id`` is the person;
    order lines and payments carry only the ``order_id``."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    order_ids = [f"{i:032x}" for i in rng.integers(1, 2**62, orders)]
    customer_ids = [f"{i:032x}" for i in rng.integers(1, 2**62, orders)]
    person = [f"{i:032x}" for i in rng.integers(1, 2**62, people)]
    when = pd.Timestamp("2017-01-05") + pd.to_timedelta(rng.random(orders) * 500, unit="D")
    pd.DataFrame({"order_id": order_ids, "customer_id": customer_ids, "order_status": "delivered",
                  "order_purchase_timestamp": when.strftime("%Y-%m-%d %H:%M:%S")}
                 ).to_csv(folder / "olist_orders_dataset.csv", index=False)
    pd.DataFrame({"customer_id": customer_ids, "customer_unique_id": rng.choice(person, orders),
                  "customer_zip_code_prefix": [f"{z:05d}" for z in rng.integers(1000, 99999, orders)],
                  "customer_city": "sao paulo", "customer_state": "SP"}
                 ).to_csv(folder / "olist_customers_dataset.csv", index=False)
    pd.DataFrame({"order_id": order_ids, "order_item_id": 1,
                  "product_id": [f"{i:032x}" for i in rng.integers(1, 60, orders)],
                  "shipping_limit_date": (when + pd.Timedelta("6D")).strftime("%Y-%m-%d %H:%M:%S"),
                  "price": np.round(rng.lognormal(4.3, 0.8, orders), 2),
                  "freight_value": np.round(rng.lognormal(2.8, 0.5, orders), 2)}
                 ).to_csv(folder / "olist_order_items_dataset.csv", index=False)


def test_olist_lines_join_their_orders_and_count_people(con, tmp_path):
    """Order lines meet the orders table on the order id; the person id takes the customer role,
    so segments count people, not orders, and the line's order date is the purchase timestamp."""
    from crm_core.load.reader import load_file
    from crm_core.segment.cohorts import run as cohorts

    _olist(tmp_path)
    for name in ("orders", "customers", "order_items"):
        load_file(con, tmp_path / f"olist_{name}_dataset.csv", table=name)
    orders = join_tables(con, "orders", "customers", into="orders_people")
    assert orders["customer_id"]["column"] == "customer_unique_id"
    assert orders["customer_id"]["ids"] == orders["customer_id"]["orders"] == 600
    assert "customer_unique_id" in orders["note"] and "600" in orders["note"].text("zh")
    lines = join_tables(con, "order_items", "orders_people", into="lines")
    assert lines["joins"][0]["on"] == ["order_id", "order_id"] and lines["joins"][0]["rows_matched"] == 600
    roles = store.saved_roles(con, "lines")
    assert roles["customer_id"] == "customer_unique_id" and roles["date"] == "order_purchase_timestamp"
    people = con.execute("SELECT count(DISTINCT customer_unique_id) FROM lines").fetchone()[0]
    assert cohorts(con, "lines").summary()["customers"] == people < 600
