"""Exports as real systems write them (ingest9's adversarial pass): JSON lines with a broken line,
Excel day numbers in a CSV, SAP / ERP money headers. Rows are CDNOW_sample's (customer, day,
CDs, dollars), written in each system's dialect."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from tests.load.test_report_shapes import view_totals

CDNOW = [("00004", "19970101", 2, 29.33), ("00133", "19970302", 1, 15.99), ("00256", "19970414", 1, 29.99),
         ("00958", "19970104", 8, 117.10), ("01668", "19970515", 2, 41.95), ("02903", "19980124", 2, 24.48),
         ("05444", "19980316", 3, 29.97), ("11593", "19970211", 1, 16.70), ("21853", "19970318", 1, 11.77),
         ("23523", "19980222", 1, 14.49)]
"""Ten real lines of CDNOW_sample: customer, day, number of CDs, dollar value."""


def _day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y%m%d").date()


TRUTH = (10, 10, dt.date(1997, 1, 1), dt.date(1998, 3, 16), 331.77)


def _json_lines(rows=CDNOW) -> list[str]:
    return [json.dumps({"customer_id": c, "order_date": f"{_day(d)} 10:00:00", "cds": q, "amount": v})
            for c, d, q, v in rows]


def test_a_few_broken_json_lines_are_left_out_and_named(con, tmp_path):
    """A JSON-lines export with a truncated line and a log message among its records was refused
    whole with the parser's byte offset ("Malformed JSON … at byte 68 in line 52"); the good
    records now load and the note names the lines left out."""
    lines = _json_lines() * 30
    lines.insert(40, lines[40][:30])  # an export cut mid-record
    lines.insert(77, "WARN retrying page 8")
    (tmp_path / "orders.jsonl").write_text("\n".join(lines) + "\n")
    (result,) = load_file(con, tmp_path / "orders.jsonl", "orders")
    assert result.rows == 300
    rows, customers, first, last, total = view_totals(con, "orders")
    assert (rows, customers, first, last, total) == (300, *TRUTH[1:4], round(TRUTH[4] * 30, 2))
    assert str(result.notes[0]) == "lines that are no JSON record, left out: 2 (line numbers 41, 78)"
    assert result.notes[0].text("zh") == "有 2 行不是 JSON 记录，已跳过（行号 41、78）"


def test_json_lines_mostly_broken_are_refused_naming_the_lines(con, tmp_path):
    """More than one line in a hundred broken: refused naming them, the table already there kept."""
    (tmp_path / "orders.jsonl").write_text("\n".join(_json_lines()) + "\n")
    load_file(con, tmp_path / "orders.jsonl", "orders")
    lines = _json_lines()
    lines[3], lines[6] = lines[3][:-1], "<html>502 Bad Gateway</html>"
    (tmp_path / "orders.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(CrmError) as refused:
        load_file(con, tmp_path / "orders.jsonl", "orders", replace=True)
    assert str(refused.value).startswith(
        "orders.jsonl: 2 of its 10 lines are no JSON record (line numbers 4, 7)")
    assert view_totals(con, "orders") == TRUTH


def _serial(day: str) -> int:
    return (_day(day) - dt.date(1899, 12, 30)).days


def test_excel_day_numbers_in_a_csv_under_a_date_header_are_dates(con, tmp_path):
    """A Salesforce report opened in Excel and saved as CSV after its dates lost their format
    (``"Close Date"`` = ``"35431"``): the column loaded as BIGINT and the report had no date
    (view refused). A date dimension's key in the same range stays a number."""
    body = "".join(f'"{c}","{_serial(d)}","{_serial(d)}","{v:.2f}","TRUE"\r\n' for c, d, _, v in CDNOW)
    (tmp_path / "opps.csv").write_text(
        '"Opportunities by Account"\r\n"Report generated 12/4/2026 9:14 AM"\r\n\r\n'
        '"Account ID","Close Date","Date Key","Amount","Won"\r\n' + body
        + '\r\n"Filtered By:"\r\n"  Stage equals Closed Won"\r\n')
    (result,) = load_file(con, tmp_path / "opps.csv", "opps")
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'opps'").fetchall())
    assert types["Close Date"] == "DATE" and types["Date Key"] != "DATE"
    assert view_totals(con, "opps") == TRUTH
    assert "Close Date: Excel day numbers (45356 is 2024-03-05) read as dates" in result.notes
