r"""Dialect leftovers of earlier passes: a MySQL export that mixes line ends, MySQL's ``\N`` in a
file with no ``\"``, and a title cell left of the table."""

from __future__ import annotations

import openpyxl

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace import store


def _load(con, path):
    (result,) = load_file(con, path)
    return (result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(),
            dict(store.columns_of(con, result.table)))


def _keys(result) -> list[str]:
    return [n.key for n in result.notes]


def test_backslash_escaped_export_with_mixed_line_ends(con, tmp_path):
    r"""``\"`` inside quotes and lines ending ``\r\n`` then ``\n``: each fix alone was tried, the
    two together were refused ("line 2 opens a quote")."""
    path = tmp_path / "orders.csv"
    path.write_bytes(b'id,name,note,amount\r\n1,"Ann","said \\"hi\\"",12.50\n2,"Bob","12\\" vinyl",7\r\n'
                     b'3,"Cy","C:\\\\orders",3\n4,"Di","plain",\\N\r\n')
    result, rows, types = _load(con, path)
    assert rows == [("1", "Ann", 'said "hi"', 12.5), ("2", "Bob", '12" vinyl', 7.0),
                    ("3", "Cy", "C:\\orders", 3.0), ("4", "Di", "plain", None)]
    assert types["amount"] == "DOUBLE"
    said = {"load.note.mixed_line_ends", "load.note.backslash_quotes", "load.note.mysql_nulls"}
    assert said <= set(_keys(result))


def test_mysql_null_without_backslash_quotes_reads_as_empty(con, tmp_path):
    r"""A MySQL dump with ``\N`` but no ``\"`` was read the standard way: ``\N`` stayed text and
    made the amounts text with it."""
    path = tmp_path / "members.tsv"
    path.write_bytes(b"id\tname\tphone\tamount\n1\tAnn\t\\N\t12.5\n2\tBob\t555-1234\t\\N\n3\tCy\t\\N\t3\n")
    result, rows, types = _load(con, path)
    assert types["amount"] == "DOUBLE" and [r[2] for r in rows] == [None, "555-1234", None]
    (said,) = [n for n in result.notes if n.key == "load.note.mysql_nulls"]
    assert said.values["count"] == 3
    assert "\\N" in t(said.key, "zh", **said.values) and "3" in t(said.key, "zh", **said.values)


def test_title_column_left_of_an_excel_table_is_left_out_with_a_note(con, tmp_path):
    """A title in ``A1:A2`` over a table from C5: column A was kept as an empty ``column_1``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = "Sales report 2024", "Exported 2024-03-05"
    for r, row in enumerate([["order_id", "customer", "amount"], [1001, "C1", 12.5], [1002, "C2", 7]], 5):
        for c, value in enumerate(row, 3):
            sheet.cell(r, c, value)
    path = tmp_path / "report.xlsx"
    book.save(path)
    result, rows, types = _load(con, path)
    assert list(types) == ["order_id", "customer", "amount"]
    assert rows == [("1001", "C1", 12.5), ("1002", "C2", 7.0)]
    assert "load.note.empty_first_column" in _keys(result)


def test_title_cell_above_a_csv_table_from_column_b_is_said(con, tmp_path):
    """The same in a CSV: the empty first column was dropped without a word."""
    path = tmp_path / "report.csv"
    path.write_text("Sales report 2024,,,\r\n,order_id,customer,amount\r\n,1001,C1,12.5\r\n,1002,C2,7\r\n")
    result, rows, types = _load(con, path)
    assert list(types) == ["order_id", "customer", "amount"]
    assert "load.note.empty_first_column" in _keys(result)


def test_trailing_delimiter_column_is_dropped_without_a_note(con, tmp_path):
    """A delimiter ending every line (Alipay's bill) stays a silent drop: nothing to check there."""
    path = tmp_path / "bill.csv"
    path.write_text("order_id,amount,\r\n1001,12.5,\r\n1002,7,\r\n")
    result, _, types = _load(con, path)
    assert list(types) == ["order_id", "amount"] and "load.note.empty_first_column" not in _keys(result)
