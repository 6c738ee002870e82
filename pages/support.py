"""Support: suggested FAQ replies, a confidence threshold, evaluation and FAQ gaps."""

from __future__ import annotations

import json

import streamlit as st

from app_ui import downloads, table_picker, tables, tr, user_errors, workspace
from crm_core.support import charts as charts_support
from crm_core.support import matcher as support
from crm_core.workspace.store import Workspace

THRESHOLD_KEY = "support_threshold"
FAQ_PREFERRED = ("faq", "faqs", "knowledge_base")
QUESTION_PREFERRED = ("support_questions", "questions", "tickets")


@st.cache_data(max_entries=8, show_spinner=False)
def _matches(folder: str, faq: str, faq_version: int, questions: str, questions_version: int):
    with Workspace(folder).connect() as con:
        return support.load_and_match(con, faq, questions)


@st.cache_data(max_entries=32, show_spinner=False)
def _run(folder: str, faq: str, faq_version: int, questions: str, questions_version: int,
         threshold: float):
    return support.run_support(_matches(folder, faq, faq_version, questions, questions_version), threshold)


def _chart_labels() -> dict[str, str]:
    keys = ("count", "threshold", "confidence", "wrong", "correct", "current", "answered", "share")
    return {k: tr(f"support.chart.{k}") for k in keys}


def _set_threshold(value: float) -> None:
    st.session_state[THRESHOLD_KEY] = round(float(value), 2)


def threshold_slider(matches: support.Matches, key: tuple, suggested: float | None) -> float:
    """The slider starts on the automatic threshold for each new pair of tables."""
    if st.session_state.get("support_threshold_for") != key:
        st.session_state["support_threshold_for"] = key
        _set_threshold(matches.auto_threshold)
    value = st.slider(tr("support.threshold"), 0.0, 1.0, step=0.01, key=THRESHOLD_KEY,
                      help=tr("support.threshold_help"))
    left, right = st.columns(2)
    left.button(tr("support.use_auto"), on_click=_set_threshold, args=(matches.auto_threshold,),
                key="support_auto", help=tr("support.auto_value", auto=f"{matches.auto_threshold:.2f}"))
    if suggested is not None:
        right.button(tr("support.use_labels", value=f"{suggested:.2f}"), on_click=_set_threshold,
                     args=(suggested,), key="support_labels")
    return float(value)


def metrics_row(summary: dict) -> None:
    cols = st.columns(6 if "accuracy_at_1" in summary else 2)
    cols[0].metric(tr("support.metric.questions"), f"{summary['questions']:,}")
    cols[1].metric(tr("support.metric.answered"), f"{summary['answered_share']:.0%}")
    if "accuracy_at_1" in summary:
        for col, key, name in zip(cols[2:], ("accuracy_at_1", "accuracy_at_3", "wrong_share",
                                             "precision_of_replies"),
                                  ("acc1", "acc3", "wrong", "precision"), strict=True):
            value = summary.get(key)
            col.metric(tr(f"support.metric.{name}"), "—" if value is None else f"{value:.0%}")


def try_box(matches: support.Matches, threshold: float) -> None:
    text = st.text_input(tr("support.try"), placeholder=tr("support.try_placeholder"), key="support_try")
    if not text.strip():
        return
    with user_errors():
        table, answered = support.try_question(matches, text, threshold)
        if answered:
            st.success(tr("support.try_answered"))
        else:
            st.warning(tr("support.try_routed"))
        st.dataframe(table, hide_index=True, width="stretch")


def results(matches: support.Matches, result: support.SupportRun, threshold: float,
            faq: str, questions: str) -> None:
    st.subheader(tr("support.distribution"))
    st.plotly_chart(charts_support.confidence_histogram(matches.confidence, threshold, _chart_labels()))
    if result.curve is not None:
        st.subheader(tr("support.evaluation"))
        st.caption(tr("support.evaluation_help"))
        st.plotly_chart(charts_support.deflection_curve(result.curve, threshold, _chart_labels()))
    else:
        st.info(tr("support.no_labels"))
    st.subheader(tr("support.replies"))
    st.caption(tr("support.replies_help"))
    st.dataframe(result.replies, hide_index=True, width="stretch")
    downloads(result.replies, "replies", key="support_replies")
    st.download_button(tr("support.download_summary"),
                       json.dumps(result.summary, ensure_ascii=False, indent=2).encode("utf-8"),
                       "support_summary.json", "application/json", key="support_summary")
    if st.button(tr("support.save"), key="support_save"):
        with user_errors(), workspace().connect() as con:
            support.save_replies(con, result.replies, faq, questions, threshold)
            st.success(tr("support.saved", table=support.REPLIES_TABLE))
    with st.expander(tr("support.suggestions")):
        st.dataframe(matches.suggestions, hide_index=True, width="stretch")
        downloads(matches.suggestions, "suggestions", key="support_suggestions")
    st.subheader(tr("support.gaps"))
    st.caption(tr("support.gaps_help"))
    if result.gaps.empty:
        st.info(tr("support.no_gaps"))
    else:
        st.dataframe(result.gaps, hide_index=True, width="stretch")
        downloads(result.gaps, "faq_gaps", key="support_gaps")


def columns_caption(matches: support.Matches) -> None:
    faq, qs = matches.columns.get("faq", {}), matches.columns.get("questions", {})
    none = tr("support.none")
    st.caption(tr("support.columns", faq_id=faq.get("faq_id", none), faq_question=faq.get("question", none),
                  answer=faq.get("answer", none), question=qs.get("question", none),
                  label=qs.get("faq_id", none)))


st.title(tr("support.title"))
st.caption(tr("support.intro"))
with user_errors():
    left, right = st.columns(2)
    with left:
        faq_table = table_picker("support.faq_table", "support_faq", FAQ_PREFERRED)
    with right:
        questions_table = table_picker("support.questions_table", "support_questions", QUESTION_PREFERRED)
    if faq_table == questions_table:
        st.warning(tr("support.same_table"))
        st.stop()
    versions = {t.name: t.version for t in tables()}
    key = (str(workspace().folder), faq_table, versions.get(faq_table, 0), questions_table,
           versions.get(questions_table, 0))
    with st.spinner(tr("support.matching")):
        found = _matches(*key)
    columns_caption(found)
    if found.notes:
        st.caption(tr("support.notes", notes="; ".join(found.notes)))
    labels_run = _run(*key, found.auto_threshold)
    chosen = threshold_slider(found, key, labels_run.summary.get("suggested_threshold_from_labels"))
    run = _run(*key, chosen)
    metrics_row(run.summary)
    try_box(found, chosen)
    results(found, run, chosen, faq_table, questions_table)
