"""Data: upload exports, load the sample set, browse tables and correct column roles."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import streamlit as st

from app_ui import (
    DATA_KINDS,
    as_days,
    as_percent100,
    current_user,
    downloads,
    engine_setting,
    header_width,
    lang,
    money_column,
    percent_column,
    pii_checkbox,
    plain,
    show_table,
    spooled,
    tables,
    tr,
    user_errors,
    workspace,
)
from crm_core.i18n import Sentence, catalogue, listed, say
from crm_core.load import reader as crm_io
from crm_core.load import reupload
from crm_core.load.sample import load_sample
from crm_core.protect.audit import record as audit_record
from crm_core.report import format as fmt
from crm_core.report.column_currency import column_currency
from crm_core.workspace import column_kinds, role_overview, runs, store
from crm_core.workspace import roles as crm_roles
from crm_core.workspace.missing import table_note

PREVIEW_ROWS = 100


def _progress_bar(label: str):
    """A bar that goes once the work is done: drawn full, it stayed under the success message (walk28)."""
    bar = st.progress(0.0, text=label)
    return lambda fraction, _stage: bar.empty() if fraction >= 1 else bar.progress(fraction, text=label)


MESSAGES_KEY = "data_messages"
UPLOADER_GEN_KEY = "uploader_generation"


DELIMITER_NAMES = {",", ";", "|", "tab", "spaces"}


def _delimiter_words(delimiter: str) -> str:
    """The delimiter as the analyst says it ("逗号分隔"), not a bare "," inside the sentence."""
    if delimiter in DELIMITER_NAMES:
        return tr(f"data.delimiter.{delimiter}")
    return tr("data.delimiter.other", delimiter=delimiter)


def _encoding_words(encoding: str) -> str:
    """The encoding as the analyst knows it ("Western European Windows-1252"), not a codec id."""
    base = encoding.lower().removesuffix("-le").removesuffix("-be")
    key = f"data.encoding.{base}"
    return tr(key) if key in catalogue() else encoding.upper()


def notes_list(table: str, notes: list) -> str:
    """A load's notes as a list under the table's name, each its own sentence: joined by ";" in one
    line, "会员手机号: masked (phone); trailing total rows dropped: 1; rows of refunded …" ran
    three facts together behind one "Notes on …:" (judge6 and judge8 walks)."""
    if not notes:
        return ""
    stop = tr("data.note_stop")
    return "\n".join([tr("data.notes", table=table),
                      *(f"- {plain(_opening(_on_page(note)))}{stop}" for note in notes)])


def _on_page(note):
    """A load note in the page's own words where it has some (``data.page_note.<key>``): the CLI's
    "load it alone with --sheet" is no help on the page, which has its sheet box (walk14)."""
    key = f"data.page_note.{getattr(note, 'key', '').removeprefix('load.note.')}"
    return Sentence(key, **note.values) if key in catalogue() else note


def _opening(note) -> str:
    """A note said in the page's language with a capital first letter, unless it opens with one of
    its values: a column keeps its spelling ("full_name: masked", not "Full_name", walk9)."""
    text = str(say(note, lang()))
    values = [str(say(v, lang())) for v in getattr(note, "values", {}).values()]
    if any(v and text.startswith(v) for v in values):
        return text
    return text[:1].upper() + text[1:]


def _remember_result(result: crm_io.LoadResult) -> None:
    """Queue the success line for the next run (the uploader is reset after a load)."""
    values = dict(file=result.source, table=result.table, rows=f"{result.rows:,}",
                  columns=result.columns, encoding=_encoding_words(result.encoding),
                  delimiter=_delimiter_words(result.delimiter))
    notes = notes_list(result.table, result.notes)
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
    with spooled(upload) as tmp, workspace().connect() as con:
        results = crm_io.load_file(con, tmp, table, display_name=upload.name, replace=replace, sheet=sheet,
                                   progress=_progress_bar(tr("data.loading", file=upload.name)),
                                   mask_pii=mask_pii)
        audit_record(con, current_user(), "load", f"{upload.name} -> {table}")
    for result in results:
        _remember_result(result)


def _sheet_choice(upload) -> str | None:
    if Path(upload.name).suffix.lower() not in crm_io.EXCEL_SUFFIXES:
        return None
    with spooled(upload) as tmp:
        sheets = crm_io.excel_sheets(tmp, upload.name)
    if len(sheets) < 2:
        return None
    choice = st.selectbox(tr("data.sheet", file=upload.name), ["", *sheets],
                          format_func=lambda s: s or tr("data.all_sheets"), key=f"sheet_{upload.name}")
    return choice or None


def batch_names(files: list[str]) -> dict[str, str]:
    """A table name per uploaded file, none proposed twice: ``erp_sales.xls`` and ``erp_sales.ods``
    uploaded together both proposed ``erp_sales``, and the second was refused after the first
    loaded (walk11); a repeat takes its file type, then a number (``erp_sales_ods``)."""
    names: dict[str, str] = {}
    for file in files:
        name = store.safe_table_name(file)
        if name in names.values():
            name = store.safe_table_name(f"{name}_{Path(file).suffix.lstrip('.')}")
        base, number = name, 2
        while name in names.values():
            name, number = f"{base}_{number}", number + 1
        names[file] = name
    return names


def upload_section(existing: set[str]) -> None:
    """Uploader, a name per file, a replace confirmation when the name is taken."""
    generation = st.session_state.get(UPLOADER_GEN_KEY, 0)
    uploads = st.file_uploader(tr("data.upload"), accept_multiple_files=True,
                               key=f"uploader_{generation}", help=tr("data.upload_help"))
    if not uploads:
        return
    plans = []
    defaults = batch_names([upload.name for upload in uploads])
    for upload in uploads:
        with user_errors():
            sheet = _sheet_choice(upload)
            name = st.text_input(tr("data.table_name", file=upload.name),
                                 defaults[upload.name], key=f"name_{upload.name}")
            replace = False
            if store.safe_table_name(name) != name:
                name = store.safe_table_name(name)
            if name in existing:
                st.warning(tr("data.exists", name=name))
                replace = st.checkbox(tr("data.replace", name=name), key=f"replace_{upload.name}")
            mask = pii_checkbox(upload)
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
            st.success(tr("data.sample_done", tables=listed((r.table for r in results), lang())))
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


# The roles grid's columns: why a column has its role right beside the role, the example and the
# missing share after it (walk12: "Why this role" last was cut at 1280 px and gone at 1024 px).
# Comments, not docstrings: a string under a constant would be drawn on the page (Streamlit's magic).
ROLE_GRID_ORDER = ("column", "type", "role", "evidence", "example", "missing")
# A grid row three lines high: the grid wraps a cell's text only in rows over 64 px, and a role's
# evidence runs to two or three lines in its column.
WRAPPED_ROW_PX = 66
# The grid's header row and border: twelve three-line rows show whole before the grid scrolls (its
# own height showed five).
HEADER_ROW_PX = 38
# The evidence column's width, a wrapped line's height and the most lines a row grows to: a reason
# that also says why an order's total is no line's money runs to five lines in Chinese, eight in
# English (walk22: cut after three, "…因此“id”" in walk21).
EVIDENCE_PX, LINE_PX, MOST_LINES = 220, 20, 10


def evidence_row_px(evidence: pd.Series) -> int:
    """Rows as tall as the longest reason wraps in its column (a letter counted 8 px, a Chinese
    character 16, a little more than drawn, so a word carried to the next line still fits); the
    grid has one row height for all its rows."""
    lines = max((math.ceil(header_width(str(e)) / EVIDENCE_PX) for e in evidence.dropna()), default=0)
    return max(WRAPPED_ROW_PX, LINE_PX * min(lines, MOST_LINES) + WRAPPED_ROW_PX - 3 * LINE_PX)


BARE_ROW_PX = 35  # the rows of the columns with no role and no reason: one line, the grid's own


def _roles_grid_config() -> dict:
    """The roles grids' headers and widths (the first four in 565 px: the reason in view at 1024 px)."""
    return {
        "column": st.column_config.TextColumn(tr("data.col.column"), width=125),
        "type": st.column_config.TextColumn(tr("data.col.type"), width=108),  # "date and time" whole
        "role": st.column_config.TextColumn(tr("data.col.role"), width=112),
        "evidence": st.column_config.TextColumn(tr("data.col.evidence"), width=EVIDENCE_PX),
        "example": st.column_config.TextColumn(tr("data.col.example"), width=150),
        "missing": percent_column(tr("data.col.missing"), width=75),
    }


# Each role picker's width: four pickers a row in the 440 px column of an 820 px screen cut
# "会员手机号" to "会员手机" (walk17); at this width a row holds two there, four or more at 1280 px.
ROLE_PICKER_PX = 180


def roles_editor(con, table: str) -> None:
    """Columns with type, missing share and role, then one picker per role to correct them."""
    overview = role_overview.column_overview(con, table, lang())
    overview["type"] = overview["type"].map(lambda d: fmt.type_word(d, lang()))  # VARCHAR read as jargon
    note = table_note(con, table, lang())
    if note:
        st.info(note)
    bare = (overview["role"].fillna("") == "") & (overview["evidence"].fillna("") == "")
    row_px = evidence_row_px(overview.loc[~bare, "evidence"])
    shown = as_percent100(overview, ["missing"])
    config = _roles_grid_config()
    show_table(shown[~bare], column_order=ROLE_GRID_ORDER, row_height=row_px, column_config=config,
               height=HEADER_ROW_PX + min(row_px * int((~bare).sum()), WRAPPED_ROW_PX * 12))
    if bare.any():  # one line each, all in view: beside a long reason they were 146 px rows (walk25)
        st.caption(tr("data.no_role_columns", count=int(bare.sum())))
        show_table(shown[bare], column_order=ROLE_GRID_ORDER[:3] + ROLE_GRID_ORDER[4:], column_config=config,
                   row_height=BARE_ROW_PX, height=HEADER_ROW_PX + BARE_ROW_PX * min(int(bare.sum()), 20))
    current = crm_roles.get_roles(con, table)
    options = ["", *overview["column"]]
    with st.form(f"roles_form_{table}"):
        with st.container(horizontal=True):  # wraps instead of squeezing
            chosen = {
                role: st.selectbox(
                    tr(f"role.{role}"), options, index=options.index(current.get(role, "")),
                    width=ROLE_PICKER_PX, key=f"role_{table}_{role}",
                    format_func=lambda c: c or tr("role.none"))
                for role in crm_roles.ROLES
            }
        if st.form_submit_button(tr("data.save_roles")):
            store.save_roles(con, table, {r: c for r, c in chosen.items() if c})
            st.success(tr("data.roles_saved", table=table))


PENDING_KEY = "data_pending_reupload"


def _show_diff(diff: reupload.Diff) -> None:
    st.info(say(diff.note(), lang()))
    if diff.schema_note():
        st.warning(say(diff.schema_note(), lang()))


def reupload_section(table: str) -> None:
    """Next month's export onto this table: preview what changes, then apply; or restore."""
    with st.expander(tr("data.reupload", table=table)):
        upload = st.file_uploader(tr("data.reupload_file", table=table), key=f"reupload_{table}")
        mode = st.radio(tr("data.reupload_mode"), reupload.MODES, horizontal=True,
                        format_func=lambda m: tr(f"data.mode.{m}"), key=f"reupload_mode_{table}")
        key = None
        if mode == "upsert":
            with workspace().connect() as con:
                key = st.selectbox(tr("data.upsert_key"), [c for c, _ in store.columns_of(con, table)],
                                   key=f"reupload_key_{table}")
        if upload is not None and st.button(tr("data.preview_changes"), key=f"reupload_preview_{table}"):
            with user_errors(), spooled(upload) as tmp, workspace().connect() as con:
                old = st.session_state.pop(PENDING_KEY, None)
                if old is not None:
                    reupload.discard(con, old)
                st.session_state[PENDING_KEY] = reupload.preview(con, tmp, table, mode, key,
                                                                 display_name=upload.name)
        pending = st.session_state.get(PENDING_KEY)
        if pending is not None and pending.diff.table == table:
            _show_diff(pending.diff)
            if st.button(tr("data.commit_changes"), type="primary", key=f"reupload_commit_{table}"):
                with user_errors(), workspace().connect() as con:
                    st.session_state.pop(PENDING_KEY)
                    _remember_result(reupload.commit(con, pending))
                    audit_record(con, current_user(), "load", f"{pending.source} -> {table} ({mode})")
                st.rerun()
        if st.button(tr("data.restore"), key=f"restore_{table}"):
            with user_errors(), workspace().connect() as con:
                info = store.restore_previous(con, table)
                st.success(tr("data.restored", table=table, rows=f"{info.rows:,}"))


def run_language_note(con, table: str) -> None:
    """A run's result keeps the words of the page it was made on (churn reasons in Chinese on
    the English page): say so, and how to have them in this page's language."""
    record = runs.run_of_table(con, table)
    if record and record.lang != lang():
        st.info(tr("data.run_language", language=tr(f"data.language.{record.lang}")))


def preview_config(con, table: str, frame: pd.DataFrame, labels: dict[str, str]) -> dict:
    """The preview's columns drawn as what they hold: days and times in the page's language (the
    Chinese preview read ``2023-01-01 07:50:00`` beside grids saying 2023年1月1日, walk14), a column
    the loader read from percents as percents (12.5%, not the share 0.125 it keeps), the amount and
    unit price as money in the currency its rows are in (none where a currency column names several:
    Ko-fi's pounds and dollars read "Received (£)", walk40); ``labels`` head them (the workbook's readable
    headers; the grid keeps the table's own names, which the role pickers below use)."""
    roles = crm_roles.get_roles(con, table)
    currency = fmt.display_currency(con, table)
    money = [roles[r] for r in ("amount", "unit_price") if roles.get(r) in frame
             and pd.api.types.is_numeric_dtype(frame[roles[r]])]
    shares = [c for c in column_kinds.share_columns(con, table) if c in frame]
    stamps = frame.select_dtypes("datetime")  # the table's own dates and times: nothing to convert
    drawn = {c: money_column(labels.get(c, c), column_currency(con, table, c, currency), frame[c])
             for c in money}  # as wide as the largest
    return as_days(stamps, labels)[1] | drawn | {
        c: st.column_config.NumberColumn(labels.get(c, c), format="percent") for c in shares}


def browse_section() -> None:
    """Pick a table: size, preview with downloads, roles, delete."""
    found = tables()
    if not found:
        return
    st.subheader(tr("data.browse"))
    names = [t.name for t in found]
    loaded = st.session_state.pop("data_table", None)
    if loaded in names:  # the table just loaded, even when another one was being browsed
        st.session_state["browse_table"] = loaded
    elif st.session_state.get("browse_table") not in names:  # the newest export, not a run's result
        st.session_state["browse_table"] = next((t.name for t in found if t.kind in DATA_KINDS), names[0])
    table = st.selectbox(tr("common.table"), names, key="browse_table")
    info = next(t for t in found if t.name == table)
    a, b = st.columns(2)
    a.metric(tr("common.rows"), f"{info.rows:,}")
    b.metric(tr("common.columns"), info.columns)
    with workspace().connect() as con:
        run_language_note(con, table)
        frame = store.preview(con, table, PREVIEW_ROWS)
        st.markdown(f"**{tr('data.preview', n=PREVIEW_ROWS)}**")
        show_table(frame, column_config=preview_config(con, table, frame, {}))
        people = {c: fmt.header(c, lang()) for c in frame}
        downloads(frame, f"{table}_preview", key=f"dl_{table}",
                  shown=(frame, people | preview_config(con, table, frame, people)))
        st.markdown(f"**{tr('data.columns')}**")
        st.caption(tr("data.roles_help"))
        roles_editor(con, table)
    reupload_section(table)
    with workspace().connect() as con, st.popover(tr("data.delete")):
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
