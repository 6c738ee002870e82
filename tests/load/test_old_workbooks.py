"""Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks load as their .xlsx twin does; a
password or a damaged file is refused naming the file, in English and Chinese.

``erp_sales.*`` is one ERP-shaped workbook saved by LibreOffice in three formats
(``tests/data/old_workbooks.py``); ``password.xls`` / ``.xlsx`` / ``.ods`` come from python-calamine's
own test data (MIT).
"""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import excel_sheets, load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA
from tests.data.old_workbooks import LINES


def _table(con, table: str) -> list[tuple]:
    """Rows in order, doubles to 9 places: an .xls keeps a formula's value as the exact double
    (135.89999999999998), the .xlsx LibreOffice wrote it as text to 15 digits (135.9)."""
    rows = con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()
    return [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_an_old_workbook_loads_as_its_xlsx_twin(con, suffix):
    """The loader refused .xls ("save it as .xlsx") and did not know .ods; the same title,
    说明 sheet, text ids, dates, formula values and hidden 合计 row as the .xlsx now."""
    (twin,) = load_file(con, DATA / "erp_sales.xlsx", "twin")
    (result,) = load_file(con, DATA / f"erp_sales.{suffix}", "erp")
    assert store.columns_of(con, "erp") == store.columns_of(con, "twin")
    assert _table(con, "erp") == _table(con, "twin")
    assert get_roles(con, "erp") == get_roles(con, "twin")
    assert list(result.notes) == list(twin.notes)
    rows, amount, codes, ids = con.execute(
        'SELECT count(*), round(sum("价税合计"), 2), list(DISTINCT "客户编码" ORDER BY "客户编码"), '
        'bool_and(length("单据编号") = 18) FROM erp').fetchone()
    assert (rows, amount) == (len(LINES), round(sum(q * p for *_, q, p in LINES), 2))
    assert codes == sorted({code for code, *_ in LINES}) and ids
    assert dict(store.columns_of(con, "erp"))["单据日期"] == "DATE"


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_an_old_workbook_s_sheets_are_offered_and_one_loads_alone(con, suffix):
    assert excel_sheets(DATA / f"erp_sales.{suffix}") == ["说明", "销售出库单"]
    (result,) = load_file(con, DATA / f"erp_sales.{suffix}", "readme", sheet="说明")
    assert result.rows == 1


@pytest.mark.parametrize("name", ["password.xls", "password.xlsx", "password.ods"])
def test_a_password_protected_workbook_says_so(con, name):
    """An encrypted .xlsx is an OLE2 file like an .xls: it was called "an old Excel 97-2003
    workbook (.xls)", and a protected .xls was told to be saved as .xlsx, which its password stops."""
    with pytest.raises(CrmError) as refused:
        load_file(con, DATA / name)
    assert str(refused.value).startswith(f"{name}: this workbook is protected by a password")
    assert say(refused.value.args[0], "zh").startswith(f"{name}：这个工作簿设了打开密码")


def test_a_damaged_xls_is_refused_naming_the_file(con, tmp_path):
    """A download cut short: the OLE2 header is there, the sheets are not."""
    path = tmp_path / "对账单.xls"
    path.write_bytes((DATA / "erp_sales.xls").read_bytes()[:3000])
    with pytest.raises(CrmError) as refused:
        load_file(con, path)
    assert str(refused.value).startswith("对账单.xls: this workbook cannot be opened — the file is damaged")
    assert say(refused.value.args[0], "zh").startswith("对账单.xls：打不开这个工作簿——文件已损坏")
    assert store.list_tables(con) == []


def test_an_xls_that_is_tab_separated_text_loads_as_text(con, tmp_path):
    """ERPs and portals write GBK tab-separated text under an ".xls" name: "unsupported file type"."""
    path = tmp_path / "销售明细.xls"
    lines = ["单据编号\t客户编码\t单据日期\t价税合计"] + [
        f"{day:%Y%m%d}{i:010d}\t{code}\t{day:%Y-%m-%d}\t{qty * price:.2f}"
        for i, (code, _, day, qty, price) in enumerate(LINES, 1)]
    path.write_bytes("\n".join(lines).encode("gbk"))
    (result,) = load_file(con, path, "t")
    assert (result.rows, result.encoding) == (len(LINES), "gb18030")
    codes, ids = con.execute('SELECT list(DISTINCT "客户编码" ORDER BY "客户编码"), '
                             'bool_and(length("单据编号") = 18) FROM t').fetchone()
    assert codes == sorted({code for code, *_ in LINES}) and ids


def test_an_xls_that_is_a_web_page_says_how_to_save_it(con, tmp_path):
    path = tmp_path / "报表.xls"
    path.write_text("<html><body><table><tr><td>客户</td><td>金额</td></tr>"
                    "<tr><td>000123</td><td>12.5</td></tr></table></body></html>")
    with pytest.raises(CrmError) as refused:
        load_file(con, path)
    assert str(refused.value).startswith("报表.xls: this “.xls” is a web page (an HTML or XML table)")
    assert say(refused.value.args[0], "zh").startswith("报表.xls：这个“.xls”其实是网页格式")
