"""Streamlit glue shared by the pages: language, workspace handle, the error boundary,
cached reads and download buttons. The only non-page module that imports streamlit."""

from __future__ import annotations

import importlib
import re
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.protect import audit, auth
from crm_core.report.files import csv_bytes, excel_bytes_fast
from crm_core.report.format import MISSING
from crm_core.workspace import runs
from crm_core.workspace.missing import run_note
from crm_core.workspace.store import TableInfo, Workspace, default_workspace_dir, table_version

LANG_KEY = "lang"
WORKSPACE_KEY = "workspace_dir"


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: the router, the home page and the page tests all read this list."""

    name: str
    title_key: str
    icon: str
    step_key: str | None = None  # the home page's workflow line, when the page is a workflow step

    @property
    def path(self) -> str:
        return f"pages/{self.name}.py"


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("home", "nav.home", ":material/home:"),
    PageSpec("data", "nav.data", ":material/upload_file:", "home.step.integrate"),
    PageSpec("clean", "clean.title", ":material/cleaning_services:", "home.step.clean"),
    PageSpec("link", "nav.link", ":material/link:"),
    PageSpec("segments", "segment.nav", ":material/donut_small:", "home.step.segment"),
    PageSpec("cohorts", "cohort.nav", ":material/grid_on:"),
    PageSpec("forecast", "nav.forecast", ":material/trending_up:", "home.step.forecast"),
    PageSpec("customers", "nav.customers", ":material/groups:", "home.step.customers"),
    PageSpec("recommend", "nav.recommend", ":material/shopping_cart:", "home.step.recommend"),
    PageSpec("support", "nav.support", ":material/support_agent:", "home.step.support"),
    PageSpec("customer", "nav.customer", ":material/person:"),
    PageSpec("sql", "nav.sql", ":material/terminal:"),
)
PAGES = {spec.name: spec.path for spec in PAGE_SPECS}


def navigation() -> list:
    """``st.Page`` entries in workflow order (home first and default)."""
    return [st.Page(spec.path, title=tr(spec.title_key), icon=spec.icon, default=spec.name == "home",
                    url_path=None if spec.name == "home" else spec.name) for spec in PAGE_SPECS]


def lang() -> str:
    """The UI language chosen in the sidebar ("en" or "zh")."""
    return st.session_state.get(LANG_KEY, "en")


def tr(key: str, **values: object) -> str:
    """Translate ``key`` into the current UI language; the values put into the text (table,
    file and column names, examples from the data) are escaped, the template's markdown stays."""
    return i18n.t(key, lang(), **{k: plain(v) if isinstance(v, str) else v for k, v in values.items()})


_MARKDOWN = re.compile(r"([\\`*\[\]<>$~|])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|^#", re.MULTILINE)


def plain(text: object) -> str:
    """Text from the data shown as itself: Streamlit renders markdown (images, links, LaTeX,
    emphasis) in messages and captions, so the characters that start those are escaped
    (``orders_2024`` keeps its underscore: inside a word it starts nothing)."""
    return _MARKDOWN.sub(lambda m: "\\" + m.group(0), str(text))


LEFT_OUT_REASONS = ("cancelled", "no_customer_id", "no_date", "no_amount", "after_observation_end")
"""Why an analysis leaves rows out, in the order the coverage sentence names them."""


def rows_used(coverage: dict[str, int]) -> str:
    """"370 of 400 rows used; left out: 30 refunded or cancelled orders …": every reason with rows
    (refunded orders and a snapshot's later rows included), so the counts add up to the table."""
    reasons = [tr(f"coverage.{reason}", n=f"{coverage[reason]:,}") for reason in LEFT_OUT_REASONS
               if coverage.get(reason)]
    sep = "，" if lang() == "zh" else ", "
    left_out = tr("coverage.left_out", reasons=sep.join(reasons)) if reasons else tr("coverage.none_left_out")
    used = tr("coverage.used", used=f"{coverage['used']:,}", rows=f"{coverage['rows']:,}")
    return tr("coverage.sentence", used=used, left_out=left_out)


def workspace() -> Workspace:
    """This session's workspace (the default folder unless sign-in chose another)."""
    require_sign_in()
    return Workspace(st.session_state.get(WORKSPACE_KEY))


def language_switch() -> None:
    """The English / 简体中文 switch in the sidebar.

    The language lives under its own (non-widget) key, set by the switch's callback: kept as
    the widget's own state, the first choice made on the landing page was lost."""
    codes = list(i18n.LANGUAGES)
    st.sidebar.selectbox(
        "Language / 语言", codes, index=codes.index(lang()), key=f"{LANG_KEY}_choice",
        format_func=i18n.LANGUAGES.__getitem__, on_change=_keep_language,
    )


_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size: 0}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: "{limit}"; font-size: 0.875rem}}
</style>"""


def uploader_words() -> None:
    """The file uploader's own words ("Upload", "1GB per file") in the page's language: Streamlit
    1.67 has no option for them, so CSS draws ours over theirs (English needs nothing)."""
    if lang() == "en":
        return
    megabytes = int(st.get_option("server.maxUploadSize"))
    size = f"{megabytes // 1024}GB" if megabytes % 1024 == 0 else f"{megabytes}MB"
    st.markdown(_UPLOADER_CSS.format(button=tr("upload.button"), limit=tr("upload.limit", size=size)),
                unsafe_allow_html=True)


def _keep_language() -> None:
    st.session_state[LANG_KEY] = st.session_state[f"{LANG_KEY}_choice"]


def error_text(exc: CrmError) -> str:
    """The analyst's error in the page's language when it was raised with an
    :class:`i18n.Sentence` (the CLI prints its English); other messages as they are."""
    said = exc.args[0] if len(exc.args) == 1 else str(exc)
    return plain(i18n.say(said, lang()))


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
        st.error(error_text(exc), icon=":material/warning:")
    except Exception as exc:  # the UI boundary: a message, never a raw traceback
        outcome.failed = True
        st.error(tr("error.unexpected", kind=type(exc).__name__, message=str(exc)[:300]),
                 icon=":material/error:")
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
        st.page_link(PAGES["data"], label=tr("nav.data"), icon=":material/upload_file:")
        st.stop()
    return found


def pick(widget, label_key: str, choices: dict[str, str], key: str, **kwargs) -> str:
    """A selectbox or radio over translated labels that returns the chosen code.

    Labels are the options themselves (no ``format_func``), so the widget also works under
    AppTest, which formats options outside the session's language."""
    chosen = widget(tr(label_key), list(choices.values()), key=key, **kwargs)
    return next(code for code, text in choices.items() if text == chosen)


def date_columns(frame: pd.DataFrame) -> dict:
    """Timestamp columns that hold days only, shown as ``2015-01-01`` rather than
    ``2015-01-01 00:00:00`` (the download keeps the values)."""
    days = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])
            and (frame[c].dropna().dt.normalize() == frame[c].dropna()).all()]
    return {c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in days}


DATA_KINDS = ("upload", "external", "table", "clean", "union", "join", "derived")
"""Catalogue kinds of tables that hold data (uploaded, cleaned, combined), never a run's result:
an upload is ``upload``, and pages opened on the newest run table instead of the order log."""


def table_picker(label_key: str, key: str, preferred: tuple[str, ...] = (),
                 kinds: tuple[str, ...] = ()) -> str:
    """A table selectbox that starts on the first preferred table that exists, else on the
    newest loaded table of the first of ``kinds`` (``transactions`` …) any table holds: a
    Chinese ``订单明细`` has none of the English names, and the page must not open on the FAQ."""
    found = require_tables()
    names = [t.name for t in found]
    index = next((names.index(p) for p in preferred if p in names), None)
    if index is None and kinds:
        ws = workspace()
        loaded = {i: _content_kind(str(ws.folder), workspace_stamp(ws), t.name)
                  for i, t in enumerate(found) if t.kind in DATA_KINDS}
        index = next((i for kind in kinds for i, held in loaded.items() if held == kind), None)
    return st.selectbox(tr(label_key), names, index=index or 0, key=key)


@st.cache_data(max_entries=256, show_spinner=False)
def _content_kind(folder: str, stamp: float, table: str) -> str:
    """What a table holds (purchase log, customer table, event log), cached per workspace state."""
    from crm_core.workspace.table_kind import detect_kind

    with Workspace(folder).connect() as con:
        return detect_kind(con, table).kind


@st.cache_data(max_entries=64, show_spinner=False)
def _coverage(folder: str, stamp: float, table: str) -> dict[str, int] | None:
    """Rows of a purchase log its analyses use and leave out (None for other kinds of table, and
    for one without a customer id or a date: the run itself says what it lacks)."""
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.transactions import coverage, transaction_view

    if _content_kind(folder, stamp, table) != "transactions":
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
        st.caption(rows_used(counts))


ENGINE_KEY = "engine"
ENGINES = ("duckdb", "spark")


def engine_setting() -> None:
    """Where analyses run their row-heavy SQL: this machine (DuckDB) or Spark.

    The choice is kept under its own (non-widget) key: Streamlit drops a widget's state on pages
    that do not show the widget, and every analysis page must still see it."""
    current = st.session_state.get(ENGINE_KEY, ENGINES[0])
    st.radio(tr("engine.label"), ENGINES, index=ENGINES.index(current), key=f"{ENGINE_KEY}_choice",
             horizontal=True, format_func=lambda e: tr(f"engine.{e}"), help=tr("engine.help"),
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
    if missing:
        st.info(missing, icon=":material/info:")
    return run


def save_run(run) -> runs.RunRecord:
    """Keep a run in the workspace (its own result tables, a row in the runs catalogue)."""
    with workspace().connect() as con:
        record = runs.save(con, run)
    st.toast(tr("runs.saved", table=record.result_table))
    return record


def past_runs(kind: str, key: str) -> None:
    """Reopen a kept run of this kind: its settings, summary and result table, downloadable."""
    with workspace().connect() as con:
        kept = runs.list_runs(con, kind)
    with st.expander(tr("runs.past", count=len(kept))):
        if not kept:
            st.caption(tr("runs.none"))
            return
        labels = {r.run_id: f"{r.created_at:%Y-%m-%d %H:%M} · {r.table} · {r.result_table}" for r in kept}
        chosen = st.selectbox(tr("runs.pick"), list(labels), format_func=labels.__getitem__,
                              key=f"{key}_pick")
        record = next(r for r in kept if r.run_id == chosen)
        left, right = st.columns(2)
        left.caption(tr("runs.settings"))
        left.json(record.config, expanded=False)
        right.caption(tr("runs.summary"))
        right.json(record.summary, expanded=False)
        with workspace().connect() as con:
            frame = runs.result_frame(con, record)
        show_table(frame)
        downloads(frame, record.result_table, key=f"{key}_dl")


def headers(frame: pd.DataFrame, prefix: str) -> dict[str, str]:
    """Headers in the page's language for the columns ``prefix.<column>`` names (a grid headed
    ``customer_key`` reads as a database); the downloads keep the column names scripts read."""
    words = i18n.catalogue()
    return {c: tr(f"{prefix}.{c}") for c in frame.columns if f"{prefix}.{c}" in words}


def delta(difference: float, text: str, decimals: int, *, inverse: bool = False, against: str = "") -> dict:
    """``st.metric`` delta arguments: a difference that rounds to zero at the shown ``decimals``
    reads "the same" / "持平", grey and without an arrow ("+0.0 pts" drew a green arrow)."""
    if round(difference, decimals) == 0:
        same = tr("common.delta_same_as", what=against) if against else tr("common.delta_same")
        return {"delta": same, "delta_color": "off", "delta_arrow": "off"}
    return {"delta": text, "delta_color": "inverse" if inverse else "normal"}


def status_first(frame: pd.DataFrame) -> pd.DataFrame:
    """A churn list with the status before the long reasons (at 1280 px they pushed it off the grid)."""
    if not {"status", "reasons"} <= set(frame.columns):
        return frame
    order = [c for c in frame.columns if c != "status"]
    order.insert(order.index("reasons"), "status")
    return frame[order]


def show_table(frame, **options) -> None:
    """A result table as every page shows it: full width, no index, and an empty cell as "—"
    (the grid's own default spells it "None", which an analyst reads as a value)."""
    st.dataframe(frame, **{"hide_index": True, "width": "stretch", "placeholder": MISSING, **options})


def downloads(frame: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and Excel download buttons for a table the analyst sees; the files are built only
    when clicked (Excel of a large table is slow) and clicking does not rerun the page."""
    ws, user = workspace(), current_user()

    def audited(build, name: str):
        def data() -> bytes:
            with ws.connect() as con:
                audit.record(con, user, "export", name)
            return build()
        return data

    left, right = st.columns(2)
    left.download_button(tr("common.download_csv"), audited(lambda: csv_bytes(frame), f"{stem}.csv"),
                         f"{stem}.csv", "text/csv", key=f"{key}_csv", width="stretch",
                         on_click="ignore")
    right.download_button(tr("common.download_xlsx"),
                          audited(lambda: excel_bytes_fast({stem[:31]: frame}), f"{stem}.xlsx"),
                          f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", width="stretch", on_click="ignore")


AUTH_USER_KEY = "auth_user"
AUTH_BASE_KEY = "auth_base_dir"


def current_user() -> str:
    """Who this session is, for the audit log: the signed-in user, else "local"."""
    return st.session_state.get(AUTH_USER_KEY) or "local"


def _secrets() -> dict:
    """The app's secrets, or nothing when there is no secrets file (the default)."""
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # a malformed secrets file must not take the app down with a traceback
        return {}


def sign_in_gate(nav: list) -> list:
    """The pages this session may see: all of ``nav``, or only a sign-in page.

    When sign-in is configured nothing else renders until the user is in; a signed-in user
    works in their own folder under the workspace (unless it is shared).
    """
    try:
        config = auth.load_config(_secrets())
    except CrmError as exc:
        st.error(plain(exc), icon=":material/warning:")
        st.stop()
    if config is None:
        return nav
    user = st.session_state.get(AUTH_USER_KEY)
    if user is None and config.oidc and st.user.is_logged_in:
        user = _signed_in(str(st.user.get("email") or st.user.get("name") or "user"), config)
    if user is None:
        return [st.Page(lambda: _sign_in_form(config), title=tr("protect.auth.title"), icon=":material/lock:",
                        url_path="sign-in")]
    st.sidebar.markdown(tr("protect.auth.signed_in", user=user))
    st.sidebar.button(tr("protect.auth.sign_out"), key="sign_out", on_click=_sign_out, args=(config,))
    return nav


def require_sign_in() -> None:
    """Stop a page that reaches for data while sign-in is configured and nobody is signed in.

    The navigation gate already hides every page; this catches a page script run directly
    (Streamlit can serve a file from ``pages/`` by its URL before ``app.py`` has run).
    """
    if st.session_state.get(AUTH_USER_KEY):
        return
    try:
        config = auth.load_config(_secrets())
    except CrmError:
        config = auth.AuthConfig()
    if config is not None:
        st.warning(tr("protect.auth.required"), icon=":material/lock:")
        st.stop()


def _sign_in_form(config: auth.AuthConfig) -> None:
    st.title(tr("protect.auth.title"))
    st.write(tr("protect.auth.intro"))
    if config.users:
        with st.form("sign_in", clear_on_submit=True):  # the password does not linger in the session
            name = st.text_input(tr("protect.auth.user"), key="sign_in_user")
            password = st.text_input(tr("protect.auth.password"), type="password", key="sign_in_password")
            submitted = st.form_submit_button(tr("protect.auth.submit"), type="primary")
        if submitted and name and password:
            outcome = auth.sign_in(config, name, password, _client())
            if outcome == "ok":
                _signed_in(name.strip(), config)
                st.rerun()
            _audit_failure(name.strip(), outcome)
            time.sleep(1.0)  # slows password guessing
            st.error(tr(f"protect.auth.{outcome}"), icon=":material/lock:")
    if config.oidc:
        st.button(tr("protect.auth.sso"), on_click=st.login, key="sign_in_sso")


def _client() -> str | None:
    """Who is knocking, for the per-client sign-in throttle (the proxy's address behind one)."""
    try:
        return st.context.ip_address
    except Exception:  # AppTest and older servers have no client address
        return None


def _audit_failure(user: str, outcome: str) -> None:
    """A failed or locked-out sign-in lands in the audit trail of the base workspace."""
    base = st.session_state.get(WORKSPACE_KEY) or str(default_workspace_dir())
    with Workspace(base).connect() as con:
        audit.record(con, user[:100], "sign_in", f"{user[:100]} from {_client() or 'unknown'}", outcome)


def _signed_in(user: str, config: auth.AuthConfig) -> str:
    """Remember the user and move the session into their workspace folder."""
    base = st.session_state.setdefault(
        AUTH_BASE_KEY, st.session_state.get(WORKSPACE_KEY) or str(default_workspace_dir()))
    st.session_state[AUTH_USER_KEY] = user
    st.session_state[WORKSPACE_KEY] = str(auth.user_folder(base, user, config.shared))
    with workspace().connect() as con:
        audit.record(con, user, "sign_in", user)
    return user


def _drop_downloads() -> None:
    """Forget this session's download files on the server, so their ``/media`` links stop
    working the moment the user signs out (Streamlit would keep them for a while)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return
    manager = Runtime.instance().media_file_mgr
    manager.clear_session_refs(ctx.session_id)
    manager.remove_orphaned_files()  # a download file is first marked …
    manager.remove_orphaned_files()  # … then deleted


def _sign_out(config: auth.AuthConfig) -> None:
    """Forget the user and return to the base workspace folder (OIDC also ends its session)."""
    st.session_state.pop(AUTH_USER_KEY, None)
    st.session_state[WORKSPACE_KEY] = st.session_state.pop(AUTH_BASE_KEY, None)
    _drop_downloads()
    if config.oidc and st.user.is_logged_in:
        st.logout()
