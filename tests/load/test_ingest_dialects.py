"""Exports as real systems write them (ingest9's adversarial pass): JSON lines with a broken line,
Excel day numbers in a CSV, SAP / ERP money headers. Rows are CDNOW_sample's (customer, day,
CDs, dollars), written in each system's dialect."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from tests.data.old_workbooks import erp_book
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



def test_a_two_line_json_file_with_a_broken_first_line_is_refused_naming_it(con, tmp_path):
    """The one-bad-line allowance loaded the second record alone (half the file) with a note."""
    lines = _json_lines()[:2]
    lines[0] = lines[0][:-1]  # the closing brace lost
    (tmp_path / "orders.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(CrmError) as refused:
        load_file(con, tmp_path / "orders.jsonl", "orders")
    assert str(refused.value).startswith(
        "orders.jsonl: 1 of its 2 lines is no JSON record (line 1); too large a share")
    assert say(refused.value.args[0], "zh").startswith(
        "orders.jsonl：2 行中有 1 行不是 JSON 记录（行号 1），占比太大，不能直接跳过")
    assert store.list_tables(con) == []


def test_a_json_lines_file_cut_short_in_its_last_line_loads_the_lines_before(con, tmp_path):
    """An interrupted download: the last line alone is broken, however short the file."""
    lines = _json_lines()[:3]
    lines[-1] = lines[-1][:25]
    (tmp_path / "orders.jsonl").write_text("\n".join(lines))
    (result,) = load_file(con, tmp_path / "orders.jsonl", "orders")
    assert result.rows == 2
    assert str(result.notes[0]) == "lines that are no JSON record, left out: 1 (line numbers 3)"

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


def _german(value: float) -> str:
    return f"{abs(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def test_sap_s_amount_in_local_currency_is_the_amount(con, tmp_path):
    """SAP FBL5N (customer line items) downloaded as a spreadsheet: ``;``, ``05.03.1997``,
    ``Betrag in HW`` (amount in local currency) with SAP's trailing minus ``1.234,56-`` for a
    credit. The column loaded as DOUBLE but took no role: no amount (sum None)."""
    signed = [(c, d, -v if i == 3 else v) for i, (c, d, _, v) in enumerate(CDNOW)]
    body = "".join(f"{c.lstrip('0')};{_day(d):%d.%m.%Y};{_german(v)}{'-' if v < 0 else ''};EUR\n"
                   for c, d, v in signed)
    (tmp_path / "fbl5n.csv").write_text("Kunde;Buchungsdatum;Betrag in HW;HWähr\n" + body, encoding="cp1252")
    load_file(con, tmp_path / "fbl5n.csv", "fbl5n")
    assert get_roles(con, "fbl5n")["amount"] == "Betrag in HW"
    assert view_totals(con, "fbl5n") == (*TRUTH[:4], round(sum(v for *_, v in signed), 2))


def test_an_erp_workbook_s_customer_code_and_total_with_tax(con, tmp_path):
    """A 金蝶 / 用友 sales list saved as .xlsx: a 说明 sheet first, the data on the second under a
    merged title and a blank row, ``客户编码`` beside ``客户名称``, dates as real dates and as text,
    ``价税合计`` as the only money column and a hidden 合计 row. The customer was the name (two
    buyers sharing a name became one), the table had no amount, and the 说明 sheet was a table of
    its own (so the data's was ``erp_销售出库单``, not the ``erp`` asked for)."""
    book, sheet = erp_book("2024年销售出库单序时簿",
                           ["单据编号", "客户编码", "客户名称", "单据日期", "数量", "价税合计"])
    for i, (c, d, q, v) in enumerate(CDNOW):
        day = _day(d) if i % 2 else f"{_day(d):%Y/%m/%d}"
        sheet.append([f"XSCK{i:06d}", c, "王伟" if i % 2 else "李娜", day, q, v])
    sheet.append(["合计", None, None, None, sum(q for _, _, q, _ in CDNOW), TRUTH[4]])
    sheet.row_dimensions[sheet.max_row].hidden = True
    book.save(tmp_path / "出库单.xlsx")
    (result,) = load_file(con, tmp_path / "出库单.xlsx", "erp")
    roles = get_roles(con, "erp")
    assert (result.table, roles["customer_id"], roles["amount"]) == ("erp", "客户编码", "价税合计")
    assert view_totals(con, "erp") == TRUTH
    assert result.notes[0].text("zh").startswith("工作表“说明”未导入：只有一列几行文字")
    (note,) = load_file(con, tmp_path / "出库单.xlsx", "readme", sheet="说明")
    assert note.rows == 1  # asked for by name, it loads


def test_the_typographic_minus_sign_is_a_minus(con, tmp_path):
    """Apple Numbers (and typeset reports) write a credit as ``−12,50 €`` with U+2212, not ``-``:
    the one refund kept the whole money column text, and the table had no amount."""
    signed = [(c, d, -v if i == 3 else v) for i, (c, d, _, v) in enumerate(CDNOW)]
    body = "".join(f"{c};{_day(d):%d/%m/%Y};{'−' if v < 0 else ''}{_german(v)}\u00a0€\n"
                   for c, d, v in signed)
    (tmp_path / "numbers.csv").write_text("Customer;Date;Amount\n" + body)
    load_file(con, tmp_path / "numbers.csv", "numbers")
    assert view_totals(con, "numbers") == (*TRUTH[:4], round(sum(v for *_, v in signed), 2))


def test_nan_in_a_json_export_is_empty_not_a_poisoned_sum(con, tmp_path):
    """Python's ``json.dumps`` writes a missing float as ``NaN`` (DuckDB reads it): one NaN made
    the sum of the amount NaN in every analysis. Now empty, with the placeholder note a CSV's
    ``NaN`` gets."""
    rows = [{"customer_id": c, "order_date": str(_day(d)), "amount": float("nan") if i == 3 else v}
            for i, (c, d, _, v) in enumerate(CDNOW)]
    (tmp_path / "orders.json").write_text(json.dumps(rows))
    (result,) = load_file(con, tmp_path / "orders.json", "orders")
    assert view_totals(con, "orders") == (*TRUTH[:4], round(TRUTH[4] - CDNOW[3][3], 2))
    assert str(result.notes[-1]).startswith("amount: placeholders instead of numbers")
    assert str(result.notes[-1]).endswith(": 1")


def test_tally_s_party_name_is_the_customer_and_a_serial_number_is_text(con, tmp_path):
    """Tally's sales register names the buyer ``Party Name`` (amounts in Indian grouping,
    ``1,17,100.00``); a Chinese export's ``交易流水号`` (a payment's serial number) loaded as a BIGINT
    measure. The register had no customer (view refused)."""
    def indian(value: float) -> str:
        whole, cents = f"{value:.2f}".split(".")
        head, tail = whole[:-3], whole[-3:]
        groups = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
        return ",".join([*groups, tail]) + "." + cents
    parties = ("Sharma Traders", "Gupta & Sons", "Mehta Stores")
    body = "".join(f"{parties[i % 3]},{_day(d):%d-%b-%Y},{4200001234000000 + i},\"{indian(v * 1000)}\"\n"
                   for i, (c, d, _, v) in enumerate(CDNOW))
    (tmp_path / "sales_register.csv").write_text("Party Name,Date,交易流水号,Amount (INR)\n" + body)
    load_file(con, tmp_path / "sales_register.csv", "register")
    roles = get_roles(con, "register")
    assert roles["customer_id"] == "Party Name"
    kinds = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'register'").fetchall())
    assert kinds["交易流水号"] == "VARCHAR"
    assert view_totals(con, "register") == (TRUTH[0], 3, *TRUTH[2:4], round(TRUTH[4] * 1000, 2))


def test_month_first_dates_are_read_month_first_when_the_first_thousands_fit_both(con, tmp_path):
    """A US CRM export sorted so its first 2,000+ dates all have days up to 12 (``3/2/1997``):
    day-first and month-first were both tried per value, so those rows were read day-first
    (3 February) and the later ``1/24/1998`` month-first, in one column — wrong months, no
    word. The order is now decided once for the column, from all of its values."""
    ambiguous = [r for r in CDNOW if _day(r[1]).day <= 12]
    rows = ambiguous * 600 + [r for r in CDNOW if _day(r[1]).day > 12]
    body = "".join(f'"{c}","{_day(d).month}/{_day(d).day}/{_day(d).year}","${v:,.2f}"\n'
                   for c, d, _, v in rows)
    (tmp_path / "contacts.csv").write_text('"Contact ID","Close Date","Deal Amount"\n' + body)
    load_file(con, tmp_path / "contacts.csv", "contacts")
    read = con.execute('SELECT "Close Date", count(*) FROM contacts GROUP BY 1 ORDER BY 1').fetchall()
    assert read == sorted(Counter(_day(d) for _, d, _, _ in rows).items())


_DISCOUNT = ("12.5%", "0%", "5 %", "100%", "7.25%", "0%", "33.3%", "2%", "0 %", "10%")
"""A HubSpot-style ``Discount %`` beside CDNOW's lines: percents written as the export writes them."""


def _shares() -> list[float]:
    return [float(p.rstrip("% ")) / 100 for p in _DISCOUNT]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_column_of_percents_is_a_share_of_one_with_a_note(con, tmp_path, lang):
    """ingest9 left ``12.5%`` as text: a rate could be neither profiled nor segmented. Every value
    a percent: a number, 12.5% as 0.125, said once in a note; the amount is untouched."""
    from crm_core.i18n import say

    body = "".join(f"{c},{_day(d)},{q},${v:,.2f},{p}\n"
                   for (c, d, q, v), p in zip(CDNOW, _DISCOUNT, strict=True))
    (tmp_path / "deals.csv").write_text("Customer ID,Close Date,Quantity,Amount,Discount %\n" + body)
    (result,) = load_file(con, tmp_path / "deals.csv", "deals")
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'deals'").fetchall())
    assert types["Discount %"] == "DOUBLE"
    got = [r[0] for r in con.execute('SELECT "Discount %" FROM deals').fetchall()]
    assert got == pytest.approx(_shares())
    assert view_totals(con, "deals") == TRUTH
    said = [say(n, lang) for n in result.notes]
    assert any(n.startswith("Discount %") and "0.125" in n and ("百分数" in n) == (lang == "zh")
               for n in said), said


def test_german_percents_with_a_decimal_comma_and_a_minus(con, tmp_path):
    """A German ``;`` export's change column: ``-3,2 %`` with a decimal comma, a space and U+2212."""
    changes = ["-3,2 %", "1,5 %", "12,0 %", "\u22120,8 %", "0,0 %", "4,25 %", "-10,0 %", "2,5 %", "7,1 %",
               "0,3 %"]
    body = "".join(f"{c};{_day(d):%d.%m.%Y};{_german(v)};{p}\n"
                   for (c, d, _, v), p in zip(CDNOW, changes, strict=True))
    (tmp_path / "de.csv").write_text("Kunde;Datum;Betrag;Veränderung\n" + body)
    load_file(con, tmp_path / "de.csv", "de")
    got = [r[0] for r in con.execute('SELECT "Veränderung" FROM de').fetchall()]
    assert got == pytest.approx([-0.032, 0.015, 0.12, -0.008, 0.0, 0.0425, -0.1, 0.025, 0.071, 0.003])


def test_percents_in_a_workbook_and_json_are_shares_too(con, tmp_path):
    """Text percents in an .xlsx and a JSON export go through the sure path: the same share."""
    frame = pd.DataFrame({"customer_id": [c for c, *_ in CDNOW], "amount": [v for *_, v in CDNOW],
                          "discount": list(_DISCOUNT)})
    frame.to_excel(tmp_path / "deals.xlsx", index=False)
    frame.to_json(tmp_path / "deals.json", orient="records")
    for name in ("deals.xlsx", "deals.json"):
        (result,) = load_file(con, tmp_path / name, name.replace(".", "_"))
        got = [r[0] for r in con.execute(f'SELECT discount FROM "{result.table}"').fetchall()]
        assert got == pytest.approx(_shares()), name
        assert any(str(n).startswith("discount: every value is a percentage") for n in result.notes), name


def test_a_column_where_some_values_are_not_percents_stays_text(con, tmp_path):
    """``5%`` beside ``n/a-ish`` or a bare ``5`` after the sampled rows: not every value a percent,
    so the column stays text as written (no bare 5 read as 0.05)."""
    mixed = [*_DISCOUNT[:9], "see notes"]
    rows = [f"{i},{mixed[i % 10]}\n" for i in range(10)]
    late = [f"{i},{_DISCOUNT[i % 10]}\n" for i in range(6000)] + ["6000,5\n"]
    for name, lines in (("mixed", rows), ("late", late)):
        (tmp_path / f"{name}.csv").write_text("row,rate\n" + "".join(lines))
        load_file(con, tmp_path / f"{name}.csv", name)
        dtype = con.execute(f"SELECT data_type FROM information_schema.columns WHERE table_name = '{name}' "
                            "AND column_name = 'rate'").fetchone()[0]
        assert dtype == "VARCHAR", name
