"""Streamlit glue shared by the pages: language, workspace handle, the error boundary,
cached reads and download buttons. The only non-page module that imports streamlit."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.reports import csv_bytes, excel_bytes
from crm_core.store import TableInfo, Workspace

LANG_KEY = "lang"
WORKSPACE_KEY = "workspace_dir"
PAGES = {
    "home": "pages/home.py",
    "data": "pages/data.py",
    "support": "pages/support.py",
    "clean": "pages/clean.py",
    "segments": "pages/segments.py",
}


def lang() -> str:
    """The UI language chosen in the sidebar ("en" or "zh")."""
    return st.session_state.get(LANG_KEY, "en")


def tr(key: str, **values: object) -> str:
    """Translate ``key`` into the current UI language."""
    return i18n.t(key, lang(), **values)


def workspace() -> Workspace:
    """This session's workspace (the default folder unless sign-in chose another)."""
    return Workspace(st.session_state.get(WORKSPACE_KEY))


def language_switch() -> None:
    """The English / 简体中文 switch in the sidebar."""
    codes = list(i18n.LANGUAGES)
    st.sidebar.selectbox(
        "Language / 语言", codes, key=LANG_KEY, format_func=i18n.LANGUAGES.__getitem__,
    )


@dataclass
class Outcome:
    """Whether the guarded block failed (its error was already shown)."""

    failed: bool = False


@contextmanager
def user_errors() -> Iterator[Outcome]:
    """Show analyst-fixable errors as ``st.error``; anything else as a short message too."""
    outcome = Outcome()
    try:
        yield outcome
    except CrmError as exc:
        outcome.failed = True
        st.error(str(exc), icon="⚠️")
    except Exception as exc:  # the UI boundary: a message, never a raw traceback
        outcome.failed = True
        st.error(tr("error.unexpected", kind=type(exc).__name__, message=str(exc)[:300]), icon="🛑")
        with st.expander(tr("error.details")):
            st.code(traceback.format_exc()[-3000:])


@st.cache_data(max_entries=64, show_spinner=False)
def _tables(folder: str, stamp: float) -> list[TableInfo]:
    # ``stamp`` must not start with "_": Streamlit leaves such arguments out of the cache key
    return Workspace(folder).tables()


def tables() -> list[TableInfo]:
    """Workspace tables, cached until the database file changes."""
    ws = workspace()
    return _tables(str(ws.folder), workspace_stamp(ws))


def workspace_stamp(ws) -> float:
    """Changes whenever the workspace is written (the database file or its write-ahead log)."""
    files = (ws.db_path, ws.db_path.with_name(ws.db_path.name + ".wal"))
    return sum(f.stat().st_mtime_ns + f.stat().st_size for f in files if f.exists()) / 1e9


def require_tables() -> list[TableInfo]:
    """The tables, or a friendly pointer to the Data page and a stop when there are none."""
    found = tables()
    if not found:
        st.info(tr("common.no_data"))
        st.page_link(PAGES["data"], label=tr("nav.data"), icon="📥")
        st.stop()
    return found


def table_picker(label_key: str, key: str, preferred: tuple[str, ...] = ()) -> str:
    """A table selectbox that starts on the first preferred table that exists."""
    names = [t.name for t in require_tables()]
    index = next((names.index(p) for p in preferred if p in names), 0)
    return st.selectbox(tr(label_key), names, index=index, key=key)


def downloads(frame: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and Excel download buttons for a table the analyst sees."""
    left, right = st.columns(2)
    left.download_button(tr("common.download_csv"), csv_bytes(frame), f"{stem}.csv",
                         "text/csv", key=f"{key}_csv", width="stretch")
    right.download_button(tr("common.download_xlsx"), excel_bytes({stem[:31]: frame}),
                          f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", width="stretch")
