"""The PII pre-scan of an upload: which columns hold personal data, before anything is loaded."""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

from crm_core.i18n import Listing, Sentence
from crm_core.load import archives, reader, tempfiles
from crm_core.protect import privacy
from crm_core.workspace.store import Workspace

SCAN_BYTES = 16 << 20
"""The most of a text file the pre-scan copies, however long its lines (a bomb is never read whole)."""


def scan_file(path: str | os.PathLike[str], display_name: str | None = None,
              sample_lines: int = privacy.SAMPLE_VALUES,
              work_folder: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """PII columns of a file before it is loaded (for the upload checkbox): column → kind.

    Text files are judged on their first lines, loaded into a throwaway database with the same
    reader (and limits) as a real load, so nothing touches the workspace. ``work_folder`` (the
    workspace) keeps those throwaway copies in its own temp folder instead of the system's.
    """
    path = Path(path)
    name = display_name or path.name
    parent = tempfiles.temp_dir(Path(work_folder)) if work_folder else None
    with (tempfile.TemporaryDirectory(prefix=f"{tempfiles.PREFIX}{os.getpid()}_scan_", dir=parent) as folder,
          ExitStack() as stack):
        source = path
        if archives.is_archive(path, Path(name).suffix.lower() in reader.EXCEL_SUFFIXES):  # its file's head
            inner = stack.enter_context(archives.unpacked(path, name, Path(folder)))
            source, name = inner.path, inner.name
        if Path(name).suffix.lower() in reader.TEXT_SUFFIXES:
            head = Path(folder) / f"head{Path(name).suffix}"
            _copy_head(source, head, sample_lines)
            source = head
        with Workspace(Path(folder) / "ws").connect() as con:
            found: dict[str, str] = {}
            for result in reader.load_file(con, source, "scan", display_name=name):
                found |= {c: k for c, k in privacy.detect_pii(con, result.table).items() if k}
            return found


def _copy_head(path: Path, target: Path, sample_lines: int) -> None:
    """The first rows of a text file, never more than :data:`SCAN_BYTES`. A row ends on a line where no
    quote is open: cut inside 美团外卖's two-line 收货地址, the head was refused as an unclosed quote, the
    scan found nothing and the upload loaded unmasked (walk38)."""
    budget, rows, quotes = SCAN_BYTES, 0, 0
    with path.open("rb") as src, target.open("wb") as dst:
        while rows <= sample_lines and budget > 0:
            line = src.readline(budget)
            if not line:
                break
            dst.write(line)
            budget -= len(line)
            quotes += line.count(b'"')
            rows += quotes % 2 == 0


def found_said(kinds: dict[str, str]) -> Listing:
    """The personal data :func:`scan_file` found, each column with its kind in the language's own
    quotes and brackets: "会员手机号 (电话)" read as an English aside in a Chinese sentence."""
    return Listing(Sentence("protect.pii_column", column=column, kind=Sentence(f"protect.kind.{kind}"))
                   for column, kind in kinds.items())
