"""The PII pre-scan of an upload: which columns hold personal data, before anything is loaded."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from crm_core.load import reader
from crm_core.protect import privacy
from crm_core.workspace.store import Workspace


def scan_file(path: str | os.PathLike[str], display_name: str | None = None,
              sample_lines: int = privacy.SAMPLE_VALUES) -> dict[str, str]:
    """PII columns of a file before it is loaded (for the upload checkbox): column → kind.

    Text files are judged on their first lines, loaded into a throwaway in-memory database
    with the same reader as a real load, so nothing touches the workspace.
    """
    path = Path(path)
    name = display_name or path.name
    source, tmp = path, None
    if Path(name).suffix.lower() in reader.TEXT_SUFFIXES:
        with path.open("rb") as src, tempfile.NamedTemporaryFile(
                suffix=Path(name).suffix, delete=False) as dst:
            for i, line in enumerate(src):
                if i > sample_lines:
                    break
                dst.write(line)
        source = tmp = Path(dst.name)
    try:
        with tempfile.TemporaryDirectory(prefix="crm_scan_") as folder, \
                Workspace(folder).connect() as con:
            found: dict[str, str] = {}
            for result in reader.load_file(con, source, "scan", display_name=name):
                found |= {c: k for c, k in privacy.detect_pii(con, result.table).items() if k}
            return found
    finally:
        if tmp is not None:
            tmp.unlink()
