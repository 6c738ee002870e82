"""Writes ``erp_sales.xlsx``, ``erp_sales.xls`` (Excel 97-2003) and ``erp_sales.ods`` (OpenDocument),
one workbook saved by LibreOffice in three formats — the test files for .xls / .ods loading.

The shape of a 金蝶 / 用友 sales list: a 说明 sheet first, the data on the second under a merged
title and a blank row (header on row 3), 18-digit order numbers and ``000123`` customer codes as
text, dates as real dates and as text, the amount a formula (LibreOffice stores its value), a
hidden 合计 row and a 制表人 line under the table. Run once by hand (needs ``soffice``):
``python tests/data/old_workbooks.py``; the files are committed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
LINES = [  # customer code, name, day, quantity, unit price
    ("000123", "王伟", dt.date(2024, 1, 5), 2, 128.50), ("000123", "王伟", dt.date(2024, 1, 19), 1, 99.90),
    ("004417", "李娜", dt.date(2024, 2, 2), 5, 12.00), ("000088", "王伟", dt.date(2024, 2, 14), 3, 45.30),
    ("004417", "李娜", dt.date(2024, 3, 5), 1, 1280.00), ("010002", "张敏", dt.date(2024, 3, 28), 12, 6.75),
    ("000088", "王伟", dt.date(2024, 4, 9), 2, 310.00), ("000123", "王伟", dt.date(2024, 4, 30), 4, 22.40),
    ("010002", "张敏", dt.date(2024, 5, 13), 1, 2499.00), ("004417", "李娜", dt.date(2024, 5, 31), 6, 18.80),
    ("000088", "王伟", dt.date(2024, 6, 12), 2, 75.25), ("010002", "张敏", dt.date(2024, 6, 30), 3, 149.00),
]


def erp_book(title: str, header: list[str]):
    """(workbook, data sheet) as a 金蝶 / 用友 export starts: a 说明 sheet first, then the data
    sheet under a title merged over its columns and a blank row, the header on row 3."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "本报表由ERP系统导出"
    book.active["A2"] = "导出人：张三　导出时间：2024-07-01 09:14"
    sheet = book.create_sheet("销售出库单")
    sheet["A1"] = title
    sheet.merge_cells(f"A1:{get_column_letter(len(header))}1")
    sheet.append([])
    sheet.append(header)
    return book, sheet


def write_xlsx(path: Path) -> None:
    """The workbook as the ERP writes it."""
    book, sheet = erp_book("2024年上半年销售出库单序时簿", ["单据编号", "客户编码", "客户名称", "单据日期",
                                                        "数量", "单价", "价税合计"])
    for i, (code, name, day, qty, price) in enumerate(LINES):
        row = sheet.max_row + 1
        sheet.append([f"{day:%Y%m%d}{i + 1:010d}", code, name, day if i % 2 else f"{day:%Y/%m/%d}",
                      qty, price, f"=E{row}*F{row}"])
        sheet.cell(row, 4).number_format = "yyyy-mm-dd"
    total = sheet.max_row + 1
    sheet.append(["合计", None, None, None, f"=SUM(E4:E{total - 1})", None, f"=SUM(G4:G{total - 1})"])
    sheet.row_dimensions[total].hidden = True
    sheet.append(["制表人：李四　审核：王五"])
    book.save(path)


def save_as(source: Path, fmt: str) -> None:
    """LibreOffice saves the workbook in ``fmt`` beside this script, computing the formulas' values
    (openpyxl writes formulas without them, as no spreadsheet program does)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(HERE), str(source)], check=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "erp_sales.xlsx"
        write_xlsx(source)
        for fmt in ("xlsx", "xls", "ods"):
            save_as(source, fmt)
