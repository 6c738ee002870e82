"""Cohorts: retention and revenue by first-purchase month or week, triangle and curves, filters."""

from __future__ import annotations

import streamlit as st

from app_ui import (
    asked_for,
    cached_run,
    downloads,
    headers,
    lang,
    past_runs_above,
    require_tables,
    save_run,
    show_table,
    table_picker,
    tr,
    typed_grid,
    user_errors,
    workspace,
)
from crm_core import i18n
from crm_core.report import format as fmt
from crm_core.segment import cohort_charts
from crm_core.segment import cohorts as cohort_run
from crm_core.segment.cohorts import CohortConfig, CohortRun
from crm_core.workspace import runs, store

CONFIG_KEY = "coh_config"
READ_AS = {"cohort_size": "count", "customers": "count", "retention": "percent", "revenue": "money",
           "revenue_per_customer": "money"}


def _segments(table: str) -> list[str]:
    """Segment names of the latest segmentation of ``table`` (none when it was never segmented)."""
    with workspace().connect() as con:
        kept = runs.list_runs(con, "segments", table)
        if not kept:
            return []
        frame = runs.result_frame(con, kept[0])
    return sorted(frame["segment"].dropna().astype(str).unique())


def settings(table: str) -> None:
    """Period and filters; the button stores the config and (re)computes."""
    with workspace().connect() as con:
        columns = [c for c, _ in store.columns_of(con, table)]
    a, b, c, d = st.columns(4)
    freq = a.radio(tr("cohort.page.freq"), ["", "M", "W", "Q", "Y"], horizontal=True, key="coh_freq",
                   format_func=lambda v: tr(f"cohort.freq.{v or 'auto'}"),
                   help=CohortConfig.help("freq", lang()))
    segments = _segments(table)
    segment = b.selectbox(tr("cohort.page.segment"), ["", *segments], key="coh_segment",
                          format_func=lambda v: v or tr("cohort.page.all"), disabled=not segments,
                          help=tr("cohort.page.segment_help"))
    first_col = c.selectbox(tr("cohort.page.first_col"), ["", *columns], key="coh_first_col",
                            format_func=lambda v: v or "—", help=CohortConfig.help("first_col", lang()))
    values = []
    if first_col:
        with workspace().connect() as con:
            values = cohort_run.first_values(con, table, first_col)
    first_value = d.selectbox(tr("cohort.page.first_value"), ["", *values], key="coh_first_value",
                              format_func=lambda v: v or tr("cohort.page.all"), disabled=not first_col)
    if st.button(tr("cohort.page.run"), type="primary", key="coh_run"):
        keep = bool(first_col and first_value)
        st.session_state[CONFIG_KEY] = (table, CohortConfig(
            freq=freq or None, segment=segment or None, first_col=first_col if keep else None,
            first_value=first_value if keep else None))
        st.session_state["coh_save"] = True


def current_run(picked: str) -> CohortRun | None:
    """The run the last click asked for on the table picked now (none yet: how to start)."""
    asked = asked_for(CONFIG_KEY, picked)
    if not asked:
        st.info(tr("cohort.page.start"))
        return None
    table, config = asked
    with st.spinner(tr("segment.page.running"), show_time=True):
        result = cached_run(cohort_run, table, config)
    saved = st.empty()  # the saved caption's place, kept on every run (app_ui.save_run)
    if st.session_state.pop("coh_save", False):
        save_run(result, saved)
    return result


def _currency(result: CohortRun) -> str:
    with workspace().connect() as con:
        return fmt.display_currency(con, result.table)


def with_unit(fig, value: str, currency: str):
    """A money chart in the table's currency, as the grid shows it (the revenue triangle read
    ``160.73`` with no unit); retention and a table naming no currency stay as they are. The title
    is not escaped as ``tr`` would: a chart draws no markdown."""
    symbol = fmt.SIGNS.get(currency, currency)
    if value == "retention" or not symbol:
        return fig
    title = i18n.t("cohort.chart.unit", lang(), title=fig.layout.title.text, unit=symbol)
    fig.update_layout(title_text=title)
    if fig.data[0].type == "heatmap":  # the symbol on the written cells only: none past the edge
        cells = [[f"{symbol}{text}" if text else "" for text in row] for row in fig.data[0].text]
        return fig.update_traces(text=cells, colorbar_tickprefix=symbol)
    return fig.update_yaxes(tickprefix=symbol)


def readable(frame, freq: str, currency: str = "") -> tuple:
    """The table as the page shows it, a kept run's too (told its ``freq``: a kept monthly run read
    2024-01-01): headers in words, numbers kept as numbers under the column config's formats
    (retention in percent, money with the data's unit, counts with separators: as text they sat
    left-aligned and sorted as words, walk13), a monthly cohort a month, a quarter or a year its
    label (a grid has no quarter format). The people's workbook reads the same grid."""
    labels = headers(frame, "cohort.col", f"cohort.col.{freq}")
    if freq in cohort_charts.LABELLED:
        frame = frame.assign(cohort=[fmt.period(c, freq, lang()) for c in frame["cohort"]])
        return typed_grid(frame, READ_AS, labels, currency)
    period = {"cohort": "month" if freq == "M" else "date"}
    return typed_grid(frame, READ_AS | period, labels, currency)


def show(result: CohortRun) -> None:
    text = result.summary_text()
    a, b, c = st.columns(3)
    a.metric(tr("cohort.page.cohorts"), text["cohorts"])
    b.metric(tr("cohort.page.customers"), text["customers"])
    c.metric(tr(f"cohort.page.r1.{result.config.freq}"), text["r1"])
    for note in result.notes:  # why the period is not months; a first cohort swollen by older customers
        st.info(i18n.say(cohort_run.on_page(note), lang()))
    if not result.has_revenue:
        st.caption(tr("cohort.page.no_revenue"))
    frame = result.frame
    tabs = st.tabs([tr(f"cohort.page.tab_{name}") for name in ("triangle", "curves", "table")])
    values = ("retention", "revenue_per_customer") if result.has_revenue else ("retention",)
    currency = _currency(result)
    for tab, draw in zip(tabs[:2], (cohort_charts.triangle_figure, cohort_charts.curves_figure), strict=True):
        with tab:
            for value in values:
                figure = draw(frame, value, lang(), result.config.freq)
                st.plotly_chart(with_unit(figure, value, currency), width="stretch",
                                key=f"coh_{draw.__name__}_{value}")
    with tabs[2]:
        shown, labels = readable(frame, result.config.freq, currency)
        show_table(shown, column_config=labels)
        downloads(result.csv_frame(), "cohorts", key="coh_dl",
                  shown=lambda: readable(frame, result.config.freq, currency))
        st.download_button(tr("cohort.page.dl_report"), lambda: result.report(cohort_run.on_page),
                           "cohort_report.html", "text/html", key="coh_dl_html", on_click="ignore")


st.title(tr("cohort.page.title"))
st.caption(tr("cohort.page.intro"))
with user_errors():
    require_tables()
    picked = table_picker("cohort.page.table", key="coh_table", preferred=("orders",),
                          kinds=("transactions", "events"))
    settings(picked)
    with past_runs_above("cohorts", key="coh_past", config=CohortConfig, header_keys=("cohort.col",),
                         shown=readable, shown_by=("freq",), money=True, table=picked) as shown_above:
        run_result = current_run(picked)
        if run_result:
            show(run_result)
            shown_above.append(run_result)
