"""SQL: a read-only, sandboxed explorer over the workspace tables, with history and an audit log."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pandas as pd
import streamlit as st

from app_ui import (
    DATA_KINDS,
    as_days,
    current_user,
    fitted_columns,
    header_width,
    headers,
    lang,
    require_tables,
    show_table,
    tables,
    tr,
    user_errors,
    workspace,
)
from crm_core import i18n, settings
from crm_core.explore import sandbox
from crm_core.explore.charts import CHART_KINDS, result_chart
from crm_core.load import coltypes
from crm_core.protect import audit, privacy
from crm_core.report.files import csv_bytes, settled_floats
from crm_core.workspace.sqlutil import qi

EDITOR_KEY = "sql_text"
RAN_KEY = "sql_ran"


def _stamp() -> tuple:
    """Table versions: bumped by every write to a table, untouched by audit entries."""
    return tuple((t.name, t.version, t.rows) for t in tables())


PRESSED_KEY = "sql_pressed"  # when Run was last pressed: a result older than that came from the cache


@st.cache_data(max_entries=16, show_spinner=False)
def _run(folder: str, sql: str, timeout: float, stamp: tuple):
    """Cached on (workspace, SQL, limit, table versions): reruns redraw without querying again.
    The moment it ran is kept with it, so a press served from here says whose seconds they are."""
    return sandbox.run_query(workspace().db_path, sql, timeout), dt.datetime.now()


@st.cache_data(max_entries=16, show_spinner=False)
def _schema(folder: str, stamp: tuple):
    with workspace().connect() as con:
        return sandbox.schema_overview(con), sandbox.example_queries(con)


def _fill_editor(sql: str) -> None:
    st.session_state[EDITOR_KEY] = sql


def query_sources(examples: dict[str, str]) -> None:
    """Examples and saved queries, each one click away from the editor."""
    with workspace().connect() as con:
        saved = sandbox.saved_queries(con)
    left, right = st.columns(2)
    pick = tr("protect.sql.pick")  # words made here: a format_func reading the session is English in AppTest
    said = {"": pick} | {k: tr(f"protect.example.{k}") for k in examples}
    label = left.selectbox(tr("protect.sql.examples"), ["", *examples], key="sql_example",
                           format_func=said.__getitem__)
    if label:
        left.button(tr("protect.sql.use"), key="use_example", on_click=_fill_editor,
                    args=(examples[label],))
    name = right.selectbox(tr("protect.sql.saved"), ["", *saved], key="sql_saved",
                           format_func=lambda k: k or pick)
    if name:
        a, b = right.columns(2)
        a.button(tr("protect.sql.use"), key="use_saved", on_click=_fill_editor, args=(saved[name],))
        if b.button(tr("protect.sql.delete_saved"), key="delete_saved"):
            with workspace().connect() as con:
                sandbox.delete_saved_query(con, name)
            st.rerun()


def run_section() -> tuple[float, bool]:
    """The editor, the limits and the Run button; a click is audited, reruns are cached."""
    found = tables()  # the hint names a loaded table the analyst has (not the newest run's result),
    first = next((t for t in found if t.kind in DATA_KINDS), found[0]).name  # quoted as 订单明细 needs
    hint = i18n.t("protect.sql.placeholder", lang(), table=qi(first))  # SQL, not markdown: no escapes
    st.text_area(tr("protect.sql.editor"), key=EDITOR_KEY, height=160, placeholder=hint)
    left, middle, right = st.columns([1, 2, 1])
    timeout = left.number_input(tr("protect.sql.timeout"), min_value=1.0,
                                max_value=settings.sql_max_seconds(), format="%.0f",
                                value=sandbox.DEFAULT_TIMEOUT, step=5.0, key="sql_timeout")
    mask = middle.checkbox(tr("protect.sql.mask_display"), value=True, key="sql_mask",
                           help=tr("protect.sql.mask_display_help"))  # whole at 1024 px (walk21)
    if right.button(tr("protect.sql.run"), type="primary", key="sql_run", width="stretch"):
        sql, user = st.session_state.get(EDITOR_KEY, ""), current_user()
        st.session_state[RAN_KEY], st.session_state[PRESSED_KEY] = sql, dt.datetime.now()
        with workspace().connect() as con:
            entry = audit.begin(con, user, "sql", sql)  # no query runs unaudited
        outcome = "refused"
        try:
            with st.spinner(tr("protect.sql.running")):
                _run(str(workspace().folder), sql, timeout, _stamp())
            outcome = "ok"
        except Exception:
            st.session_state.pop(RAN_KEY, None)  # a refused or slow query is not re-run on rerun
            raise
        finally:
            with workspace().connect() as con:
                audit.finish(con, entry, user, "sql", outcome)
    return timeout, mask


PAGE_ROWS = 1000  # rows drawn per page of a large result: the browser gets a page, not 200,000


def _on_click(build, sql: str, fmt: str):
    """The file, built only when its button is clicked (and the export audited then)."""
    ws, user = workspace(), current_user()

    def data() -> bytes:
        with ws.connect() as con:
            audit.record(con, user, "export", f"sql result as {fmt}: {sql}")
        return build()
    return data


def result_page(frame, mask: bool):
    """One page of the result (a page picker when there is more than one)."""
    pages = max(1, -(-len(frame) // PAGE_ROWS))
    number = 1
    if pages > 1:
        number = st.number_input(tr("protect.sql.page", pages=f"{pages:,}"), min_value=1, max_value=pages,
                                 value=1, step=1, key="sql_page")
    shown = frame.iloc[(number - 1) * PAGE_ROWS: number * PAGE_ROWS]
    grid, days = as_days(drawable(privacy.mask_frame(shown) if mask else shown), {})
    show_table(grid, column_config=number_config(grid) | days)
    return shown


def drawable(frame: pd.DataFrame) -> pd.DataFrame:
    """Arrow's Python objects as the grid's numbers and days: a ``sum`` of whole numbers (DuckDB's
    HUGEINT) arrives as Decimals and a DATE as ``datetime.date``, which the grid drew as text."""
    def kind(values: pd.Series) -> type | None:
        held = {type(v) for v in values.dropna()}
        return held.pop() if len(held) == 1 else None

    objects = {c: kind(frame[c]) for c in frame.columns if frame[c].dtype == object}
    return frame.assign(**{c: pd.to_numeric(frame[c]) for c, k in objects.items() if k is Decimal},
                        **{c: pd.to_datetime(frame[c]) for c, k in objects.items() if k is dt.date})


# A header naming a year (``year``, ``order_year``, ``yr``, ``年份``): 2024 is not a count of 2,024;
# ``yr`` only as a word of its own (``payroll_runs`` is a count).
YEAR_NAME = re.compile(r"(?i:year|(?<![a-z])yr(?![a-z]))|年")


def number_config(frame: pd.DataFrame) -> dict:
    """Numbers with thousands separators, as the other grids draw them: a spend read 12368.36 and
    a count 3422 (walk15). Columns named as codes or years (``household_id`` 1111, float once a
    NULL is among them; ``year`` 2024) stay as written; the grid keeps numbers, files keep values."""
    config = {}
    for c in frame.columns:
        values = frame[c]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        whole = bool(values.dropna().mod(1).eq(0).all())
        if whole and (coltypes.is_id_name(str(c)) or YEAR_NAME.search(str(c))):
            continue
        config[c] = st.column_config.NumberColumn(format="localized", **({"step": 1} if whole else {}))
    return config


def _timing(result, ran_at: dt.datetime) -> str:
    """Rows and seconds, and when the result is an earlier run's (the same query on unchanged
    tables is served from the cache): a press read that run's "3.35 s" again (walk28)."""
    said = tr("protect.sql.result", rows=f"{result.rows:,}", seconds=result.seconds)
    if ran_at >= st.session_state.get(PRESSED_KEY, ran_at):
        return said
    return tr("protect.sql.result_kept", said=said, time=f"{ran_at:%H:%M:%S}")


def result_section(sql: str, timeout: float, mask: bool) -> None:
    """Rows, downloads of the whole fetched result, a quick chart and a save box."""
    result, ran_at = _run(str(workspace().folder), sql, timeout, _stamp())
    st.caption(_timing(result, ran_at))
    if result.truncated:
        st.warning(tr(f"protect.sql.truncated{'_bytes' if result.cut_by == 'bytes' else ''}",
                      rows=f"{result.rows:,}", mb=settings.sql_result_bytes() // 1_000_000))
    if result.frame.empty:
        st.info(tr("protect.sql.empty"))
    if result.renamed:
        st.info(i18n.say(result.renamed, lang()))
    shown = result_page(result.frame, mask)
    left, right = st.columns(2)
    frame = result.frame
    as_csv = _on_click(lambda: csv_bytes(settled_floats(frame)), sql, "csv")
    left.download_button(tr("protect.sql.download_csv"), as_csv, "query_result.csv", "text/csv",
                         key="sql_dl_csv", on_click="ignore", width="stretch")
    right.download_button(tr("protect.sql.download_parquet"),
                          _on_click(lambda: sandbox.parquet_bytes(frame), sql, "parquet"),
                          "query_result.parquet", "application/vnd.apache.parquet",
                          key="sql_dl_parquet", on_click="ignore", width="stretch")
    if not result.frame.empty:
        chart_section(shown)
    save_section(sql)


def chart_section(frame) -> None:
    """Bar / line / scatter of two chosen columns."""
    with st.expander(tr("protect.sql.chart")):
        columns = list(frame.columns)
        a, b, c = st.columns(3)
        # words made here, as query_sources': a format_func calling tr broke AppTest's Chinese rerun
        said = {k: tr(f"protect.sql.chart_{k or 'none'}") for k in ["", *CHART_KINDS]}
        kind = a.selectbox(tr("protect.sql.chart_kind"), list(said), key="sql_chart_kind",
                           format_func=said.__getitem__)
        x = b.selectbox(tr("protect.sql.x"), columns, key="sql_chart_x")
        y = c.selectbox(tr("protect.sql.y"), columns, index=min(1, len(columns) - 1), key="sql_chart_y")
        if kind:
            st.plotly_chart(result_chart(frame, kind, x, y), width="stretch")


def save_section(sql: str) -> None:
    """Keep the query that just ran under a name."""
    left, right = st.columns([3, 1])
    name = left.text_input(tr("protect.sql.save_name"), key="sql_save_name")
    if right.button(tr("protect.sql.save"), key="sql_save", width="stretch") and name.strip():
        with workspace().connect() as con:
            sandbox.save_query(con, name, sql, current_user())
        st.success(tr("protect.sql.saved_done", name=name.strip()))


# The log's columns: the outcome before the detail, whose SQL texts run long (walk22: "用户名或密…"
# was cut at the grid's right edge at 1280 px).
LOG_ORDER = ("logged_at", "user_name", "action", "outcome", "detail")
# A user's column no wider than 14 letters: "bob.smith@shop.example" took 200 px of the ~530 at 1024 px
# (walk24); the name is whole in the User box above the log.
USER_PX = header_width("x" * 14)


def log_grid(log: pd.DataFrame, one_year: bool = False) -> None:
    """An audit log in words, each time said as the other grids say it (walk22: the log read
    "2026-12-06 01:48:39" beside 2026年12月6日 01:46 on the Home page); ``one_year``: a year chosen
    above it says the year, so the times need not."""
    labels = headers(log, "protect.sql.col")
    shown, times = as_days(audit.in_words(log, lang()), labels)
    words = fitted_columns(shown, ("user_name", "action", "outcome"), labels)  # "用户名或密…" cut
    if words.get("user_name", {}).get("width", 0) > USER_PX:  # an e-mail sign-in pushed the detail out
        words["user_name"] = st.column_config.TextColumn(labels.get("user_name", "user_name"), width=USER_PX)
    show_table(shown, column_order=LOG_ORDER,
               column_config=labels | words | times | this_years(shown, labels, one_year))


# A log of this year's entries says its times without the year: at 1024 px the grid is about 530 px
# wide in its expander and when, user, action and outcome took 512 px, so the detail started past
# the right edge (walk22).
THIS_YEARS_TIMES = {"en": "D MMM, HH:mm", "zh": "M月D日 HH:mm"}


def this_years(shown: pd.DataFrame, labels: dict[str, str], one_year: bool = False) -> dict:
    """The time column said without its year when every entry is of this year (or of the one year
    chosen), else nothing."""
    when = shown["logged_at"].dropna().drop_duplicates()
    if when.empty or (not one_year and (when.dt.year != dt.date.today().year).any()):
        return {}
    said = [f"{v.day} {v:%b}, {v:%H:%M}" if lang() == "en" else f"{v.month}月{v.day}日 {v:%H:%M}"
            for v in when]
    label = labels.get("logged_at", "logged_at")
    return {"logged_at": st.column_config.DatetimeColumn(label, format=THIS_YEARS_TIMES[lang()], width=max(
        map(header_width, [label, *said])))}


def log_filters(found: dict[str, list]) -> dict:
    """Year, action and user boxes over the audit log (a year of entries only scrolled, walk24);
    none chosen is the whole log. Words are made here, not in a session-bound ``format_func``."""
    heads = {"year": tr("protect.sql.filter.year"), "action": tr("protect.sql.col.action"),
             "user": tr("protect.sql.col.user_name")}
    words = {None: tr("protect.sql.filter.all")} | {
        a: i18n.word("protect.audit.action", a, lang()) for a in found["action"]}
    boxes = dict(zip(heads, st.columns(3), strict=True))
    return {key: boxes[key].selectbox(heads[key], [None, *found[key]], key=f"sql_audit_{key}",
                                      format_func=lambda v, said=words: said.get(v, str(v)))
            for key in heads}


def logs_section() -> None:
    """This user's query history and the workspace's audit log, actions and outcomes in words."""
    with workspace().connect() as con:
        history = audit.recent(con, 50, action="sql", user=current_user())
        found = audit.choices(con)
    with st.expander(tr("protect.sql.history")):
        log_grid(history)
    with st.expander(tr("protect.sql.audit")):
        chosen = log_filters(found)
        with workspace().connect() as con:
            log = audit.recent(con, 500, **chosen)
        log_grid(log, one_year=chosen["year"] is not None)


def schema_grid(schema) -> None:
    """Tables and columns headed in words and each role said as the Data page says it (the grid
    read table, rows, column, type, role and ``customer_id`` on the Chinese page); SQL still
    names the columns as listed."""
    show_table(schema.assign(role=schema["role"].map(lambda r: i18n.role_name(r, lang()))),
               column_config=headers(schema, "protect.sql.col"))


st.title(tr("protect.sql.title"))
st.caption(tr("protect.sql.intro"))
with user_errors():
    require_tables()
    schema, examples = _schema(str(workspace().folder), _stamp())
    with st.expander(tr("protect.sql.schema")):
        schema_grid(schema)
    query_sources(examples)
    timeout, mask = run_section()
    if st.session_state.get(RAN_KEY):
        result_section(st.session_state[RAN_KEY], timeout, mask)
with user_errors():
    logs_section()
