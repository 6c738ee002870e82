"""Workbooks, JSON and Parquet exports as real systems write them (ingest14's second adversarial pass): every
value loads as written and every analysis reads the amounts and customers. Rows are CDNOW_sample's
order lines (customer, day, CDs, dollars), 3,000 of them, the odd value past the sampled rows."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crm_core.load.reader import load_file
from tests.load.test_ingest_dialects import CDNOW
from tests.load.test_report_shapes import view_totals

ROWS = 3_000


def _orders() -> list[dict]:
    """CDNOW's lines as an API's order records, a customer per ten orders."""
    out = []
    for i in range(ROWS):
        c, d, q, v = CDNOW[i % len(CDNOW)]
        out.append({"customer_id": f"C{c}{i % 300:03d}", "order_date": f"{d[:4]}-{d[4:6]}-{d[6:]}",
                    "cds": q, "amount": round(v * (1 + i % 7), 2)})
    return out


def test_a_json_key_holding_numbers_and_text_keeps_every_amount(con, tmp_path):
    """``"amount": 29.33`` in most records and ``"amount": "58.66"`` in some (a PHP API quoting a
    few), a customer id written as a number once: DuckDB typed both keys JSON, so no analysis
    had an amount (the sum was empty) and the number id read ``12345`` beside ``"C…"`` ids, no
    note. Now such a key is its values as written, typed as a CSV's column: DOUBLE, sum exact."""
    records = _orders()
    for i in range(1, ROWS, 3):
        records[i]["amount"] = f"{records[i]['amount']:.2f}"
    records[2_600]["customer_id"] = 12345
    (tmp_path / "orders.json").write_text(json.dumps(records))
    load_file(con, tmp_path / "orders.json", "orders")
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'orders'").fetchall())
    assert types["amount"] == "DOUBLE" and types["customer_id"] == "VARCHAR"
    ids = [r[0] for r in con.execute("SELECT customer_id FROM orders").fetchall()]
    assert ids == [str(r["customer_id"]) for r in records]
    assert view_totals(con, "orders")[4] == pytest.approx(sum(float(r["amount"]) for r in records))


def test_a_parquet_struct_column_is_read_as_its_fields(con, tmp_path):
    """A Parquet extract (Spark, BigQuery) with ``customer: struct<id, name>``: the STRUCT stayed
    one column, the customer role took it whole (``{'id': …, 'name': …}``), so a renamed customer
    was two people. Now its fields are ``customer.id`` and ``customer.name``, as in a JSON file."""
    records = _orders()
    table = pa.table({
        "customer": [{"id": r["customer_id"], "name": f"N{k % 2}-{r['customer_id']}"}
                     for k, r in enumerate(records)],
        "order_date": pa.array([r["order_date"] for r in records]).cast(pa.date32()),
        "lines": [[{"sku": "CD", "qty": r["cds"]}] for r in records],
        "amount": [r["amount"] for r in records]})
    pq.write_table(table, tmp_path / "orders.parquet")
    (result,) = load_file(con, tmp_path / "orders.parquet", "orders")
    ids = [r[0] for r in con.execute('SELECT "customer.id" FROM orders').fetchall()]
    assert ids == [r["customer_id"] for r in records] and result.columns == 5
    assert view_totals(con, "orders")[1] == len({r["customer_id"] for r in records})


@pytest.mark.parametrize("labels", [("Customer", "customer_id", "cds", "Order", "order_date", "amount"),
                                    ("客户", "客户编码", "数量", "订单", "订单日期", "实付金额")])
def test_a_group_label_over_a_field_that_begins_with_it_is_not_repeated(con, tmp_path, labels):
    """A two-row header, ``Customer`` merged over ``customer_id | cds`` and ``Order`` over
    ``order_date | amount`` (a CRM's report layout): the columns were ``Customer customer_id`` and
    ``Order order_date``, no role rule read a customer, and every analysis refused the sheet. Now
    a group label the field below begins with is left out; ``Order`` over ``amount`` stays."""
    import openpyxl

    group, customer, cds, order, day, amount = labels
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([group, None, order, None])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:D1")
    sheet.append([customer, cds, day, amount])
    records = _orders()
    for r in records:
        sheet.append([r["customer_id"], r["cds"], r["order_date"], r["amount"]])
    book.save(tmp_path / "orders.xlsx")
    (result,) = load_file(con, tmp_path / "orders.xlsx", "orders")
    names = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                       "WHERE table_name = 'orders' ORDER BY ordinal_position").fetchall()]
    assert names == [customer, f"{group} {cds}", day, f"{order} {amount}"]
    totals = view_totals(con, "orders")
    assert totals[:2] == (ROWS, len({r["customer_id"] for r in records}))
    assert totals[4] == pytest.approx(sum(r["amount"] for r in records))
