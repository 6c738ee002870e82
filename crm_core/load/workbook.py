"""Opening a workbook — .xlsx / .xlsm / .xlsb, Excel 97-2003 .xls and OpenDocument .ods — with calamine.

Chinese ERP and 财务 systems, older CRMs and government portals still export .xls; LibreOffice and
WPS users send .ods; Excel users keep big workbooks as binary .xlsb. python-calamine (Rust) reads
them all, and reads a 200,000-row .xlsx in an eighth of openpyxl's CPU time (docs/data.md, "Old
workbooks"). The format is told from the bytes, never the name: an .xlsx saved as ``.xls`` and an
encrypted .xlsx (an OLE2 file, like an .xls) are common. Each refusal names the file in the
analyst's language.
"""

from __future__ import annotations

import mmap
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.load import limits

OLE2 = b"\xd0\xcf\x11\xe0"
"""The signature of an Excel 97-2003 workbook (and of a password-protected .xlsx)."""
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
"""The stream an encrypted .xlsx keeps its key in; the OLE2 directory names it."""
_XLS_FILEPASS = re.compile(rb"\x09\x08\x10\x00\x00\x06\x05\x00.{12}\x2f\x00", re.DOTALL)
"""An .xls workbook's first record (BOF) followed by FILEPASS: the workbook has a password."""


def workbook_format(path: Path) -> str | None:
    """``xls``, ``xlsx``, ``xlsb`` or ``ods`` by what the file holds; None for anything else."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE2):
        return "xls"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                return "xlsb"
            if "mimetype" in names and zf.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
    except zipfile.BadZipFile:
        return None
    return None


@contextmanager
def opened(path: Path, name: str) -> Iterator[object]:
    """The workbook as a ``pandas.ExcelFile`` read by calamine, opened once for all its sheets.
    A zipped workbook's unpacked size is checked first (a zip bomb is refused unopened)."""
    import pandas as pd

    if workbook_format(path) != "xls":
        limits.check_workbook(path, name)
    with path.open("rb") as fh:  # a file object: calamine then tells the format by the bytes
        try:
            book = pd.ExcelFile(fh, engine="calamine")
        except Exception as exc:  # calamine raises its own errors, zip and xml ones for a damaged file
            if password_protected(path):
                raise CrmError(Sentence("load.error.workbook_password", file=name)) from exc
            raise unreadable(name, exc) from exc
        with book:
            yield book


def sheet_names(path: Path, name: str) -> list[str]:
    """The workbook's worksheets in order, hidden ones too (the analyst may pick one by name;
    chart sheets have no cells to load)."""
    with opened(path, name) as book:
        return list(book.sheet_names)


def hidden_sheets(book) -> set[str]:
    """Worksheets hidden in Excel (hidden or "very hidden"): lookup tables, old copies and
    helper sheets the workbook's author put out of sight, not the data the analyst sees."""
    from python_calamine import SheetVisibleEnum

    return {sheet.name for sheet in book.book.sheets_metadata if sheet.visible != SheetVisibleEnum.Visible}


def read_sheet(book, sheet: str, name: str):
    """Every cell of one sheet as Python values (no header, nothing typed yet)."""
    try:
        return book.parse(sheet_name=sheet, header=None, dtype=object)
    except Exception as exc:  # a damaged sheet inside a workbook that opened
        raise unreadable(name, exc, sheet) from exc


def password_protected(path: Path) -> bool:
    """Whether a workbook that would not open has a password (calamine, reading from a file
    object, then only says it "cannot detect the file format"): an encrypted .xlsx or .xls
    inside its OLE2 file, an encrypted .ods's manifest."""
    fmt = workbook_format(path)
    if fmt == "xls":  # mapped, not read: a damaged .xls may be as big as CRM_MAX_FILE_MB
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(_ENCRYPTED_OOXML) >= 0 or bool(_XLS_FILEPASS.search(data))
    if fmt == "ods":
        with zipfile.ZipFile(path) as zf:
            return ("META-INF/manifest.xml" in zf.namelist()
                    and b"encryption-data" in zf.read("META-INF/manifest.xml"))
    return False


def unreadable(name: str, exc: Exception, sheet: str | None = None) -> CrmError:
    """The refusal for a workbook (or one of its sheets) that cannot be read, with calamine's reason."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if sheet is not None:
        return CrmError(Sentence("load.error.sheet_unreadable", file=name, sheet=sheet, reason=reason))
    return CrmError(Sentence("load.error.workbook_unreadable", file=name, reason=reason))
