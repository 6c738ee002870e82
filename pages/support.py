"""Support: answers from the FAQ for typed or pasted questions (or a table of them), with the
confidence, the runner-up and a threshold the FAQ itself justifies."""

from __future__ import annotations

import dataclasses
import re

import streamlit as st

from app_ui import (
    DATA_KINDS,
    cached_run,
    downloads,
    fitted_columns,
    headers,
    lang,
    past_runs,
    save_run,
    shares_grid,
    show_table,
    table_picker,
    tables,
    tr,
    user_errors,
    workspace,
    workspace_stamp,
    yes_no_words,
)
from crm_core.errors import CrmError
from crm_core.i18n import join
from crm_core.report import format as fmt
from crm_core.support import charts as charts_support
from crm_core.support import run as support_run
from crm_core.support.columns import written_in
from crm_core.support.evaluate import label_threshold
from crm_core.support.run import SupportConfig, SupportRun
from crm_core.workspace.store import Workspace

THRESHOLD_KEY = "support_threshold"
MANUAL_KEY = "support_threshold_manual"
# the names an FAQ and a questions table go by, in English and Chinese: with a Chinese FAQ
# (常见问题) loaded before an order log, the FAQ box opened on the log and warned (walk9)
FAQ_PREFERRED = ("faq", "faqs", "knowledge_base", "常见问题", "常见问题解答", "问答库", "知识库")
QUESTION_PREFERRED = ("support_questions", "questions", "tickets", "客户提问", "客服问题", "客户问题", "工单")
FAQ_NAMED = re.compile(r"faq|knowledge|常见问题|问答|知识库", re.IGNORECASE)
SHOWN_ANSWERS = 20  # typed questions answered in full on the page (all are in the table below)


def _chart_labels() -> dict[str, str]:
    keys = ("count", "threshold", "confidence", "wrong", "correct", "current", "answered", "share")
    return {k: tr(f"support.chart.{k}") for k in keys}


@st.cache_data(max_entries=64, show_spinner=False)
def _faq_language(folder: str, stamp: float, table: str) -> str:
    """The language an FAQ's questions are written in ("" for a table with no question text)."""
    with Workspace(folder).connect() as con:
        try:
            return written_in(con, table)
        except CrmError:
            return ""


def faq_names(page_lang: str) -> tuple[str, ...]:
    """Tables named as FAQs (the usual names first, then any name saying FAQ), those written in
    the page's language ahead: with ``faq`` and ``supermarket_faq_zh`` loaded, the Chinese page
    opened on the English one (walk12)."""
    ws = workspace()
    stamp = workspace_stamp(ws)
    names = [t.name for t in tables() if t.kind in DATA_KINDS]
    named = [n for n in FAQ_PREFERRED if n in names]
    named += [n for n in names if n not in named and FAQ_NAMED.search(n)]
    return tuple(sorted(named, key=lambda n: _faq_language(str(ws.folder), stamp, n) != page_lang))


def questions_source(faq_table: str) -> SupportConfig | None:
    """Typed/pasted questions (the default) or a table; the config without a threshold."""
    if st.toggle(tr("support.source.table"), key="support_from_table", help=tr("support.source_help")):
        table = table_picker("support.questions_table", "support_questions", QUESTION_PREFERRED)
        if table == faq_table:
            st.warning(tr("support.same_table"))
            return None
        return SupportConfig(questions_table=table)
    text = st.text_area(tr("support.ask"), key="support_ask", height=120,
                        placeholder=tr("support.ask_placeholder"))
    return SupportConfig(questions=support_run.split_pasted(text))


def _use_auto() -> None:
    st.session_state[MANUAL_KEY] = False


def _moved() -> None:
    st.session_state[MANUAL_KEY] = True


def threshold_slider(auto: SupportRun) -> float | str:
    """Follows the automatic threshold until the analyst moves it; "auto" while it follows."""
    if not st.session_state.get(MANUAL_KEY):
        st.session_state[THRESHOLD_KEY] = round(float(auto.threshold), 2)
    value = st.slider(tr("support.threshold"), 0.0, 1.0, step=0.01, format="percent", key=THRESHOLD_KEY,
                      help=tr("support.threshold_help"), on_change=_moved)
    st.button(tr("support.use_auto"), on_click=_use_auto, key="support_auto")
    return float(value) if st.session_state.get(MANUAL_KEY) else "auto"


def threshold_caption(run: SupportRun) -> None:
    """Where the threshold comes from, in words; the FAQ's own check as counts beside its shares ("1 of 5
    (20%)"): bare shares of a five-question FAQ read as measured on many (walk30)."""
    check, labels = run.check, label_threshold(run.curve)
    answered = round(check.paraphrase_answered_share * check.checked)
    st.caption(tr(f"support.source_of.{run.threshold_set_by}", value=fmt.percent(run.threshold),
                  labels=fmt.percent(labels) if labels is not None else "",
                  checked=fmt.number(check.checked, 0), wrong=fmt.percent(check.held_out_wrong_share),
                  wrong_n=fmt.number(round(check.held_out_wrong_share * check.checked), 0),
                  answered=fmt.percent(check.paraphrase_answered_share), answered_n=fmt.number(answered, 0),
                  right=fmt.percent(check.paraphrase_right_share),
                  right_n=fmt.number(round(check.paraphrase_right_share * answered), 0)))


def answers(run: SupportRun) -> None:
    """Each typed question with its answer (or "to a person"), confidence and runner-up."""
    for reply in run.replies.head(SHOWN_ANSWERS).itertuples(index=False):
        with st.container(border=True):
            st.markdown(f"**{reply.question}**")
            if reply.routed_to_person:
                st.warning(tr("support.to_person"), icon=":material/support_agent:")
            else:
                st.success(reply.answer.replace("\n", "  \n"))  # keep the answer's line breaks
            st.caption(tr("support.reply_meta", confidence=fmt.percent(reply.confidence),
                          best=reply.best_faq_question, runner_up=reply.runner_up_question or "—"))


def metrics_row(summary: dict) -> None:
    """The headline numbers, three to a row: six to a row cut "Answered from th…" at 1280 px."""
    shown = [("questions", fmt.number(summary["questions"], 0)),
             ("answered", fmt.percent(summary["answered_share"]))]
    if "accuracy_at_1" in summary:
        shown += [(name, fmt.percent(summary.get(key))) for name, key in (
            ("acc1", "accuracy_at_1"), ("acc3", "accuracy_at_3"), ("wrong", "wrong_share"),
            ("precision", "precision_of_replies"))]
    for start in range(0, len(shown), 3):
        for col, (name, value) in zip(st.columns(3), shown[start:start + 3], strict=False):
            col.metric(tr(f"support.metric.{name}"), value)
            if name == "answered" and "answered" in summary:  # "75%" of four questions (walk31)
                col.caption(tr("support.metric.answered_count", part=fmt.number(summary["answered"], 0),
                               whole=fmt.number(summary["questions"], 0)))


def cross_check_caption(summary: dict) -> None:
    """When the labels set the threshold, what it does on questions that did not set it."""
    checked = summary.get("labels_cross_checked")
    if checked:
        st.caption(tr("support.cross_checked", answered=fmt.percent(checked["answered_share"]),
                      precision=fmt.percent(checked["precision_of_replies"]),
                      wrong=fmt.percent(checked["wrong_share"])))


def history_caption(summary: dict) -> None:
    """What past questions answered from the FAQ taught it, checked on later tickets, and whether
    the replies use it."""
    learned = summary.get("history")
    check = (learned or {}).get("out_of_time")
    if not check:
        return
    alone, taught = check["faq_only"], check["history_taught"]
    count = fmt.number(check["taught_with"], 0)
    split = (tr("support.history.until", count=count, day=check["taught_until"]) if check["taught_until"]
             else tr("support.history.first", count=count))
    st.caption(tr("support.history.used" if learned["used"] else "support.history.unused",
                  phrasings=fmt.number(learned["phrasings_learned"], 0), split=split,
                  graded=fmt.number(check["graded_on"], 0),
                  a_answered=fmt.percent(alone["answered_share"]),
                  a_right=fmt.percent(alone["right_share_of_answered"]),
                  t_answered=fmt.percent(taught["answered_share"]),
                  t_right=fmt.percent(taught["right_share_of_answered"])))


def reply_order(replies) -> list[str]:
    """The replies grid's columns with the confidence the threshold reads right after the FAQ
    entry sent: past the answer it was off a 1024 px screen, and "match score 0.22" beside no
    reply under a 15% threshold read as a fault (walk18)."""
    first = [c for c in ("question_id", "faq_id", "confidence", "score") if c in replies]
    return first + [c for c in replies.columns if c not in first]


def results(run: SupportRun) -> None:
    summary = run.summary()
    metrics_row(summary)
    cross_check_caption(summary)
    history_caption(summary)
    if run.config.questions:
        answers(run)
    st.subheader(tr("support.replies"))
    st.caption(tr("support.replies_help"))
    labels = headers(run.replies, "support.col")
    score = {"score": st.column_config.NumberColumn(labels.get("score", "score"), format="%.2f")}  # 0.2205
    shown, shares = shares_grid(yes_no_words(run.replies), labels)
    grid = (shown, labels | shares | score)
    show_table(grid[0], column_config=grid[1], column_order=reply_order(run.replies))
    downloads(run.replies, "replies", key="support_replies", shown=grid)
    st.download_button(tr("support.download_summary"), run.files()[support_run.FILE_NAMES["json"]],
                       support_run.FILE_NAMES["json"], "application/json", key="support_summary",
                       on_click="ignore")
    if st.button(tr("support.save"), key="support_save"):
        save_run(run)
    with st.expander(tr("support.details")):
        st.plotly_chart(charts_support.confidence_histogram(run.matches.confidence, run.threshold,
                                                            _chart_labels()), key="support_hist")
        if run.curve is not None:
            st.caption(tr("support.evaluation_help"))
            st.plotly_chart(charts_support.deflection_curve(run.curve, run.threshold, _chart_labels()),
                            key="support_curve")
    if not run.gaps.empty:
        st.subheader(tr("support.gaps"))
        st.caption(tr("support.gaps_help"))
        labels = headers(run.gaps, "support.col")  # keywords whole: sized by the header, cut (walk20)
        grid = (run.gaps, labels | fitted_columns(run.gaps, ["top_terms"], labels))
        show_table(grid[0], column_config=grid[1])
        downloads(run.gaps, "faq_gaps", key="support_gaps", shown=grid, headed=True)


st.title(tr("support.title"))
st.caption(tr("support.intro"))
with user_errors():
    faq_table = table_picker("support.faq_table", "support_faq", faq_names(lang()))
    base = questions_source(faq_table)
    if base is not None:
        with st.spinner(tr("support.matching")):
            auto = cached_run(support_run, faq_table, base)
        chosen = threshold_slider(auto)
        current = auto if chosen == "auto" else cached_run(
            support_run, faq_table, dataclasses.replace(base, threshold=chosen))
        threshold_caption(current)
        if current.matches.notes:
            st.caption(tr("support.notes", notes=join(current.matches.notes, lang())))
        if current.replies.empty:
            st.info(tr("support.ask_first"))
        else:
            results(current)
    past_runs("support", key="support_past", config=SupportConfig, header_keys=("support.col",))
