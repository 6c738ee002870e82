"""Loading real-shaped exports: encodings, delimiters, preambles, types — and bad files refused."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA


def load_one(con, name, **kwargs):
    (result,) = load_file(con, DATA / name, **kwargs)
    return result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(), dict(
        store.columns_of(con, result.table))


def test_chinese_gb18030_headers_and_ids(con):
    result, rows, types = load_one(con, "chinese_gb18030.csv")
    assert result.encoding == "gb18030"
    assert list(types) == ["客户编号", "下单日期", "消费金额", "数量", "单价", "商品", "描述"]
    assert types["客户编号"] == "VARCHAR" and types["下单日期"] == "DATE"
    assert rows[0][:3] == ("000017", dt.date(2024, 1, 5), 120.5)
    assert rows[1][6] == "西湖龙井 明前"


def test_preamble_semicolon_decimal_comma_and_total_row(con):
    result, rows, types = load_one(con, "preamble_total_semicolon.csv")
    assert result.delimiter == ";"
    assert rows == [("00017", dt.date(2024, 1, 5), 1234.5), ("00018", dt.date(2024, 1, 31), 12.0)]
    assert any("total" in note for note in result.notes)


def test_currency_and_accounting_negatives(con):
    _, rows, types = load_one(con, "currency.csv")
    assert types == {"customer_id": "VARCHAR", "amount": "DOUBLE", "refund": "DOUBLE"}
    assert rows == [("00017", 1234.5, -12.0), ("00018", 7.0, -0.5), ("00019", 12000.0, -3.25)]


def test_mixed_date_formats_in_one_column(con):
    _, rows, types = load_one(con, "mixed_dates.csv")
    assert types["order_date"] == "DATE"
    assert [r[0] for r in rows] == [dt.date(2024, 1, 5), dt.date(2024, 2, 5), dt.date(2024, 3, 7),
                                    dt.date(2024, 4, 8)]


def test_utf16_excel_unicode_text(con):
    result, rows, _ = load_one(con, "utf16_unicode_text.txt")
    assert result.encoding.startswith("utf-16") and result.delimiter == "tab"
    assert rows == [("00017", 12.5, "张三"), ("00018", 7.0, "José")]


def test_latin1_semicolon(con):
    result, rows, _ = load_one(con, "latin1.csv")
    assert result.encoding == "cp1252"
    assert rows == [("00017", "José Müller", 12.5), ("00018", "Zoë", 3.0)]


def test_space_aligned_research_log_without_header(con):
    result, rows, types = load_one(con, "aligned.txt")
    assert result.delimiter == "spaces"
    assert list(types) == ["column_1", "column_2", "column_3", "column_4"]
    assert rows[0] == ("00001", 19970101, 1, 11.77)
    assert len(rows) == 4


def test_pipe_delimited_with_bom_and_timestamps(con):
    _, rows, types = load_one(con, "orders_pipe_bom.csv")
    assert list(types)[0] == "OrderID"
    assert types["OrderDate"] == "TIMESTAMP"
    assert rows[0] == ("A1", "00007", dt.datetime(2024, 3, 1, 10, 15), 2, 9.99)


def test_duplicate_and_blank_headers_get_unique_names(con):
    _, _, types = load_one(con, "dup_blank_headers.csv")
    assert list(types) == ["id", "name", "column_3", "name_2", "amount"]


def test_sql_and_html_looking_names_are_kept_verbatim(con):
    _, rows, types = load_one(con, "sqlish_names.csv")
    assert list(types) == ["id", "DROP TABLE x; --", "<script>alert(1)</script>", 'a"b']
    assert rows == [("1", 2, 3, 4)]


def test_ragged_short_rows_are_padded(con):
    _, rows, _ = load_one(con, "ragged.csv")
    assert rows == [("1", "Ann", 10), ("2", "Bob", None), ("3", "Cy", 30)]


def test_excel_every_sheet_with_title_rows(con):
    results = load_file(con, DATA / "two_sheets.xlsx")
    assert [r.table for r in results] == ["two_sheets_orders", "two_sheets_products"]
    rows = con.execute('SELECT * FROM "two_sheets_orders"').fetchall()
    assert rows == [("00017", dt.date(2024, 1, 5), 12.5), ("00018", dt.date(2024, 2, 1), 7.0)]


def test_excel_chosen_sheet(con):
    results = load_file(con, DATA / "two_sheets.xlsx", sheet="Products", table="products")
    assert [(r.table, r.rows) for r in results] == [("products", 2)]


def test_parquet_and_json_lines_keep_their_types(con):
    result, rows, _ = load_one(con, "orders.parquet")
    assert rows == [("00017", 1.5), ("00018", 2.0)]
    result, rows, types = load_one(con, "lines.jsonl")
    assert types["customer_id"] == "VARCHAR" and rows[0][0] == "00017"


@pytest.mark.parametrize(("name", "message"), [
    ("empty.csv", "empty"),
    ("header_only.csv", "no data rows"),
    ("image_renamed.csv", "PNG image"),
    ("archive_renamed.csv", "a.txt: the file has a header but no data rows"),  # the zip is unpacked
    ("corrupt.xlsx", "cannot be opened"),
    ("corrupt.parquet", "corrupt.parquet"),
    ("corrupt.json", "corrupt.json"),
    ("too_many_fields.csv", "line 3"),
])
def test_bad_files_are_refused_with_the_file_named(con, name, message):
    with pytest.raises(CrmError, match=message) as info:
        load_file(con, DATA / name)
    assert name in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text, en, zh", [
    ('{"data": [\n  {"id": 1, "amount": 10.5},\n  {"id": 2 "amount": 12.0}\n]}\n',
     "orders.json: the JSON breaks at line 3, column 12 (a comma, quote or bracket missing or extra there",
     "orders.json：JSON 在第 3 行第 12 列出错"),
    ('[\n  {"id": 1, "amount": 10.5},\n  {"id": 2, "amount": 12.0},\n  {"id": 3, "amou',
     "orders.json: the JSON stops before it is complete (cut off at line 4); the download or export was",
     "orders.json：JSON 没写完就断了（断在第 4 行）"),
])
def test_a_broken_json_document_is_refused_naming_the_line(con, tmp_path, text, en, zh):
    """DuckDB's "Malformed JSON in file "/tmp/…/orders.json", at byte 50 in record/value 2" named
    the temporary copy's path and no line the analyst could find."""
    path = tmp_path / "orders.json"
    path.write_text(text)
    with pytest.raises(CrmError) as refused:
        load_file(con, path)
    assert str(refused.value).startswith(en)
    assert say(refused.value.args[0], "zh").startswith(zh)


def test_failed_load_leaves_existing_tables_untouched(con):
    load_file(con, DATA / "currency.csv", table="keep")
    before = con.execute('SELECT * FROM "keep"').fetchall()
    with pytest.raises(CrmError):
        load_file(con, DATA / "too_many_fields.csv", table="keep", replace=True)
    assert con.execute('SELECT * FROM "keep"').fetchall() == before
    assert [t.name for t in store.list_tables(con)] == ["keep"]


def test_existing_name_needs_replace(con):
    load_file(con, DATA / "currency.csv")
    with pytest.raises(CrmError, match="already exists"):
        load_file(con, DATA / "currency.csv")
    (again,) = load_file(con, DATA / "latin1.csv", table="currency", replace=True)
    assert again.rows == 2 and store.table_version(con, "currency") > 1


def test_huge_cell_and_many_columns(con, tmp_path):
    big = tmp_path / "big_cell.csv"
    big.write_text("id,note\n1," + "x" * 5_000_000 + "\n2,short\n", encoding="utf-8")
    (result,) = load_file(con, big)
    assert result.rows == 2
    assert con.execute('SELECT length(note) FROM big_cell WHERE id = \'1\'').fetchall() == [(5_000_000,)]
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(3000)) + "\n" + ",".join("1" * 3000) + "\n")
    (result,) = load_file(con, wide)
    assert (result.rows, result.columns) == (1, 3000)


def test_a_column_with_one_bad_value_stays_text(con, tmp_path):
    path = tmp_path / "bad_amount.csv"
    amounts = [f"{i}.5" for i in range(19)] + ["about 12"]
    path.write_text("customer_id,amount\n" + "".join(f"{i},{a}\n" for i, a in enumerate(amounts)))
    (result,) = load_file(con, path)
    assert dict(store.columns_of(con, "bad_amount"))["amount"] == "VARCHAR"
    assert [r[0] for r in con.execute("SELECT amount FROM bad_amount").fetchall()] == amounts
    assert any(note.startswith("amount:") and note.endswith("do not parse as numbers or dates: 1)")
               for note in result.notes)


def test_gbk_text_after_a_long_ascii_start(con, tmp_path):
    path = tmp_path / "late_chinese.csv"
    ascii_rows = "".join(f"{i:06d},plain\n" for i in range(200_000))
    path.write_bytes(("customer_id,city\n" + ascii_rows + "000001,北京\n").encode("gb18030"))
    (result,) = load_file(con, path)
    assert result.encoding == "gb18030" and result.rows == 200_001
    assert con.execute("SELECT city FROM late_chinese WHERE city <> 'plain'").fetchall() == [("北京",)]


def test_gb18030_names_full_of_middle_dots(con, tmp_path):
    """Product names joined by ``·`` (outside GB2312) outnumber the Chinese header letters."""
    path = tmp_path / "orders_zh.csv"
    rows = "".join(f"SO{i},M{i % 7:06d},{i % 50},Brand·Type {i % 50},{i % 3 + 1}\n" for i in range(500))
    path.write_bytes(("订单号,会员ID,商品编码,商品名称,数量\n" + rows).encode("gb18030"))
    (result,) = load_file(con, path)
    assert result.encoding == "gb18030"
    assert [c for c, _ in store.columns_of(con, "orders_zh")][:2] == ["订单号", "会员ID"]
    assert con.execute('SELECT "商品名称" FROM orders_zh LIMIT 1').fetchall() == [("Brand·Type 0",)]


def test_import_folder_lists_only_its_own_files(tmp_path, monkeypatch):
    from crm_core.load.reader import import_dir_files, resolve_import

    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "big.csv").write_text("a\n1\n")
    (folder / "notes.docx").write_text("x")
    (tmp_path / "secret.csv").write_text("a\n1\n")
    monkeypatch.setenv("CRM_IMPORT_DIR", str(folder))
    assert [p.name for p in import_dir_files()] == ["big.csv"]
    assert resolve_import("big.csv") == (folder / "big.csv").resolve()
    with pytest.raises(CrmError, match="not a file in the import folder"):
        resolve_import("../secret.csv")


def test_bare_invoice_column_stays_text_without_a_note(con, tmp_path):
    path = tmp_path / "retail.csv"
    path.write_text("Invoice,order_date,Quantity\n536365,2010-12-01,6\nC536379,2010-12-01,-1\n"
                    + "".join(f"{536380 + i},2010-12-02,1\n" for i in range(30)))
    (result,) = load_file(con, path)
    types = dict(store.columns_of(con, "retail"))
    assert types == {"Invoice": "VARCHAR", "order_date": "DATE", "Quantity": "BIGINT"}
    assert result.notes == []


def test_iso_timestamps_with_z_offsets_and_milliseconds(con, tmp_path):
    """API and web-shop exports write ISO 8601 with a ``Z`` or an offset (Shopify's
    ``2024-03-01 00:15:00 +0800``) and often milliseconds; the shop's own clock is kept, so an
    order stays on its local day."""
    path = tmp_path / "half_hourly.csv"
    path.write_text("date,value,paid_at,Created at\n"
                    "2000-06-05T00:00:00Z,22262,2024-03-01 10:15:00.250,2024-03-01 00:15:00 +0800\n"
                    "2000-06-05T00:30:00Z,21756,2024-03-01T11:00:00.5Z,2024-03-02T23:00:00-05:00\n")
    (result,) = load_file(con, path)
    types = dict(store.columns_of(con, result.table))
    assert types == {"date": "TIMESTAMP", "value": "BIGINT", "paid_at": "TIMESTAMP",
                     "Created at": "TIMESTAMP"}
    rows = con.execute(f'SELECT * FROM "{result.table}"').fetchall()
    assert rows[0][3] == dt.datetime(2024, 3, 1, 0, 15)
    assert rows[1] == (dt.datetime(2000, 6, 5, 0, 30), 21756, dt.datetime(2024, 3, 1, 11, 0, 0, 500000),
                       dt.datetime(2024, 3, 2, 23, 0))


def test_paid_columns_are_money_and_id_columns_stay_text(con, tmp_path):
    """``total_paid`` ends in "id" but is money; ``CUSTOMER_ID`` and ``custid`` are labels."""
    path = tmp_path / "payments.csv"
    path.write_text("CUSTOMER_ID,custid,total_paid,AMOUNT_PAID,Order No\n"
                    "17,17,12.50,3.10,100\n18,18,7.25,1.00,101\n")
    (result,) = load_file(con, path)
    assert dict(store.columns_of(con, result.table)) == {
        "CUSTOMER_ID": "VARCHAR", "custid": "VARCHAR", "total_paid": "DOUBLE", "AMOUNT_PAID": "DOUBLE",
        "Order No": "VARCHAR"}


def test_german_excel_export_in_cp1252_with_a_padded_title_and_summe(con, tmp_path):
    """Excel's "CSV (Trennzeichen-getrennt)": cp1252, a title padded with semicolons, a blank
    line, decimal commas, dd.mm.yyyy and a closing "Summe" row. ``ä`` + ``t`` also decode as
    GB18030 (鋞), so the encoding must not be taken for Chinese."""
    path = tmp_path / "umsatz.csv"
    path.write_bytes("Wochenumsätze Export;;;;\r\n\r\nFiliale;Datum;Umsatz;Feiertag;Temperatur\r\n"
                     "1_1;05.02.2010;24.924,50;False;42,31\r\n1_2;12.02.2010;46.039,49;True;38,51\r\n"
                     "Summe;;70963,99;;\r\n".encode("cp1252"))
    (result,) = load_file(con, path)
    assert result.encoding == "cp1252"
    types = dict(store.columns_of(con, result.table))
    assert types == {"Filiale": "VARCHAR", "Datum": "DATE", "Umsatz": "DOUBLE", "Feiertag": "VARCHAR",
                     "Temperatur": "DOUBLE"}
    rows = con.execute(f'SELECT Datum, Umsatz FROM "{result.table}"').fetchall()
    assert rows == [(dt.date(2010, 2, 5), 24924.5), (dt.date(2010, 2, 12), 46039.49)]
    assert get_roles(con, result.table)["amount"] == "Umsatz"


def test_euro_after_a_decimal_comma_in_cp1252_is_money(con, tmp_path):
    """A German shop export writes ``29,33 €``: byte 0x80 is ``€`` in Windows-1252 (Latin-1 read
    it as a control character) and a symbol after the number is still money, decimal comma and
    all (the column stayed text and spend refused the log)."""
    path = tmp_path / "bestellungen.csv"
    path.write_bytes("Kunde;Datum;Betrag\r\nK1;03.01.2024;29,33 €\r\nK2;04.01.2024;1.234,56 €\r\n"
                     "K1;05.02.2024;7,00 €\r\n".encode("cp1252"))
    (result,) = load_file(con, path)
    assert result.encoding == "cp1252"
    rows = con.execute(f'SELECT Kunde, Betrag FROM "{result.table}"').fetchall()
    assert rows == [("K1", 29.33), ("K2", 1234.56), ("K1", 7.0)]
