"""Real-shaped text exports: multi-line quoted fields, BOMs, NaN/inf, typing that never loses a value."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.workspace import store
from tests.conftest import DATA


def rows_of(con, table):
    return con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()


def test_multiline_quoted_answers_with_commas_and_quotes(con):
    (result,) = load_file(con, DATA / "faq_multiline.csv")
    rows = rows_of(con, result.table)
    assert (result.rows, result.columns) == (5, 3)
    assert rows[0][2].startswith('Go to "Forgot password" on the sign-in page.\nEnter your card')
    assert rows[1][2].endswith("Limits above 10,000 need a call to the branch.")
    assert rows[4] == ("Q005", "When is my statement available?", "On the 3rd working day of each month.")


def test_multiline_field_past_the_sniffed_head_falls_back_to_the_serial_reader(con, tmp_path):
    path = tmp_path / "tickets.csv"
    body = "".join(f"T{i:05d},short note {i}\n" for i in range(60_000))
    path.write_text("ticket_id,note\n" + body + 'T99999,"first line, with a comma\nsecond ""quoted"" line"\n')
    (result,) = load_file(con, path)
    assert result.rows == 60_001
    last = con.execute("SELECT note FROM tickets WHERE ticket_id = 'T99999'").fetchone()[0]
    assert last == 'first line, with a comma\nsecond "quoted" line'


def test_unreadable_row_names_the_line_and_the_whole_reason(con, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("id,note\n1,fine\n2,\"never closed\n3,x\n")
    with pytest.raises(CrmError) as info:
        load_file(con, path)
    message = str(info.value)
    assert message.startswith("broken.csv: ") and "\n" not in message
    assert len(message) > len("broken.csv: CSV Error on Line: 3") + 10  # the reason, not only the line


def test_crlf_with_bom(con):
    (result,) = load_file(con, DATA / "crlf_bom.csv")
    assert result.encoding == "utf-8-sig"
    assert dict(store.columns_of(con, result.table)) == {
        "customer_id": "VARCHAR", "order_date": "DATE", "amount": "DOUBLE"}
    assert rows_of(con, result.table)[0] == ("00017", dt.date(2024, 1, 5), 12.5)


def test_nan_inf_and_overflow_are_never_numbers(con):
    (result,) = load_file(con, DATA / "nan_inf.csv")
    assert [r[1] for r in rows_of(con, result.table)] == [12.5, None, None, None, 7.25]
    assert [r[2] for r in rows_of(con, result.table)] == [1, 2, 3, None, 4]
    assert any(n.startswith("amount: placeholders") and n.endswith(": 3") for n in result.notes)
    assert any(n.startswith("score: placeholders") and n.endswith(": 1") for n in result.notes)


def test_bom_and_header_in_the_middle_make_no_phantom_customers(con):
    (result,) = load_file(con, DATA / "bom_midfile.csv")
    ids = [r[0] for r in rows_of(con, result.table)]
    assert ids == ["00017", "00018", "00019", "00020"]
    assert dict(store.columns_of(con, result.table))["amount"] == "DOUBLE"
    assert any("repeated header" in n for n in result.notes)


def test_comma_only_file_is_refused_clearly(con):
    with pytest.raises(CrmError, match=r"comma_only.csv: the file holds only delimiters"):
        load_file(con, DATA / "comma_only.csv")
    assert store.list_tables(con) == []


def test_a_bad_value_after_the_sampled_head_sends_only_that_column_to_text(con, tmp_path):
    path = tmp_path / "late.csv"
    lines = [f"{i:05d},{i % 7},{i}.25,2024-01-{1 + i % 28:02d}" for i in range(20_000)]
    lines[15_000] = "15000,3,about 9,2024-01-02"
    lines[16_000] = "16000,3.5,16000.25,2024-01-02"  # integers, then one decimal: still a number
    path.write_text("customer_id,qty,amount,day\n" + "\n".join(lines) + "\n")
    (result,) = load_file(con, path)
    types = dict(store.columns_of(con, "late"))
    assert types == {"customer_id": "VARCHAR", "qty": "DOUBLE", "amount": "VARCHAR", "day": "DATE"}
    assert con.execute("SELECT amount FROM late WHERE customer_id = '15000'").fetchone()[0] == "about 9"
    assert con.execute("SELECT count(*) FROM late WHERE amount IS NULL").fetchone()[0] == 0
    assert any(n.startswith("amount: kept as text (values") and n.endswith(": 1)") for n in result.notes)


def test_hex_and_underscored_numbers_are_not_silently_converted(con, tmp_path):
    path = tmp_path / "codes.csv"
    body = "".join(f"{i},{i * 3}\n" for i in range(1, 6000))
    path.write_text("n,code\n" + body + "6000,0x10\n")
    load_file(con, path)
    assert dict(store.columns_of(con, "codes"))["code"] == "VARCHAR"
    assert con.execute("SELECT code FROM codes WHERE n = '6000' OR n = 6000").fetchone()[0] == "0x10"


def test_a_late_leading_zero_code_keeps_the_column_text(con, tmp_path):
    path = tmp_path / "late_codes.csv"
    body = "".join(f"{i},{100 + i}\n" for i in range(8000))
    path.write_text("n,store\n" + body + "8000,00017\n")
    load_file(con, path)
    assert dict(store.columns_of(con, "late_codes"))["store"] == "VARCHAR"
    assert con.execute("SELECT count(*) FROM late_codes WHERE store = '00017'").fetchone()[0] == 1


def test_big_files_report_progress_by_megabytes(con, tmp_path, monkeypatch):
    from crm_core.load import text

    monkeypatch.setattr(text, "PROGRESS_BYTES", 0)
    monkeypatch.setattr(text, "PROGRESS_POLL", 0.001)
    path = tmp_path / "big.csv"
    path.write_text("customer_id,amount,day\n" + "".join(
        f"{i:06d},{i % 997}.25,2024-01-{1 + i % 28:02d}\n" for i in range(400_000)))
    seen: list[tuple[float, str]] = []
    (result,) = load_file(con, path, progress=lambda f, m: seen.append((f, m)))
    assert result.rows == 400_000
    reads = [m for _, m in seen if m.startswith("read ") and m.endswith(" MB")]
    assert reads and reads[-1].endswith(f"of {path.stat().st_size / 1e6:,.0f} MB")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_load_notes_read_in_english_and_translate_to_chinese(con):
    (result,) = load_file(con, DATA / "nan_inf.csv")
    note = next(n for n in result.notes if n.startswith("amount:"))
    assert note.text("zh") == ("amount：有 3 个单元格填的是“无”“-”“N/A”“NaN”之类的占位符而不是数字，"
                               "已存为空值，不计入合计和金额")
