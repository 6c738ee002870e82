r"""Quoting other than RFC 4180's (ingest14): MySQL ``INTO OUTFILE`` / PHP exports escaping a quote
as ``\"`` and writing no value as ``\N``, and exports quoting with ``'``. CDNOW_sample's order lines
(customer, day, CDs, dollars), 2,500 of them, so a quote past the 2,000 sampled rows counts too."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from tests.load.test_adversarial_exports import FAULT, ROWS, _orders
from tests.load.test_report_shapes import view_totals

HEADER = "customer_id,order_date,cds,amount,comment"


def _mysql_line(row: list[str]) -> str:
    r"""One row as MySQL's ``FIELDS TERMINATED BY ',' ENCLOSED BY '"' ESCAPED BY '\\'`` writes it:
    every value quoted, ``"`` and ``\`` escaped with ``\``, no value as a bare ``\N``."""
    def value(v: str | None) -> str:
        return r"\N" if v is None else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return ",".join(value(v) for v in row)


def _comments() -> list[str | None]:
    """Remarks as a shop writes them: quotes, an inch mark, a Windows path, and none at all."""
    kinds = ['He said "leave it at the door"', '12" vinyl, sleeve torn', r"see C:\orders\1997",
             None, "ok"]
    return [kinds[i % len(kinds)] for i in range(ROWS)]


@pytest.mark.parametrize("first_quote", [3, FAULT])
def test_a_mysql_outfile_export_loads_every_value_as_written(con, tmp_path, first_quote):
    r"""MySQL's backslash-escaped export was refused as "line 2 opens a quote that no later quote
    closes". Now every row loads, ``\"`` a quote and ``\\`` a backslash, ``\N`` empty, with notes;
    also when the first ``\"`` comes past the sampled rows."""
    rows: list[list[str | None]] = _orders()
    comments = _comments()
    comments[:first_quote] = ["ok"] * first_quote
    for row, comment in zip(rows, comments, strict=True):
        row[4] = comment
    rows[FAULT + 3][3] = None  # an order without its amount
    text = "\n".join([HEADER] + [_mysql_line(r) for r in rows]) + "\n"
    (tmp_path / "orders.csv").write_text(text)
    (result,) = load_file(con, tmp_path / "orders.csv", "orders")
    loaded = con.execute("SELECT customer_id, comment, amount FROM orders").fetchall()
    assert [(r[0], r[4]) for r in rows] == [(c, m) for c, m, _a in loaded]
    assert sum(a for *_x, a in loaded if a is not None) == pytest.approx(
        sum(float(r[3]) for r in rows if r[3] is not None))
    assert view_totals(con, "orders")[1] == ROWS
    said = [str(n) for n in result.notes]
    nulls = comments.count(None) + 1
    assert said[:2] == [
        "quotes inside quoted values are written with a backslash (\\\" and \\\\, as MySQL and PHP "
        "exports write them): read as the quote and backslash they stand for",
        f"values written \\N (MySQL's mark for no value) read as empty: {nulls}"]
    assert result.notes[1].text("zh") == f"有 {nulls} 个值写作 \\N（MySQL 表示空值的写法），已按空值读取"


def test_an_rfc_export_with_a_backslash_before_a_closing_quote_keeps_its_backslash(con, tmp_path):
    r"""A standard export whose value ends in a backslash (``"C:\orders\"``) and doubles its quotes
    is read as before: the backslash is text, never an escape."""
    rows = _orders()
    rows[5][4], rows[FAULT][4] = '"C:\\orders\\"', '"He said ""hi"""'
    (tmp_path / "orders.csv").write_text("\n".join([HEADER] + [",".join(r) for r in rows]) + "\n")
    (result,) = load_file(con, tmp_path / "orders.csv", "orders")
    comments = [r[0] for r in con.execute("SELECT comment FROM orders").fetchall()]
    assert comments[5] == "C:\\orders\\" and comments[FAULT] == 'He said "hi"'
    assert not any("backslash" in str(n) for n in result.notes)


def test_a_backslash_export_with_a_quote_left_open_is_still_refused_naming_its_line(con, tmp_path):
    r"""Read either way, a quote that never closes is refused naming its line, not loaded."""
    rows = [_mysql_line(r) for r in _orders()]
    rows[3] = rows[3].replace('"ok"', r'"He said \"hi\""')
    rows[FAULT] = rows[FAULT].replace('"ok"', '"left at door')
    (tmp_path / "orders.csv").write_text("\n".join([HEADER] + rows) + "\n")
    with pytest.raises(CrmError, match=f"line {FAULT + 2} opens a quote"):
        load_file(con, tmp_path / "orders.csv", "orders")
    assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'orders'").fetchone()[0]


def _single_quoted(row: list[str]) -> str:
    """Text values in ``'…'`` (a ``'`` inside doubled), numbers bare, as some exporters write them."""
    return ",".join(v if v.replace(".", "").isdigit() else "'" + v.replace("'", "''") + "'" for v in row)


@pytest.mark.parametrize("names", [["Smith, John", "O'Brien, Pat", "Lee", "Müller, Jörg"],
                                   ["Smith", "O'Brien", "Lee", "Müller"]])
def test_an_export_quoting_with_single_quotes_loads_its_names_whole(con, tmp_path, names):
    """``'Smith, John',12.50``: the comma inside split the name and the row had a field too many,
    so the file was refused; names without a comma kept their quotes (``'Lee'``). Now a file
    quoted with ``'`` throughout is read with that quote."""
    rows = _orders()
    for i, row in enumerate(rows):
        row[4] = names[i % len(names)]
    text = "\n".join(["customer_id,order_date,cds,amount,name"] + [_single_quoted(r) for r in rows])
    (tmp_path / "orders.csv").write_text(text + "\n")
    load_file(con, tmp_path / "orders.csv", "orders")
    loaded = con.execute("SELECT customer_id, name, amount FROM orders").fetchall()
    assert [(r[0], r[4], float(r[3])) for r in rows] == loaded


def test_an_apostrophe_or_a_quoted_word_does_not_make_single_quotes_the_quote(con, tmp_path):
    """``O'Brien`` unquoted and an occasional ``'urgent'`` remark in a standard export: the
    values stay as written, quotes and all."""
    rows = _orders()
    rows[3][4], rows[7][4], rows[FAULT][4] = "O'Brien", "'urgent'", "'Smith"
    (tmp_path / "orders.csv").write_text("\n".join([HEADER] + [",".join(r) for r in rows]) + "\n")
    load_file(con, tmp_path / "orders.csv", "orders")
    comments = [r[0] for r in con.execute("SELECT comment FROM orders").fetchall()]
    assert comments == [r[4] for r in rows]
