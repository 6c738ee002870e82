"""Segments: RFM groups and KMeans clusters side by side, k chosen on evidence, reports to download."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from app_ui import (
    asked_for,
    cached_run,
    content_kind,
    day_input,
    downloads,
    fitted_columns,
    lang,
    metric_row,
    past_runs_above,
    plain,
    require_tables,
    save_run,
    select_all,
    show_table,
    side_by_side,
    table_picker,
    table_rows_said,
    tr,
    typed_grid,
    user_errors,
    worded_kind,
    workspace,
)
from crm_core import i18n
from crm_core.contract import split_list
from crm_core.i18n import join, say
from crm_core.report import format as fmt
from crm_core.segment import charts
from crm_core.segment import features as crm_features
from crm_core.segment import model as crm_segment
from crm_core.segment import report as segment_report
from crm_core.segment import rfm as crm_rfm
from crm_core.segment import run as segment_run
from crm_core.segment.actions import rfm_action
from crm_core.segment.attributes import left_out_said
from crm_core.segment.run import SegmentConfig, SegmentRun
from crm_core.segment.sources import activity_range
from crm_core.workspace import store
from crm_core.workspace.amount_words import amount_source_said
from crm_core.workspace.table_kind import KINDS

CONFIG_KEY = "seg_config"
NAMES_KEY = "seg_names"
K_CHOICES = ["auto", *range(1, 13)]


def _version(folder: str, table: str) -> int:
    with store.Workspace(folder).connect() as con:
        return store.table_version(con, table)


@st.cache_data(max_entries=8, show_spinner=False)
def _files(folder: str, table: str, version: int, config: SegmentConfig, language: str,
           names: tuple[tuple[int, str], ...], currency: str, _run: SegmentRun) -> dict[str, bytes]:
    """The report files of ``_run`` (the page's run, named by the key before it, not hashed)."""
    return {"segments.csv": segment_report.members_csv(_run),
            "segment_report.html": segment_report.report_page(_run, currency)}


def currency(table: str) -> str:
    """The unit money is shown in: the one the table's amounts carried when loaded, unless the
    analyst chose another in the sidebar (kept in the workspace so reports and other pages agree)."""
    with workspace().connect() as con:
        code, own = fmt.display_currency(con, table), fmt.table_currency(con, table)
    # set each run: a widget's index is read only once, so after a € table a $ table's page
    # showed $ amounts under a sidebar still reading EUR
    st.session_state["seg_currency"] = code
    # the table's own code (Lazada's MYR) among the options: not one, the box read "none" (walk31)
    options = list(dict.fromkeys([*fmt.CURRENCIES, own, code]))
    st.sidebar.selectbox(tr("segment.page.currency"), options, key="seg_currency",
                         on_change=_set_currency,
                         format_func=lambda c: f"{c} {fmt.SIGNS[c].strip()}" if c
                         else tr("segment.page.currency_none"))
    return code


def _set_currency() -> None:
    with workspace().connect() as con:
        fmt.set_currency(con, st.session_state["seg_currency"])


@st.cache_data(max_entries=8, show_spinner=False)
def _figures(folder: str, table: str, version: int, config: SegmentConfig, language: str,
             names: tuple[tuple[int, str], ...], _run: SegmentRun) -> dict:
    """The charts of ``_run``, the page's run: calling ``cached_run`` in here replayed its notes (an
    event log's purchases-only box) a second time above the tabs, as a cached function's output is."""
    return segment_report.figures(_run)


@st.cache_data(max_entries=8, show_spinner=False)
def _compare(folder: str, table: str, version: int, before: date, config: SegmentConfig, language: str):
    with store.Workspace(folder).connect() as con:
        return segment_run.compare_snapshots(con, table, before, config.observation_end, lang=language,
                                             config=config)


@st.cache_data(max_entries=16, show_spinner=False)
def _date_range(folder: str, table: str, version: int) -> tuple[date, date] | None:
    with store.Workspace(folder).connect() as con:
        return activity_range(con, table)


def settings_form(table_names: list[str]) -> str:
    """The run settings; submitting stores them and (re)runs the segmentation. The table is picked
    above the form, so the form can say what it holds and offer only what applies to it (walk20:
    a contact list was offered the purchase features under "交易数据表")."""
    table = table_picker("segment.page.table", key="seg_table", preferred=("orders",),
                         kinds=("transactions", "customers", "events"))
    held, said = _kind_held(table)
    worded = worded_kind(table, held)
    if f"{said}.{worded}" in i18n.catalogue():
        st.caption(tr(f"{said}.{worded}", table=table))
    with st.form("seg_settings"):
        a, b = st.columns(2)
        k = a.selectbox(tr("segment.page.k"), K_CHOICES, key="seg_k", help=tr("segment.page.k_help"),
                        format_func=lambda v: tr("segment.page.k.auto") if v == "auto" else str(v))
        transform = b.radio(tr("segment.page.transform"), ["log", "quantile"], key="seg_transform",
                            horizontal=True, help=tr("segment.page.transform_help"),
                            format_func=lambda v: tr(f"segment.page.transform.{v}"))
        features = purchase_features() if held == "transactions" else crm_features.CORE_FEATURES
        with st.expander(tr("segment.page.more")):
            use_end = st.checkbox(tr("segment.page.use_end"), key="seg_use_end",
                                  help=tr("segment.page.use_end_help"))
            end = day_input(st, "segment.page.end", table, "seg_end")
            kind = st.selectbox(tr("segment.page.kind"), ["auto", *KINDS], key="seg_kind",
                                format_func=lambda v: tr(f"segment.page.kind.{v}"),
                                help=SegmentConfig.help("kind", lang()))
            left, right = st.columns(2)
            customers = left.selectbox(tr("segment.page.customers_table"), ["", *table_names],
                                       key="seg_customers", format_func=lambda v: v or "—",
                                       help=SegmentConfig.help("customers_table", lang()))
            events = right.selectbox(tr("segment.page.events_table"), ["", *table_names],
                                     key="seg_events", format_func=lambda v: v or "—",
                                     help=SegmentConfig.help("events_table", lang()))
            numeric = st.text_input(tr("segment.page.numeric_cols"), key="seg_numeric",
                                    placeholder=tr("segment.page.numeric_example"),
                                    help=SegmentConfig.help("numeric_attributes", lang()))
            categorical = st.text_input(tr("segment.page.categorical_cols"), key="seg_categorical",
                                        placeholder=tr("segment.page.categorical_example"),
                                        help=SegmentConfig.help("categorical_attributes", lang()))
            exclude = st.text_input(tr("segment.page.exclude_cols"), key="seg_exclude",
                                    placeholder=tr("segment.page.exclude_example"),
                                    help=SegmentConfig.help("exclude_cols", lang()))
        if st.form_submit_button(tr("segment.page.run"), type="primary"):
            st.session_state[CONFIG_KEY] = (table, SegmentConfig(
                k=k, features=tuple(features) or crm_features.CORE_FEATURES, transform=transform,
                observation_end=end if use_end and end else None, customers_table=customers or None,
                numeric_attributes=split_list(numeric), categorical_attributes=split_list(categorical),
                exclude_cols=split_list(exclude), events_table=events or None, kind=kind))
            st.session_state["seg_save"] = True
    return table


def _kind_held(table: str) -> tuple[str, str]:
    """The kind the run reads ``table`` as and the caption family saying so: the analyst's choice
    under "Table kind" once submitted, else the detected kind (the caption kept saying the detected
    kind after the analyst chose another, seg21)."""
    detected, chosen = content_kind(table), st.session_state.get("seg_kind", "auto")
    if chosen in ("auto", detected):
        return detected, "segment.page.table_is"
    return chosen, "segment.page.table_read_as"


def purchase_features() -> list[str]:
    """The features a purchase log's customers are clustered on, in a row of its own: in a third
    of the form its tags were cut ("Frequenc…")."""
    return st.multiselect(tr("segment.page.features"), list(crm_features.FEATURES),
                          default=list(crm_features.CORE_FEATURES), key="seg_features",
                          select_all=select_all(), placeholder=tr("common.choose"),
                          help=tr("segment.page.features_help"),
                          format_func=lambda f: tr(f"segment.feature.{f}"))


def current_run(picked: str) -> tuple[SegmentRun, tuple] | None:
    """The run for the settings submitted on the picked table (computed with a progress bar the
    first time)."""
    asked = asked_for(CONFIG_KEY, picked)
    if not asked:
        st.info(tr("segment.page.start"))
        return None
    table, config = asked
    folder = str(workspace().folder)
    version = _version(folder, table)
    key = (folder, table, version, config, lang())
    with st.spinner(tr("segment.page.running"), show_time=True):
        run = cached_run(segment_run, table, config)
    names = st.session_state.setdefault(NAMES_KEY, {}).get(key)
    if names:
        run = run.with_names(names)
    saved = st.empty()  # the saved caption's place, kept on every run (app_ui.save_run)
    if st.session_state.pop("seg_save", False):
        save_run(run, saved)
    return run, key


def _frequency_words(source: str) -> str:
    """What frequency counts, in the page's language (the run names it by a code: "orders")."""
    return tr("segment.page.frequency." + source.replace(" ", "_"))


def overview(run: SegmentRun, money: str) -> None:
    """Headline numbers in words first; the summary with a suggested action per segment."""
    cov = run.features.coverage
    sil = run.segmenter.silhouette_
    metric_row([
        (tr("segment.col.customers"), fmt.number(len(run.members), 0), None),
        (tr("segment.param.k_used"), str(run.k), tr("segment.plain.k")),
        (tr("segment.param.silhouette"), fmt.number(sil, 2), tr("segment.plain.silhouette")),
        (tr("segment.page.revenue"), fmt.money(run.members["monetary"].sum(), money) if run.has_money
         else fmt.MISSING, None),
        (tr("segment.page.left_out"), fmt.number(cov["rows"] - cov["used"], 0), None)])
    if sil is not None:
        st.caption(plain(segment_report.silhouette_text(sil, lang())))
    st.caption(tr("segment.report.kind", kind=tr(f"segment.kind.{run.features.table_kind.reading}"),
                  evidence=join(run.features.table_kind.sentences(lang()), lang())))
    left_out = run.features.attributes.left_out if run.features.attributes else {}
    if left_out:
        st.caption(tr("segment.page.left_out_cols", columns=say(left_out_said(left_out), lang())))
    for note in run.notes:
        st.caption(say(note, lang()))
    if not run.has_money:
        st.caption(table_rows_said(run.table, cov))
        return
    st.caption(tr("segment.page.coverage", rows_used=table_rows_said(run.table, cov),
                  reference=fmt.day(run.features.reference_date, lang()),
                  monetary=say(amount_source_said(run.features.monetary_source), lang()),
                  frequency=_frequency_words(run.features.frequency_source)))


def actions_first(summary: pd.DataFrame, lang_code: str) -> pd.DataFrame:
    """Each segment's suggested action on a line of its own above the summary, which is returned
    without it: as the grid's last column the action, the point of the table, lay past its right
    edge at 1280 px (judge8 walk)."""
    action = i18n.t("segment.col.action", lang_code)
    if action not in summary:
        return summary
    st.caption(tr("segment.plain.actions"))
    st.markdown("\n".join("- " + tr("segment.page.action_line", segment=str(row.iloc[0]), action=row[action])
                           for _, row in summary.iterrows()))
    return summary.drop(columns=action)


def summary_grid(run: SegmentRun, money: str) -> tuple:
    """The segments' summary with its numbers kept as numbers under the formats the text had
    (20%, 313,481, ¥966.36): as text they sat left-aligned and sorted as words (walk15)."""
    frame, kinds = segment_report.summary_typed(run)
    shares = [c for c, kind in kinds.items() if kind == "percent" and c in frame]
    parts = segment_report.part_headers(run.lang, run.gifts)
    others = {c: kind for c, kind in kinds.items() if c not in shares}
    frame, columns = typed_grid(actions_first(frame, run.lang), others, {}, money)
    # 75%, not 75.31%, and a tiny segment 0.5% as the profile and the size chart read it, not 1%;
    # the segments' shares of the customers and the revenue add up to 100%
    figures = {c: st.column_config.NumberColumn(c, format="%g%%") for c in shares}
    rounded = {c: (fmt.percent_parts if c in parts else fmt.percent_figures)(frame[c]) for c in shares}
    return frame.assign(**rounded), columns | figures


def kmeans_tab(run: SegmentRun, figs: dict, key: tuple, money: str) -> None:
    table, columns = summary_grid(run, money)
    show_table(table, column_config=columns)
    st.plotly_chart(figs["sizes"], width="stretch", key="seg_sizes")
    with st.expander(tr("segment.page.details")):
        st.caption(tr("segment.plain.k"))
        st.info(crm_segment.recommendation_text(run.segmenter.recommendation_, lang()))
        st.plotly_chart(figs["k_choice"], width="stretch", key="seg_k_chart")
        scores = segment_report.localised(run.segmenter.k_scores_.round(4), lang())
        show_table(scores)
        downloads(scores, "k_choice", key="seg_dl_k")
    profile_across(segment_report.profile_shown(run, currency=money))
    downloads(segment_report.localised(run.profile().round(2), lang()), "segment_profiles",
              key="seg_dl_profiles", shown=lambda: profile_grid(run, "segment", money))
    st.caption(tr("segment.plain.profiles"))  # says how to read the charts under it, not the grid
    # Across the column (walk18): in half of it at 1024 px the heatmap's labels ran together in
    # 17 px cells, and a 3-D chart cut its axes (about 210 px at 820 px).
    charts = (("heatmap", "seg_heat"), ("snake", "seg_snake"), ("pca", "seg_pca"), ("rfm3d", "seg_3d"))
    for name, chart_key in charts:
        if name in figs:
            st.plotly_chart(figs[name], width="stretch", key=chart_key)
    rename_form(run, key)


def rename_form(run: SegmentRun, key: tuple) -> None:
    """One text box per segment; saving renames in the page, the table and the reports."""
    st.subheader(tr("segment.page.rename"))
    if st.session_state.pop("seg_renamed", False):
        st.success(tr("segment.page.renamed"))
    run_token = hashlib.sha1(repr(key[1:]).encode()).hexdigest()[:10]  # fresh boxes for each run
    with st.form("seg_rename"):
        changes = {cluster: st.text_input(tr("segment.page.rename_label", cluster=cluster), name,
                                          key=f"seg_name_{run_token}_{cluster}")
                   for cluster, name in run.names.items()}
        if st.form_submit_button(tr("segment.page.rename_save")):
            renamed = run.with_names(changes)
            st.session_state[NAMES_KEY][key] = renamed.names
            save_run(renamed)
            st.session_state["seg_renamed"] = True
            st.rerun()


def rfm_tab(run: SegmentRun, figs: dict, money: str) -> None:
    st.caption(tr("segment.plain.rfm"))
    side_by_side((figs["rfm_grid"], "seg_grid"), (figs["rfm_groups"], "seg_groups"))
    rules = crm_rfm.rfm_rules_table(lang(), run.gifts).assign(
        **{tr("segment.col.action"): [rfm_action(r.key, lang(), run.gifts) for r in crm_rfm.RFM_RULES]})
    show_table(rules)
    downloads(rules, "rfm_rules", key="seg_dl_rules")
    profile_across(segment_report.profile_shown(run, "rfm_segment", money))
    downloads(segment_report.localised(run.profile("rfm_segment").round(2), lang()), "rfm_profiles",
              key="seg_dl_rfm", shown=lambda: profile_grid(run, "rfm_segment", money))


def profile_across(shown) -> None:
    """A profile turned to a column per segment, its measures column as wide as its longest name:
    the grid gave it a header's width, and at 1024 px "MntMeatProducts (median)" read
    "MntMeatProducts (me" beside long segment names (walk16)."""
    turned = segment_report.across(shown, lang())
    show_table(turned, height="content", column_config=fitted_columns(turned, turned.columns[:1]))


def profile_grid(run: SegmentRun, by: str, money: str) -> tuple:
    """A profile as its people's workbook reads: one row per segment (the page turns it to one
    column per segment, whose rows mix percents and money), its numbers kept under the formats
    the page writes them in (51%, ¥160.73), headed in the page's language."""
    profile = fmt.tidy(run.profile(by), segment_report.MONEY_COLUMNS)
    return typed_grid(profile, segment_report.profile_kinds(run, profile, by),
                      segment_report.column_labels(profile, lang()), money)


def compare_tab(run: SegmentRun, key: tuple) -> None:
    folder, table, version = key[:3]
    span = _date_range(folder, table, version)
    if span is None:
        st.info(tr("segment.page.compare_no_dates"))
        return
    first, last = span
    end = run.config.observation_end or last
    default = max(first, end - timedelta(days=90))
    before = st.date_input(tr("segment.page.compare_before"), value=default, min_value=first,
                           max_value=end, key="seg_before")
    st.caption(tr("segment.page.compare_help", after=fmt.day(end, lang())))
    if before >= end:
        st.warning(tr("segment.page.compare_same"))
        return
    moves = _compare(folder, table, version, before, run.config, lang())
    st.plotly_chart(charts.sankey_figure(moves, before, end, lang()), width="stretch",
                    key="seg_sankey")
    grid = movement_grid(moves)
    show_table(grid[0], column_config=grid[1])
    downloads(moves, "segment_movement", key="seg_dl_moves", shown=grid, headed=True)


def movement_grid(moves: pd.DataFrame) -> tuple:
    """The movement table headed in the page's words: the Chinese grid and its workbook read
    ``from · to · customers`` (walk11); the CSV too (walk23: no CLI file has these columns)."""
    return moves, {"from": tr("segment.col.moved_from"), "to": tr("segment.col.moved_to"),
                   "customers": st.column_config.NumberColumn(tr("segment.col.customers"),
                                                              format="localized", step=1)}


def downloads_tab(run: SegmentRun, key: tuple, money: str) -> None:
    files = _files(*key, tuple(sorted(run.names.items())), money, run)
    st.caption(tr("segment.page.downloads_help"))
    a, b, c = st.columns(3)
    a.download_button(tr("segment.page.dl_csv"), files["segments.csv"], "segments.csv", "text/csv",
                      key="seg_dl_csv", width="stretch")
    workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    b.download_button(tr("segment.page.dl_xlsx"), lambda: segment_report.report_workbook(run, money),
                      "segment_report.xlsx", workbook, key="seg_dl_xlsx", width="stretch", on_click="ignore")
    c.download_button(tr("segment.page.dl_html"), files["segment_report.html"], "segment_report.html",
                      "text/html", key="seg_dl_html", width="stretch")
    table, config = members_grid(run.members.head(1000))
    show_table(table, column_config=config)



def members_grid(frame) -> tuple:
    """The membership table and its headers as the page shows it, a kept run's too: amounts to
    the cent (a kept table read 51.9867), measures named in the page's language."""
    return fmt.tidy(frame, segment_report.MONEY_COLUMNS), segment_report.member_labels(frame, lang())


def segments_shown(picked: str) -> None:
    """The segmentation the last click asked for on the picked table (kept when new), in tabs."""
    result = current_run(picked)
    if not result:
        return
    run, key = result
    money = currency(run.table)
    overview(run, money)
    figs = _figures(*key, tuple(sorted(run.names.items())), run)
    names = ["kmeans", *(["rfm"] if run.has_money else []), "compare", "downloads"]
    tabs = dict(zip(names, st.tabs([tr(f"segment.page.tab_{n}") for n in names]), strict=True))
    with tabs["kmeans"], user_errors():
        kmeans_tab(run, figs, key, money)
    if run.has_money:
        with tabs["rfm"], user_errors():
            rfm_tab(run, figs, money)
    with tabs["compare"], user_errors():
        compare_tab(run, key)
    with tabs["downloads"], user_errors():
        downloads_tab(run, key, money)


st.title(tr("segment.page.title"))
st.caption(tr("segment.page.intro"))
with user_errors():
    found = require_tables()
    picked = settings_form([t.name for t in found])
    with past_runs_above("segments", key="seg_past", config=SegmentConfig, shown=members_grid, table=picked):
        segments_shown(picked)
