"""Workspace tables for the pages: cached lists, the table picker, a log's dates and rows used."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_ui.auth import workspace
from app_ui.nav import PAGES
from app_ui.text import rows_used, tr
from crm_core.errors import CrmError
from crm_core.workspace.store import TableInfo, Workspace


@st.cache_data(max_entries=64, show_spinner=False)
def _tables(folder: str, stamp: float) -> list[TableInfo]:
    # ``stamp`` must not start with "_": Streamlit leaves such arguments out of the cache key
    return Workspace(folder).tables()


def tables() -> list[TableInfo]:
    """Workspace tables, cached until the database file changes, in the order pickers list them
    (:func:`data_first`)."""
    ws = workspace()
    return data_first(_tables(str(ws.folder), workspace_stamp(ws)))


def data_first(found: list[TableInfo]) -> list[TableInfo]:
    """The analyst's data first, then kept run results, each newest loaded first: runs are written
    after the data they read, so ``churn_scores_orders_1`` and ``identity_map_…`` topped every
    picker and a loaded export fell off its first screen (walk15)."""
    return sorted(found, key=lambda t: t.kind not in DATA_KINDS)


def workspace_stamp(ws) -> float:
    """Changes whenever the workspace is written (the database file or its write-ahead log)."""
    files = (ws.db_path, ws.db_path.with_name(ws.db_path.name + ".wal"))
    return sum(f.stat().st_mtime_ns + f.stat().st_size for f in files if f.exists()) / 1e9


def require_tables() -> list[TableInfo]:
    """The tables, or a friendly pointer to the Data page and a stop when there are none."""
    found = tables()
    if not found:
        st.info(tr("common.no_data"))
        st.page_link(PAGES["data"], label=tr("nav.data"), icon=":material/upload_file:")
        st.stop()
    return found


DATA_KINDS = ("upload", "external", "table", "clean", "union", "join", "derived")
"""Catalogue kinds of tables that hold data (uploaded, cleaned, combined), never a run's result:
an upload is ``upload``, and pages opened on the newest run table instead of the order log."""


def table_picker(label_key: str, key: str, preferred: tuple[str, ...] = (),
                 kinds: tuple[str, ...] = (), per_customer: bool = True) -> str:
    """A table selectbox that starts on the first preferred table that exists, else on the
    newest loaded table of the first of ``kinds`` (``transactions`` …) any table holds: a
    Chinese ``订单明细`` has none of the English names, and the page must not open on the FAQ.
    With ``per_customer`` a log naming its customers comes first: a store's daily sales (no
    customer column) is a purchase log too, yet Segments opened on it only to refuse it. Without
    either, the newest loaded table: Support opened its FAQ box on a cohort run's result."""
    found = require_tables()
    names = [t.name for t in found]
    index = next((names.index(p) for p in preferred if p in names), None)
    if index is None and kinds:
        ws = workspace()
        loaded = {i: _content_kind(str(ws.folder), workspace_stamp(ws), t.name)
                  for i, t in enumerate(found) if t.kind in DATA_KINDS}
        passes = (True, False) if per_customer else (False,)
        index = next((i for need in passes for kind in kinds for i, (held, named) in loaded.items()
                      if held == kind and (named or not need)), None)
    if index is None:
        index = next((i for i, t in enumerate(found) if t.kind in DATA_KINDS), None)
    return st.selectbox(tr(label_key), names, index=index or 0, key=key)


def content_kind(table: str) -> str:
    """What ``table`` holds (``transactions``, ``customers``, ``events``), so a form can offer what
    applies to it; cached per workspace state."""
    ws = workspace()
    return _content_kind(str(ws.folder), workspace_stamp(ws), table)[0]


def worded_kind(table: str, held: str) -> str:
    """The kind a caption says ``table`` is, read as ``held``: an event log that is a review platform's
    export is said as reviews, not visits and events (walk33, 大众点评's 评价)."""
    if held != "events":
        return held
    ws = workspace()
    return "reviews" if _review_log(str(ws.folder), workspace_stamp(ws), table) else held


@st.cache_data(max_entries=64, show_spinner=False)
def _review_log(folder: str, stamp: float, table: str) -> bool:
    from crm_core.workspace.review_logs import review_log_of

    with Workspace(folder).connect() as con:
        return bool(review_log_of(con, table))


@st.cache_data(max_entries=256, show_spinner=False)
def _content_kind(folder: str, stamp: float, table: str) -> tuple[str, bool]:
    """What a table holds (purchase log, customer table, event log) and whether it names its
    customers, cached per workspace state; from the first lines when they settle it, not by
    counting every distinct id of each log (``kind_and_customer``)."""
    from crm_core.workspace.table_kind import kind_and_customer

    with Workspace(folder).connect() as con:
        kind, customer = kind_and_customer(con, table)
        return kind, customer is not None


@st.cache_data(max_entries=64, show_spinner=False)
def _coverage(folder: str, stamp: float, table: str) -> dict[str, int] | None:
    """Rows of a purchase log its analyses use and leave out (None for other kinds of table, and
    for one without a customer id or a date: the run itself says what it lacks)."""
    from crm_core.workspace.coverage import coverage
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.transactions import transaction_view

    if _content_kind(folder, stamp, table)[0] != "transactions":
        return None
    with Workspace(folder).connect() as con:
        roles = get_roles(con, table)
        if not (roles.get("customer_id") and roles.get("date")):
            return None
        return coverage(con, transaction_view(con, table, roles))


@st.cache_data(max_entries=64, show_spinner=False)
def _date_span(folder: str, stamp: float, table: str) -> tuple[date, date] | None:
    """First and last day of a purchase or event log (None for other tables)."""
    from crm_core.segment.sources import activity_range

    with Workspace(folder).connect() as con:
        try:
            return activity_range(con, table)
        except CrmError:  # no customer id or no readable date: the run says so itself
            return None


def day_input(container, label_key: str, table: str, key: str, **options):
    """An optional day inside the table's own dates: Streamlit's default range (ten years either
    side of today) refused CDNOW's 1997-09-30 ("Date set outside allowed range")."""
    ws = workspace()
    first, last = _date_span(str(ws.folder), workspace_stamp(ws), table) or (date(1900, 1, 1),
                                                                            date(2100, 12, 31))
    return container.date_input(tr(label_key), value=None, min_value=first, max_value=last, key=key,
                                **options)


def table_rows_used(table: str) -> None:
    """A caption under a purchase log's picker: the rows its analyses use and why others are left
    out (refunded orders never reach a model, so the analyst reads that here)."""
    ws = workspace()
    counts = _coverage(str(ws.folder), workspace_stamp(ws), table)
    if counts:
        st.caption(table_rows_said(table, counts))


def table_rows_said(table: str, coverage: dict[str, int]) -> str:
    """:func:`rows_used` of ``table`` with the rows its status left out said in the export's own states,
    as the Data page's note says them (Segments and Churn listed every state the app knows, walk36)."""
    ws, gone = workspace(), coverage.get("cancelled.cancelled_orders", 0)
    status = _status_said(str(ws.folder), workspace_stamp(ws), table, gone) if gone else None
    return rows_used(coverage, status)


@st.cache_data(max_entries=64, show_spinner=False)
def _status_said(folder: str, stamp: float, table: str, count: int):
    """The states of the ``count`` rows ``table``'s status left out (None when they do not name them all,
    or the table is gone: a kept run then says the generic words)."""
    from crm_core.workspace.status_named import status_said
    from crm_core.workspace.store import table_exists

    with Workspace(folder).connect() as con:
        return status_said(con, table, count) if table_exists(con, table) else None
