"""A quoted value that never closes: DuckDB's serial reader (files with quoted line breaks) loaded
the lines before it and dropped every line after it without a word. Rows are CDNOW_sample's
(customer, day, CDs, dollars) with a comment column, as a web shop's order export writes it."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.quotes import unclosed_quote_line
from crm_core.load.reader import load_file
from crm_core.workspace import store
from tests.load.test_ingest_dialects import CDNOW


def _export(comments: dict[int, str]) -> str:
    """The order export, a comment per line (quoted line breaks and inch marks as shops write)."""
    lines = ["customer_id,order_date,cds,amount,comment"]
    lines += [f"{c},{d},{q},{v},{comments.get(i, 'ok')}" for i, (c, d, q, v) in enumerate(CDNOW)]
    return "\n".join(lines) + "\n"


GIFT = '"gift wrap,\nplease"'
"""A valid quoted comment spanning two lines: the file is read serially."""


def test_an_open_quote_is_refused_naming_its_line_where_rows_were_dropped(con, tmp_path):
    """Line 6 opens a quote never closed: main loaded 5 rows (and the 6th with empty values) and
    said nothing of the other 4."""
    path = tmp_path / "orders.csv"
    path.write_text(_export({1: GIFT, 4: '"left at door, 2 items'}), encoding="utf-8")
    with pytest.raises(CrmError) as refused:
        load_file(con, path, "orders")
    assert say(refused.value.args[0], "en").startswith("orders.csv: line 7 opens a quote")
    assert "第 7 行有一个引号" in say(refused.value.args[0], "zh")
    assert "orders" not in [t.name for t in store.list_tables(con)]


def test_an_open_quote_in_a_gb18030_export_under_a_title_names_the_exports_line(con, tmp_path):
    """A Chinese export is read from a UTF-8 copy without its title line: the line named is the
    export's own."""
    path = tmp_path / "订单.csv"
    text = "订单导出 2024年3月\n" + _export({0: '"礼品包装，\n谢谢"', 8: '"放在门口'})
    path.write_bytes(text.replace("comment", "备注").encode("gb18030"))
    with pytest.raises(CrmError) as refused:
        load_file(con, path, "orders")
    assert "第 12 行" in say(refused.value.args[0], "zh")


def test_valid_quotes_and_inch_marks_still_load_every_row(con, tmp_path):
    """An odd number of quotes (a 12" sleeve inside an unquoted value) with every quoted value
    closed: all ten rows load, line breaks and quotes kept."""
    path = tmp_path / "orders.csv"
    path.write_text(_export({1: GIFT, 3: '12" sleeve', 5: '"said ""thanks"""'}), encoding="utf-8")
    (result,) = load_file(con, path, "orders")
    rows = con.execute("SELECT comment FROM orders").fetchall()
    assert result.rows == 10 and ("gift wrap,\nplease",) in rows
    assert ('12" sleeve',) in rows and ('said "thanks"',) in rows


@pytest.mark.parametrize(("text", "line"), [
    ('a,b\n1,"x\n', 2), ('a,b\n1,"x""\n2,y\n', 2), ('a,b\n1,"x"\n2,12"\n', None),
    ('a;b\n1;"x;y"\n2;"z\n', 3), ('a,b\n"1",""\n"2","""q"""\n3,4" x\n', None),
])
def test_the_scan_pairs_quotes_as_a_csv_reader_does(tmp_path, text, line):
    """Doubled quotes stay inside a value; a quote not at a value's start is text."""
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    assert unclosed_quote_line(path, ";" if ";" in text else ",") == line


def test_an_open_quote_far_below_the_head_is_refused_naming_its_line(con, tmp_path):
    """Beyond the sniffed head the parallel reader meets it: its refusal names the same line in
    the analyst's words, not DuckDB's "Value with unterminated quote found"."""
    lines = ["id,name,amount"] + [f"{i},n{i},{i}.5" for i in range(1, 30001)]
    lines[20000] = '20000,"broken,3.5'
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CrmError) as refused:
        load_file(con, path, "big")
    assert say(refused.value.args[0], "en").startswith("big.csv: line 20001 opens a quote")
