"""Running analyses from a page: the engine setting, cached runs, kept runs reopened."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from app_ui.auth import workspace
from app_ui.text import lang, tr
from app_ui.widgets import downloads, headers, show_table
from crm_core.contract import Config
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.report import format as fmt
from crm_core.report import run_grid
from crm_core.workspace import events, runs
from crm_core.workspace.missing import run_note
from crm_core.workspace.store import Workspace, table_exists, table_version

ENGINE_KEY = "engine"
ENGINES = ("duckdb", "spark")


def engine_setting() -> None:
    """Where analyses run their row-heavy SQL: this machine (DuckDB) or Spark.

    The choice is kept under its own (non-widget) key: Streamlit drops a widget's state on pages
    that do not show the widget, and every analysis page must still see it."""
    current = st.session_state.get(ENGINE_KEY, ENGINES[0])
    said = {e: tr(f"engine.{e}") for e in ENGINES}  # words made here: AppTest's Chinese rerun read tr in en
    st.radio(tr("engine.label"), ENGINES, index=ENGINES.index(current), key=f"{ENGINE_KEY}_choice",
             horizontal=True, format_func=said.__getitem__, help=tr("engine.help"),
             on_change=_keep_engine)


def _engine_for(module) -> str:
    """The chosen engine where ``module`` can use it (``ENGINES``); else this machine, said so."""
    chosen = st.session_state.get(ENGINE_KEY, ENGINES[0])
    if chosen in getattr(module, "ENGINES", ENGINES[:1]):
        return chosen
    st.caption(tr("engine.local_only"))
    return ENGINES[0]


def _keep_engine() -> None:
    st.session_state[ENGINE_KEY] = st.session_state[f"{ENGINE_KEY}_choice"]


def refusal_of(module, table: str, config) -> CrmError | None:
    """The refusal ``module`` gives on ``table`` (None when it runs), cached as :func:`cached_run`
    caches, without drawing its notes: a page can tell before sending the analyst to a run."""
    ws = workspace()
    with ws.connect() as con:
        version = table_version(con, table)
    try:
        _cached_run(module.__name__, str(ws.folder), table, version, config, lang(), (), _engine_for(module))
    except CrmError as refused:
        return refused
    return None


def asked_for(key: str, table: str) -> tuple | None:
    """The settings the last click stored under ``key`` when they were for ``table`` (their first
    item), else None: a table picked after a run showed that run's numbers under the new table's
    name (judge24: GA4 chosen, Stripe's cohorts still shown) until the button was clicked again."""
    asked = st.session_state.get(key)
    return asked if asked and asked[0] == table else None


@st.cache_data(max_entries=32, show_spinner=False)
def _cached_run(module_name: str, folder: str, table: str, version: int, config, language: str,
                roles: tuple[tuple[str, str], ...], engine: str):
    module = importlib.import_module(module_name)
    with Workspace(folder).connect() as con:
        if engine == "spark":
            from crm_core.engine.spark import SparkConnection

            con = SparkConnection(con, Path(folder))
        return module.run(con, table, config, roles=dict(roles) or None, lang=language)


def cached_run(module, table: str, config, roles: dict[str, str] | None = None):
    """``module.run(con, table, config)`` cached on (table, its version, config, language, roles,
    engine); says in one sentence which roles the table lacks for this kind of run."""
    ws = workspace()
    with ws.connect() as con:
        version = table_version(con, table)
    run = _cached_run(module.__name__, str(ws.folder), table, version, config, lang(),
                      tuple(sorted((roles or {}).items())), _engine_for(module))
    with ws.connect() as con:
        missing = run_note(con, run, roles)
        left_out = events.run_notes(con, run, roles)
    for note in ([missing] if missing else []) + [say(n, lang()) for n in left_out]:
        st.info(note, icon=":material/info:")
    return run


def save_run(run, slot=None) -> runs.RunRecord:
    """Keep a run in the workspace (its own result tables, a row in the runs catalogue), said in a
    caption of the page that ran it: a toast stayed drawn over the next page the analyst opened (walk30).
    Where tabs follow, ``slot`` (an ``st.empty()`` drawn on every run) holds it: a caption drawn on the
    saving run alone moved the tabs, and the next run opened their first tab again (Link's e2e)."""
    with workspace().connect() as con:
        record = runs.save(con, run)
    (slot or st).caption(tr("runs.saved", table=record.result_table))
    return record


@contextmanager
def past_runs_above(kind: str, key: str, config: type[Config], **shown) -> Iterator[list]:
    """The kept runs' expander at this place of the page, filled once the block below it has run:
    a run the block saves is listed already (filled first, it read "Past runs (0)" beside the toast
    saying the run was kept). The block may append the run it shows to the list it is given: that run
    kept, its notes are not said a second time in the expander (judge46)."""
    slot = st.container()
    fresh: list = []
    yield fresh
    with slot:
        past_runs(kind, key, config, fresh=fresh[0] if fresh else None, **shown)


def past_runs(kind: str, key: str, config: type[Config], header_keys: tuple[str, ...] = (),
              shown: Callable[..., tuple[pd.DataFrame, dict]] | None = None,
              shown_by: tuple[str, ...] = (), money: bool = False,
              workbook: Callable[..., tuple[pd.DataFrame, dict]] | None = None, table: str = "",
              fresh=None) -> None:
    """Reopen a kept run of this kind (opened by itself only when it is on the ``table`` picked: another
    table's notes read as the answer under a refusal, judge42 and judge44): its settings (named as the
    page's tooltips name them) and headline figures as labelled grids, its result table headed in words
    (``header_keys``: the prefixes the page's own grids use), its numbers as the page shows them
    (``shown``: the page's own frame and column config for that table, given the kept settings
    ``shown_by`` names as keywords, a name the settings lack taken from the kept summary (a forecast's
    target); a kept table read 0.951384 and 36.9090909, a monthly cohort 2024-01-01; with ``money`` also
    ``currency=``, the unit the kept run's table shows money in, as the live grid: a kept cohort read
    160.73 beside ¥160.73) and downloadable: the CSV with the file's names and numbers, the workbook as
    the grid reads (``workbook``, called as ``shown`` is, gives the grid with its numbers kept where
    ``shown`` writes them as text; built on click)."""
    with workspace().connect() as con:
        kept = runs.list_runs(con, kind)
    with st.expander(tr("runs.past", count=len(kept))):
        if not kept:
            st.caption(tr("runs.none"))
            return
        labels = {r.run_id: f"{r.created_at:%Y-%m-%d %H:%M} · {r.table} · {r.result_table}" for r in kept}
        chosen = st.selectbox(tr("runs.pick"), list(labels), format_func=labels.__getitem__,
                              key=f"{key}_pick_{table}" if table else f"{key}_pick",
                              index=_first_of(kept, table), placeholder=tr("runs.pick_one"))
        record = next((r for r in kept if r.run_id == chosen), None)
        if record is None:
            return
        left, right = st.columns(2)
        left.caption(tr("runs.settings"))
        with left:
            settings_table(run_grid.settings_grid(record.config, config, lang()))
        with workspace().connect() as con:
            frame = runs.result_frame(con, record)
            currency = fmt.display_currency(con, record.table if table_exists(con, record.table) else None)
        right.caption(tr("runs.summary"))
        with right:
            settings_table(run_grid.summary_grid(record.summary, lang(), currency))
        for note in [] if _is_run(record, fresh) else runs.notes(record, lang()):  # in the page's language
            st.info(note)
        unit = {"currency": currency} if money else {}
        named = {c: fmt.header(c, lang()) for c in frame} | headers(frame, *header_keys)
        settings = {name: record.config.get(name, record.summary.get(name)) for name in shown_by} | unit
        table, columns = shown(frame, **settings) if shown else (frame, {})
        show_table(table, column_config=named | columns)
        people = _kept_numbers(workbook, frame, named, settings) if workbook else (table, named | columns)
        downloads(frame, record.result_table, key=f"{key}_dl", shown=people)


def _is_run(record: runs.RunRecord, run) -> bool:
    """Whether the kept ``record`` is ``run``, the run the page shows above with its notes (same table, same
    settings): said again under it, Loyverse's walk-in note read twice (judge46)."""
    return run is not None and record.table == run.table and record.config == run.config.to_dict()


def _first_of(kept: list, table: str) -> int | None:
    """Where the newest kept run on ``table`` is in ``kept`` (newest first; the newest of all when no
    table is named), None when ``table`` has none: the analyst picks one."""
    if not table:
        return 0
    return next((i for i, r in enumerate(kept) if r.table == table), None)


def settings_table(grid: pd.DataFrame) -> None:
    """A kept run's settings (or headline figures) as a table that wraps its words: a setting is
    named by its tooltip (up to 200 characters), which a grid cut at the column's edge ("Period: a
    day, an ISO week (Monday first), a", walk14 at 1024 px) with the value past it, and a figure's
    value cut so ("Mean of ET", walk15)."""
    st.table(grid, hide_index=True)


def _kept_numbers(workbook: Callable[..., tuple[pd.DataFrame, dict]], frame: pd.DataFrame, named: dict,
                  settings: dict) -> Callable[[], tuple[pd.DataFrame, dict]]:
    """A kept table's workbook grid, built on click: its numbers under the page's headers."""
    def grid() -> tuple[pd.DataFrame, dict]:
        table, columns = workbook(frame, **settings)
        return table, named | columns
    return grid
