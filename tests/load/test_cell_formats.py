"""A workbook's currency said by its cells' number format (``"$"#,##0.00``, ``[$¥-804]#,##0.00``), not
their values: Excel keeps the number and draws the sign (left39, judge41's Dynamics 365 deals)."""

from __future__ import annotations

import zipfile

import openpyxl

from crm_core.load import cellformats
from crm_core.load.reader import load_file
from crm_core.report import format as fmt
from tests.conftest import DATA

DYNAMICS = DATA / "dynamics_opportunities_excerpt.xlsx"


def _formats(path, header: str) -> set[str]:
    """The number formats of one column's cells below its header, as openpyxl reads them."""
    sheet = openpyxl.load_workbook(path).active
    column = [c.value for c in sheet[1]].index(header) + 1
    return {sheet.cell(row, column).number_format for row in range(2, sheet.max_row + 1)}


def test_dynamics_revenue_formatted_in_dollars_shows_dollars(con):
    """Dynamics 365's Export to Excel writes ``Est. Revenue`` as numbers formatted ``"$"#,##0.00``: the
    dollar lives in the format only, so judge41's Segments showed revenue 99,760 without its sign."""
    assert _formats(DYNAMICS, "Est. Revenue") == {'"$"#,##0.00'}
    table = load_file(con, DYNAMICS, "dy")[0].table
    assert fmt.display_currency(con, table) == fmt.UNITS["$"]


def _book(tmp_path, number_format: str):
    """A small sales sheet whose amounts carry ``number_format``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Customer", "Date", "Amount"])
    for i, amount in enumerate([120.5, 88.0, 342.25, 56.8]):
        sheet.append([f"C{i % 2}", f"2024-03-0{i + 1}", amount])
        sheet.cell(i + 2, 3).number_format = number_format
    path = tmp_path / "sales.xlsx"
    book.save(path)
    return path


def test_yuan_in_a_locale_bracket_is_the_yuan(con, tmp_path):
    """Excel writes a currency picked from its list as ``[$¥-804]`` (the sign, then the locale's id)."""
    table = load_file(con, _book(tmp_path, "[$¥-804]#,##0.00"), "sales")[0].table
    assert fmt.display_currency(con, table) == fmt.UNITS["¥"]


def test_plain_number_format_names_no_currency(con, tmp_path):
    """Amounts formatted ``#,##0.00`` say no unit: none is made up (a ``[$-409]`` locale alone is none)."""
    for number_format in ("#,##0.00", "[$-409]#,##0.00"):
        table = load_file(con, _book(tmp_path, number_format), f"plain{len(number_format)}")[0].table
        assert fmt.display_currency(con, table) == ""


def test_a_workbook_without_its_relationships_part_still_loads(con, tmp_path):
    """A writer that leaves out ``xl/_rels/workbook.xml.rels`` (calamine reads on without it) loses only
    the sign the format would have given, not the load."""
    source, path = _book(tmp_path, '"$"#,##0.00'), tmp_path / "norels.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            if item.filename != "xl/_rels/workbook.xml.rels":
                new.writestr(item, old.read(item))
    assert cellformats.sheet_currency(path, "Sheet") == ""
    assert cellformats.sheet_currency(source, "Sheet") == fmt.UNITS["$"]
