"""Data never renders as markdown (issue #20, Medium 5): an image link in a header or a cell
would make the analyst's browser fetch it; a formula header would run in Excel."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd

from app_ui import plain
from crm_core.cli import main
from crm_core.report.files import csv_bytes, excel_bytes_fast
from tests.ui.apptest import page_opener

IMAGE = "![p](http://127.0.0.1:9/x.png)"
FORMULA = '=HYPERLINK("http://127.0.0.1:9/","click")'
HOSTILE_CSV = (f"email {IMAGE},invoice_no,amount,note\n"
               + "".join(f"a{i}@example.com,{IMAGE if i < 3 else i},{IMAGE if i % 5 == 0 else i},"
                         f"{IMAGE}\n" for i in range(40)))


def _rendered(at) -> list[str]:
    """Every text Streamlit renders as markdown on the page."""
    kinds = ("markdown", "caption", "success", "warning", "error", "info", "title", "subheader")
    return [str(e.value) for kind in kinds for e in getattr(at, kind)]


def test_data_and_clean_pages_show_data_as_text_not_markdown(ws, tmp_path):
    at = page_opener("pages/data.py")(ws.folder)
    at.file_uploader[0].set_value((f"{IMAGE}.csv", HOSTILE_CSV.encode(), "text/csv")).run()
    at = at.button(key="load_uploads").click().run()
    assert not at.exception
    shown = _rendered(at)
    at = at.switch_page("pages/clean.py").run()
    assert not at.exception
    shown += _rendered(at)
    assert any("127" in text for text in shown)  # the data is on the page …
    assert not [t for t in shown if "![" in t or "[p]" in t]  # … but never as an image or a link


def test_plain_escapes_every_markdown_construct():
    for text in (IMAGE, "<img src=x>", "<http://x>", "$x^2$", "**b**", "`c`", "[a](b)", "_i_"):
        escaped = plain(text)
        assert all(escaped[i - 1] == "\\" for i, ch in enumerate(escaped) if ch in "[]<>$*`_")
    assert plain("orders_2024 (1)") == "orders_2024 (1)"


def test_every_writer_neutralises_formula_headers_and_cells():
    frame = pd.DataFrame({FORMULA: ["=1+1", "ok", "-2"], "n": [1, 2, 3]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("\"'=HYPERLINK") and "'=1+1" in text
    book = excel_bytes_fast({"s": frame})
    sheet = zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet
    cells = {c.value: c for row in openpyxl.load_workbook(io.BytesIO(book))["s"].iter_rows() for c in row}
    assert {v: cells[v].quotePrefix for v in (FORMULA, "=1+1", "-2", "ok")} == {
        FORMULA: True, "=1+1": True, "-2": True, "ok": False}  # text Excel keeps as text, no ' shown


def test_cli_sql_csv_neutralises_formulas(sample_ws, capsys):
    assert main(["sql", f"SELECT '=1+1' AS \"{FORMULA.replace(chr(34), chr(34) * 2)}\", 5 AS n",
                 "--workspace", str(sample_ws.folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("\"'=HYPERLINK") and lines[1] == "'=1+1,5"
