"""Upload limits: decompressed size, rows, columns and cell size, checked before or while reading.

Each refusal names the limit and the setting that raises it, so an operator can tell a bomb
from an honest big export. Limits come from :mod:`crm_core.settings` (environment variables).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from crm_core import settings
from crm_core.errors import CrmError
from crm_core.i18n import Sentence

MB = 1 << 20


def _refuse(name: str, what: Sentence, setting: str) -> CrmError:
    env = next(s.env for s in settings.SETTINGS if s.name == setting)
    return CrmError(Sentence("load.error.limit", name=name, what=what, limit=f"{settings.limit(setting):,}",
                             env=env))


def check_file_size(path: Path, name: str) -> None:
    """The file itself may not exceed ``max_file_mb``."""
    size = path.stat().st_size
    if size > settings.limit("max_file_mb") * MB:
        raise _refuse(name, Sentence("load.limit.file_size", size=f"{size / MB:,.0f}"), "max_file_mb")


def check_columns(n_columns: int, name: str) -> None:
    """Refuse a table wider than ``max_columns`` before any row is read."""
    if n_columns > settings.limit("max_columns"):
        raise _refuse(name, Sentence("load.limit.columns", n=f"{n_columns:,}"), "max_columns")


def check_rows(n_rows: int, name: str) -> None:
    """Refuse a table longer than ``max_rows`` (the reader stops one row past the limit)."""
    if n_rows > settings.limit("max_rows"):
        raise _refuse(name, Sentence("load.limit.rows"), "max_rows")


def max_rows() -> int:
    return settings.limit("max_rows")


def max_line_bytes() -> int:
    """The longest line DuckDB's reader accepts (a cell cannot be longer than its line)."""
    return settings.limit("max_cell_mb") * MB


def line_too_long(name: str) -> CrmError:
    return _refuse(name, Sentence("load.limit.line"), "max_cell_mb")


def check_workbook(path: Path, name: str) -> None:
    """An .xlsx is a zip of XML: add up what it would unpack to before opening it."""
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise CrmError(Sentence("load.error.workbook_damaged", name=name)) from exc
    check_unpacked(unpacked, name, "max_excel_mb", "load.limit.workbook")


def check_unpacked(unpacked: int, name: str, setting: str, what: str) -> None:
    """Refuse what a zip or gzip unpacks to (said by ``what``) past ``setting``'s MB: a workbook's
    XML, an archive's data (checked on the zip's directory first, then while streaming)."""
    if unpacked > settings.limit(setting) * MB:
        raise _refuse(name, Sentence(what, size=f"{unpacked / MB:,.0f}"), setting)
