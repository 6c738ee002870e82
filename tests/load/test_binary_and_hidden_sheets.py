"""Binary workbooks (.xlsb) load as their .xlsx twin; hidden sheets are left out with a note.

``base.xlsb`` / ``base.xlsx`` / ``password.xlsb`` are python-calamine's own test data (MIT): no
tool here writes an .xlsb (LibreOffice reads the format but has no filter to save it).
"""

from __future__ import annotations

import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import excel_sheets, load_file
from crm_core.workspace import store
from tests.conftest import DATA
from tests.data.old_workbooks import LINES

HEADER = ["客户编码", "客户名称", "单据日期", "数量", "单价"]


def _table(con, table: str) -> list[tuple]:
    return con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()


def test_an_xlsb_loads_as_its_xlsx_twin(con):
    """An .xlsb is a zip without ``xl/workbook.xml``: it was refused as "a ZIP archive; unzip it"."""
    twins = load_file(con, DATA / "base.xlsx", "twin")
    results = load_file(con, DATA / "base.xlsb", "bin")
    assert [r.table.replace("bin", "twin") for r in results] == [t.table for t in twins]
    for result, twin in zip(results, twins, strict=True):
        assert (result.rows, result.columns) == (twin.rows, twin.columns)
        assert store.columns_of(con, result.table) == store.columns_of(con, twin.table)
        assert _table(con, result.table) == _table(con, twin.table)
    assert excel_sheets(DATA / "base.xlsb") == excel_sheets(DATA / "base.xlsx")


def test_load_reads_an_xlsb_and_refuses_its_password_in_chinese(capsys, ws):
    folder = str(ws.folder)
    assert main(["load", str(DATA / "base.xlsb"), "--sheet", "Sheet3", "--table", "lines",
                 "--lang", "zh", "--workspace", folder]) == 0
    assert capsys.readouterr().out.splitlines() == ["lines\t2\t3"]
    assert main(["load", str(DATA / "password.xlsb"), "--lang", "zh", "--workspace", folder]) == 1
    assert "password.xlsb：这个工作簿设了打开密码" in capsys.readouterr().err


def _book_with_hidden_sheets(path):
    """An order sheet, a hidden old copy of it (same header) and a very hidden lookup table, as a
    workbook's author keeps them out of sight."""
    import openpyxl

    book = openpyxl.Workbook()
    orders = book.active
    orders.title = "销售明细"
    copy = book.create_sheet("销售明细(旧)")
    for sheet in (orders, copy):
        sheet.append(HEADER)
        for code, customer, day, quantity, price in LINES:
            sheet.append([code, customer, day, quantity, price])
    copy.sheet_state = "hidden"
    lookup = book.create_sheet("客户对照")
    lookup.append(["客户编码", "区域"])
    for code in sorted({line[0] for line in LINES}):
        lookup.append([code, "华东"])
    lookup.sheet_state = "veryHidden"
    book.save(path)


def test_hidden_sheets_are_left_out_with_a_note_naming_them(con, tmp_path):
    """The hidden old copy was stacked onto the orders (every sale counted twice, a ``sheet``
    column) and the lookup loaded as a second table."""
    path = tmp_path / "销售.xlsx"
    _book_with_hidden_sheets(path)
    (result,) = load_file(con, path, "sales")
    assert (result.table, result.rows) == ("sales", len(LINES))
    assert [c for c, _ in store.columns_of(con, "sales")] == HEADER
    assert str(result.notes[0]).startswith(
        "hidden sheets left out: '销售明细(旧)', '客户对照' (hidden in Excel")
    assert say(result.notes[0], "zh").startswith(
        "隐藏的工作表未导入：“销售明细(旧)”、“客户对照”（在 Excel 里被隐藏")
    assert [t.name for t in store.list_tables(con)] == ["sales"]


def test_a_hidden_sheet_picked_by_name_loads(con, tmp_path):
    path = tmp_path / "销售.xlsx"
    _book_with_hidden_sheets(path)
    assert excel_sheets(path) == ["销售明细", "销售明细(旧)", "客户对照"]
    (result,) = load_file(con, path, "lookup", sheet="客户对照")
    assert result.rows == len({line[0] for line in LINES}) and not result.notes



def test_a_hidden_sheet_loads_when_no_visible_sheet_has_data(con, tmp_path):
    """A cover sheet left empty, the orders hidden: the data is there, not out of sight."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "封面"
    orders = book.create_sheet("销售明细")
    orders.append(HEADER)
    for line in LINES:
        orders.append(list(line))
    orders.sheet_state = "hidden"
    book.save(tmp_path / "销售.xlsx")
    (result,) = load_file(con, tmp_path / "销售.xlsx", "sales")
    assert result.rows == len(LINES) and not any("hidden" in str(n) for n in result.notes)


def test_a_sheet_of_a_header_without_rows_is_left_out_with_a_note(con, tmp_path):
    """walk13: python-calamine's base.xlsb loaded its header-only Sheet1 as an empty table beside
    the data (``base_sheet1``, 0 rows × 10 columns); an order book's blank template sheet alike."""
    import openpyxl

    book = openpyxl.Workbook()
    orders = book.active
    orders.title = "销售明细"
    orders.append(HEADER)
    for line in LINES:
        orders.append(list(line))
    book.create_sheet("模板").append(HEADER)
    book.save(tmp_path / "订单.xlsx")
    (result,) = load_file(con, tmp_path / "订单.xlsx", "orders")
    assert result.rows == len(LINES) and [t.name for t in store.list_tables(con)] == ["orders"]
    assert "工作表“模板”未导入：只有表头，没有数据行" in [say(n, "zh") for n in result.notes]
    template = openpyxl.Workbook()
    template.active.append(HEADER)
    template.save(tmp_path / "template.xlsx")
    with pytest.raises(CrmError) as refused:
        load_file(con, tmp_path / "template.xlsx", "template")
    assert say(refused.value.args[0], "en") == "template.xlsx: the file has a header but no data rows."
