"""Placeholder cells (无, -, N/A, 0000-00-00 …) in number and date columns: the column keeps its
type, the cells become empty with a note; real text stays text."""

from __future__ import annotations

import csv
import datetime as dt
import random

import pytest

from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def column(con, table, name):
    return [r[0] for r in con.execute(f'SELECT "{name}" FROM "{table}" ORDER BY rowid').fetchall()]


def test_paid_amount_with_wu_cells_is_money_every_analysis_sees(con, tmp_path):
    """The walk's 淘宝-style export: 10 cells of 无 in 实付金额 among 7,000 (some past the sample)."""
    rng = random.Random(3)
    wu = {17, 900, 2500, 4999, 5001, 5600, 6100, 6500, 6900, 6999}
    rows, total = [], 0.0
    for i in range(7000):
        amount = round(rng.uniform(5, 500), 2)
        total += 0 if i in wu else amount
        day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00"
        rows.append([f"2025{i:08d}", f"buyer{i % 900:04d}", day, "无" if i in wu else f"{amount:.2f}"])
    header = ["订单编号", "买家会员名", "下单时间", "实付金额"]
    (result,) = load_file(con, write(tmp_path / "orders.csv", header, rows))
    assert dict(store.columns_of(con, result.table))["实付金额"] == "DOUBLE"
    assert column(con, result.table, "实付金额").count(None) == 10
    roles = get_roles(con, result.table)
    assert roles["amount"] == "实付金额"
    view = transaction_view(con, result.table, roles)
    view_sum = con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0]
    assert view_sum == pytest.approx(total, abs=0.01)
    note = next(n for n in result.notes if n.startswith("实付金额:"))
    assert "placeholders instead of numbers" in note and note.endswith("left out of sums and amounts: 10")
    assert note.text("zh").startswith("实付金额：有 10 个单元格填的是")


PLACEHOLDERS = ["无", "暂无", "空", "—", "-", "--", "N/A", "n/a", "NA", "#N/A", "null", "NULL", "None", "nan",
                "(blank)", "?", "#VALUE!", "-", "--"]
"""(Excel's accounting zero ``¥-`` is a zero, not a placeholder: ``test_merchant_shapes``.)"""


def test_every_placeholder_real_exports_write_is_empty_not_text(con, tmp_path):
    rows, total = [], 0.0
    for i in range(1200):
        if i % 60 == 7:
            money, qty = PLACEHOLDERS[i // 60 % len(PLACEHOLDERS)], "-"
        else:
            money, qty = f"¥{10 + i % 400:,.2f}", str(1 + i % 4)
            total += 10 + i % 400
        rows.append([f"C{i % 150:03d}", f"2025/{1 + i % 12}/{1 + i % 28}", qty, money])
    (result,) = load_file(con, write(tmp_path / "shop.csv", ["客户", "日期", "数量", "金额"], rows))
    types = dict(store.columns_of(con, result.table))
    assert (types["金额"], types["数量"]) == ("DOUBLE", "BIGINT")
    amounts = column(con, result.table, "金额")
    assert amounts.count(None) == 20 and sum(a for a in amounts if a is not None) == pytest.approx(total)
    assert any(n.startswith("数量: placeholders") and n.endswith(": 20") for n in result.notes)


def test_dates_written_as_wu_or_zero_or_open_end_are_dates(con, tmp_path):
    marks = ["无", "0000-00-00", "1900-01-00", "9999-12-31", "0000-00-00 00:00:00", "-"]
    rows = [[f"U{i % 80:03d}", marks[i // 100 % len(marks)] if i % 100 == 3 else
             f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", f"{1 + i % 50}.90"] for i in range(1200)]
    (result,) = load_file(con, write(tmp_path / "log.csv", ["user_id", "order_date", "amount"], rows))
    assert dict(store.columns_of(con, result.table))["order_date"] == "DATE"
    dates = column(con, result.table, "order_date")
    assert dates.count(None) == 12 and max(d for d in dates if d) == dt.date(2025, 12, 28)
    assert get_roles(con, result.table)["date"] == "order_date"
    note = next(n for n in result.notes if n.startswith("order_date:"))
    assert "placeholder dates" in note and note.endswith(": 12")
    assert "占位日期" in note.text("zh")


def test_an_open_end_date_beside_the_order_date_is_a_placeholder_not_a_missing_order_date(con, tmp_path):
    """A subscription export's ``contract_end`` writes 9999-12-31 for "still running": its note
    said "so those rows have no date", though every row has its order date."""
    rows = [[f"U{i % 80:03d}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
             "9999-12-31" if i % 3 else f"2026-{1 + i % 12:02d}-01", f"{1 + i % 50}.90"] for i in range(600)]
    header = ["user_id", "order_date", "contract_end", "amount"]
    (result,) = load_file(con, write(tmp_path / "subs.csv", header, rows))
    assert get_roles(con, result.table)["date"] == "order_date"
    note = next(n for n in result.notes if n.startswith("contract_end:"))
    assert "read as missing in this column" in note and "no date" not in note
    assert "这一列按缺失处理" in note.text("zh") and "没有日期" not in note.text("zh")


def test_an_accounting_negative_far_past_the_sample_keeps_the_column_money(con, tmp_path):
    """SAP / accounting exports: whole numbers, then one ``(1,234.50)`` and one ``0.00-`` deep in
    the file; the random re-check sample rarely holds them, so the column went to text."""
    rows = [[f"K{i % 700:04d}", f"2025-03-{1 + i % 28:02d}", str(100 + i % 900)] for i in range(120_000)]
    rows[80_000][2], rows[110_000][2] = "(1,234.50)", "0.00-"
    (result,) = load_file(con, write(tmp_path / "fi.csv", ["Customer", "Posting Date", "Amount"], rows))
    assert dict(store.columns_of(con, result.table))["Amount"] == "DOUBLE"
    amounts = column(con, result.table, "Amount")
    assert (amounts[80_000], amounts[110_000]) == (-1234.5, 0.0)


def test_real_text_beside_placeholders_stays_text(con, tmp_path):
    """Sizes S/M/L among numbers, postcodes and item codes with leading zeros, Excel's ``="0012"``
    guard and a WeChat bill's ``¥12.00`` (money) — placeholders never decide a column's type."""
    rows = []
    for i in range(3000):
        rows.append(["L" if i % 10 == 0 else str(6 + 2 * (i % 4)),
                     "N/A" if i % 100 == 3 else f"{(i * 37) % 99999:05d}",
                     "-" if i % 77 == 0 else f"{1 + i % 998:05d}",
                     "-" if i % 40 == 0 else f'="{i % 500:04d}"',
                     f"¥{1 + i % 300}.00", f"2025-02-{1 + i % 28:02d}"])
    header = ["Size", "Postal", "Item", "Member", "金额(元)", "交易时间"]
    (result,) = load_file(con, write(tmp_path / "t.csv", header, rows))
    types = dict(store.columns_of(con, result.table))
    assert [types[c] for c in ("Size", "Postal", "Item", "Member", "金额(元)")] == [
        "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE"]
    assert column(con, result.table, "Postal")[:2] == ["00000", "00037"]
    assert column(con, result.table, "Member")[1] == "0001"
