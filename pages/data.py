"""Data: upload exports, load the sample set, browse tables and correct column roles."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import streamlit as st

from app_ui import current_user, downloads, engine_setting, tables, tr, user_errors, workspace
from crm_core.errors import CrmError
from crm_core.load import reader as crm_io
from crm_core.load.sample import load_sample
from crm_core.load.scan import scan_file
from crm_core.protect.audit import record as audit_record
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import store

PREVIEW_ROWS = 100


def _progress_bar(label: str):
    bar = st.progress(0.0, text=label)
    return lambda fraction, _stage: bar.progress(min(1.0, fraction), text=label)


MESSAGES_KEY = "data_messages"
UPLOADER_GEN_KEY = "uploader_generation"


def _remember_result(result: crm_io.LoadResult) -> None:
    """Queue the success line for the next run (the uploader is reset after a load)."""
    values = dict(file=result.source, table=result.table, rows=f"{result.rows:,}",
                  columns=result.columns, encoding=result.encoding, delimiter=result.delimiter)
    notes = tr("data.notes", table=result.table, notes="; ".join(result.notes)) if result.notes else ""
    st.session_state.setdefault(MESSAGES_KEY, []).append(
        (tr("data.loaded" if result.encoding else "data.loaded_typed", **values), notes))
    st.session_state["data_table"] = result.table


def show_messages() -> None:
    """Success lines of the last load, shown once."""
    for message, notes in st.session_state.pop(MESSAGES_KEY, []):
        st.success(message)
        if notes:
            st.caption(notes)


def _load_upload(upload, table: str, replace: bool, sheet: str | None, mask_pii: bool = False) -> None:
    """Spool the upload to a temporary file so DuckDB reads it from disk."""
    suffix = Path(upload.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as tmp:
        upload.seek(0)
        shutil.copyfileobj(upload, tmp, length=1 << 20)
    try:
        with workspace().connect() as con:
            results = crm_io.load_file(
                con, tmp.name, table, display_name=upload.name, replace=replace, sheet=sheet,
                progress=_progress_bar(tr("data.loading", file=upload.name)), mask_pii=mask_pii,
            )
            audit_record(con, current_user(), "load", f"{upload.name} -> {table}")
    finally:
        os.unlink(tmp.name)
    for result in results:
        _remember_result(result)


def _sheet_choice(upload) -> str | None:
    if Path(upload.name).suffix.lower() not in crm_io.EXCEL_SUFFIXES:
        return None
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
        upload.seek(0)
        shutil.copyfileobj(upload, tmp)
        tmp.flush()
        sheets = crm_io.excel_sheets(tmp.name)
    if len(sheets) < 2:
        return None
    choice = st.selectbox(tr("data.sheet", file=upload.name), ["", *sheets],
                          format_func=lambda s: s or tr("data.all_sheets"), key=f"sheet_{upload.name}")
    return choice or None


@st.cache_data(max_entries=32, show_spinner=False)
def _pii_kinds(file_id: str, name: str, _upload) -> dict[str, str]:
    """PII columns of an upload (cached per uploaded file)."""
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix, delete=False) as tmp:
        _upload.seek(0)
        shutil.copyfileobj(_upload, tmp, length=1 << 20)
    try:
        return scan_file(tmp.name, name)
    except CrmError:
        return {}  # a file that cannot be read is reported by the load itself
    finally:
        os.unlink(tmp.name)


def _pii_checkbox(upload) -> bool:
    """Name the personal data found in an upload; masking is on by default when there is some."""
    kinds = _pii_kinds(upload.file_id, upload.name, upload)
    if not kinds:
        return False
    found = ", ".join(f"{col} ({tr('protect.kind.' + kind)})" for col, kind in kinds.items())
    st.warning(tr("protect.pii_found", file=upload.name, columns=found), icon="🔐")
    return st.checkbox(tr("protect.mask_pii", file=upload.name), value=True,
                       help=tr("protect.mask_help"), key=f"mask_{upload.name}")


def upload_section(existing: set[str]) -> None:
    """Uploader, a name per file, a replace confirmation when the name is taken."""
    generation = st.session_state.get(UPLOADER_GEN_KEY, 0)
    uploads = st.file_uploader(tr("data.upload"), accept_multiple_files=True,
                               key=f"uploader_{generation}", help=tr("data.upload_help"))
    if not uploads:
        return
    plans = []
    for upload in uploads:
        with user_errors():
            sheet = _sheet_choice(upload)
            name = st.text_input(tr("data.table_name", file=upload.name),
                                 store.safe_table_name(upload.name), key=f"name_{upload.name}")
            replace = False
            if store.safe_table_name(name) != name:
                name = store.safe_table_name(name)
            if name in existing:
                st.warning(tr("data.exists", name=name))
                replace = st.checkbox(tr("data.replace", name=name), key=f"replace_{upload.name}")
            mask = _pii_checkbox(upload)
            plans.append((upload, name, replace, sheet, mask))
    if st.button(tr("data.load"), type="primary", key="load_uploads") and _load_all(plans, existing):
        # a new uploader key lets Streamlit drop the uploaded bytes from memory
        st.session_state[UPLOADER_GEN_KEY] = generation + 1
        st.rerun()


def _load_all(plans, existing: set[str]) -> bool:
    """Load each planned upload; False when any was skipped or refused (its message shown)."""
    all_loaded = True
    for upload, name, replace, sheet, mask in plans:
        if name in existing and not replace:
            st.warning(tr("data.skipped", name=name))
            all_loaded = False
            continue
        with user_errors() as outcome:
            _load_upload(upload, name, replace, sheet, mask)
        all_loaded = all_loaded and not outcome.failed
    return all_loaded


def sample_section() -> None:
    """One click to the bundled sample data."""
    st.caption(tr("data.sample_help"))
    if st.button(tr("data.sample"), key="load_sample"):
        with user_errors(), workspace().connect() as con:
            results = load_sample(con, _progress_bar(tr("data.sample")))
            st.success(tr("data.sample_done", tables=", ".join(r.table for r in results)))
            st.session_state["data_table"] = "orders"


def import_section(existing: set[str]) -> None:
    """Files the operator dropped in ``CRM_IMPORT_DIR`` (nothing else on the server)."""
    files = crm_io.import_dir_files()
    if not files:
        return
    with st.expander(tr("data.import_dir")):
        st.caption(tr("data.import_help"))
        name = st.selectbox(tr("data.import_pick"), [p.name for p in files], key="import_file")
        replace = store.safe_table_name(name) in existing and st.checkbox(
            tr("data.replace", name=store.safe_table_name(name)), key="import_replace")
        if st.button(tr("data.import_load"), key="import_load"):
            with user_errors(), workspace().connect() as con:
                for result in crm_io.load_file(con, crm_io.resolve_import(name), replace=replace,
                                               progress=_progress_bar(tr("data.loading", file=name))):
                    _remember_result(result)
                st.rerun()


def roles_editor(con, table: str) -> None:
    """Columns with type, missing share and role, then one picker per role to correct them."""
    overview = crm_roles.column_overview(con, table)
    st.dataframe(
        overview, hide_index=True, width="stretch",
        column_config={
            "column": st.column_config.TextColumn(tr("data.col.column")),
            "type": st.column_config.TextColumn(tr("data.col.type")),
            "role": st.column_config.TextColumn(tr("data.col.role")),
            "missing": st.column_config.ProgressColumn(tr("data.col.missing"), min_value=0.0,
                                                       max_value=1.0, format="percent"),
            "example": st.column_config.TextColumn(tr("data.col.example")),
        },
    )
    current = crm_roles.get_roles(con, table)
    options = ["", *overview["column"]]
    with st.form(f"roles_form_{table}"):
        cells = st.columns(4)
        chosen = {
            role: cells[i % 4].selectbox(
                tr(f"role.{role}"), options, index=options.index(current.get(role, "")),
                key=f"role_{table}_{role}", format_func=lambda c: c or tr("role.none"))
            for i, role in enumerate(crm_roles.ROLES)
        }
        if st.form_submit_button(tr("data.save_roles")):
            store.save_roles(con, table, {r: c for r, c in chosen.items() if c})
            st.success(tr("data.roles_saved", table=table))


def browse_section() -> None:
    """Pick a table: size, preview with downloads, roles, delete."""
    found = tables()
    if not found:
        return
    st.subheader(tr("data.browse"))
    names = [t.name for t in found]
    current = st.session_state.get("data_table")
    table = st.selectbox(tr("common.table"), names,
                         index=names.index(current) if current in names else 0, key="browse_table")
    info = next(t for t in found if t.name == table)
    a, b = st.columns(2)
    a.metric(tr("common.rows"), f"{info.rows:,}")
    b.metric(tr("common.columns"), info.columns)
    with workspace().connect() as con:
        frame = store.preview(con, table, PREVIEW_ROWS)
        st.markdown(f"**{tr('data.preview', n=PREVIEW_ROWS)}**")
        st.dataframe(frame, hide_index=True, width="stretch")
        downloads(frame, f"{table}_preview", key=f"dl_{table}")
        st.markdown(f"**{tr('data.columns')}**")
        st.caption(tr("data.roles_help"))
        roles_editor(con, table)
        with st.popover(tr("data.delete")):
            if st.button(tr("data.delete_confirm", table=table), key=f"delete_{table}"):
                store.drop_table(con, table)
                st.session_state.pop("data_table", None)
                st.success(tr("data.deleted", table=table))
                st.rerun()


st.title(tr("data.title"))
show_messages()
with user_errors():
    existing = {t.name for t in tables()}
    upload_section(existing)
    sample_section()
    import_section(existing)
    browse_section()
    engine_setting()
