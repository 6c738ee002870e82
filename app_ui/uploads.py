"""An upload spooled to disk, and the personal data it holds, said before it is loaded (the Data page)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from app_ui.auth import workspace
from app_ui.text import lang, tr
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.scan import found_said, scan_file
from crm_core.load.tempfiles import temp_path


@contextmanager
def spooled(upload):
    """The upload as a file in the workspace's own temp folder, deleted however the block ends."""
    with temp_path(workspace().folder, Path(upload.name).suffix) as path:
        upload.seek(0)
        with path.open("wb") as out:
            shutil.copyfileobj(upload, out, length=1 << 20)
        yield path


@st.cache_data(max_entries=32, show_spinner=False)
def _pii_kinds(file_id: str, name: str, _upload) -> dict[str, str] | None:
    """PII columns of an upload (cached per uploaded file); None when the scan could not read it."""
    try:
        with spooled(_upload) as tmp:
            return scan_file(tmp, name, work_folder=workspace().folder)
    except CrmError:
        return None


def pii_checkbox(upload) -> bool:
    """Name the personal data found in an upload, or say it could not be looked for; masking is on by
    default either way. A scan that could not read the file was taken for "no personal data": no word, no
    box, and the file loaded in the clear (left81). Masked, the load reads every row itself."""
    kinds = _pii_kinds(upload.file_id, upload.name, upload)
    if kinds == {}:
        return False
    found = kinds and tr("protect.pii_found", file=upload.name, columns=say(found_said(kinds), lang()))
    st.warning(found or tr("protect.pii_unchecked", file=upload.name), icon=":material/lock:")
    return st.checkbox(tr("protect.mask_pii", file=upload.name), value=True,
                       help=tr("protect.mask_help"), key=f"mask_{upload.name}")
