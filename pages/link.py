"""Link customers: records of several exports into one customer each, with a threshold slider,
the model's estimated precision/recall, and a review list whose decisions are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_ui import (
    DATA_KINDS,
    TIME_FORMATS,
    current_user,
    downloads,
    headers,
    lang,
    metric_row,
    past_runs_above,
    require_tables,
    save_run,
    select_all,
    show_table,
    tables,
    tr,
    user_errors,
    workspace,
    workspace_stamp,
)
from crm_core.errors import CrmError
from crm_core.i18n import Listing, join, quoted_name, shortened
from crm_core.link import charts, orders, review
from crm_core.link.configs import LinkConfig
from crm_core.link.fields import has_contacts
from crm_core.link.rekey import KEY, rekey
from crm_core.report import format as fmt
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import kind_of

if TYPE_CHECKING:  # the linker imports SciPy: the page drew nothing, not even its title, for it (walk25)
    from crm_core.link.run import LinkRun, Scored

TABLES_KEY = "link_chosen"
THRESHOLD_KEY, MOVED_KEY = "link_threshold", "link_threshold_moved"
SLIDER = (0.05, 0.995)
REVIEW_ROWS = 15
SHOWN_MAILBOXES = 10
_HINTS = ("customer", "member", "contact", "client", "user", "会员", "客户")


@st.cache_data(max_entries=4, show_spinner=False)
def _scored(folder: str, tables: tuple[str, ...], versions: tuple[int, ...], max_block: int):
    """Scored once per version of the exports, default threshold and curve computed: ``st.cache_data``
    hands out unpickled copies, so properties read outside were redone at each slider move (100k: 2.5 s)."""
    from crm_core.link import run as link_run  # SciPy, under the scoring spinner

    with store.Workspace(folder).connect() as con:
        scored = link_run.score(con, list(tables), LinkConfig(max_block=max_block))
    _ = scored.default_threshold, scored.curve
    return scored


def _decisions():
    with workspace().connect() as con:
        return review.decisions(con)


def current_scored() -> Scored | None:
    """The scored pairs of the chosen exports (cached: the slider only re-resolves them). Before a
    run, the button is named only once exports are chosen: "Choose … and press Link records" read
    as if none were (walk26)."""
    tables = st.session_state.get(TABLES_KEY)
    if not tables:
        chosen = st.session_state.get("link_tables")
        names = Listing(quoted_name(t) for t in chosen or ())
        st.info(tr("link.press", tables=names) if chosen else tr("link.start"))
        return None
    ws = workspace()
    with ws.connect() as con:
        versions = tuple(store.table_version(con, t) for t in tables)
    with st.spinner(tr("link.running"), show_time=True):
        return _scored(str(ws.folder), tables, versions, LinkConfig().max_block)


def _moved() -> None:
    st.session_state[MOVED_KEY] = True


def _use_best() -> None:
    st.session_state[MOVED_KEY] = False


def threshold_slider(scored: Scored) -> tuple[float | None, DeltaGenerator]:
    """Follows the run's default threshold until the analyst moves it; None while it follows.
    Also the place beside the slider where :func:`_at_threshold` goes once the run is resolved
    (the slider alone showed its ends, 0.05 and 0.99, as if they were the threshold)."""
    if not st.session_state.get(MOVED_KEY):
        st.session_state[THRESHOLD_KEY] = round(min(max(scored.default_threshold, SLIDER[0]), SLIDER[1]), 3)
    left, right = st.columns([3, 2], vertical_alignment="center")
    value = left.slider(tr("link.threshold"), *SLIDER, step=0.001, format="percent", key=THRESHOLD_KEY,
                        help=LinkConfig.help("threshold", lang()), on_change=_moved)
    st.button(tr("link.use_best"), on_click=_use_best, key="link_best")
    return (float(value) if st.session_state.get(MOVED_KEY) else None), right


def threshold_text(threshold: float) -> str:
    """A threshold as a percent, as the slider draws it, beside the estimated precision and recall
    in percent: "0.150" beside "96.9%" read as another kind of number (judge8 walk). Whole
    percents as the slider writes them ("50%", not "50.0%" under a slider reading 50%); the
    default threshold's tenth (17.2%) is kept."""
    whole = abs(threshold * 100 - round(threshold * 100)) < 1e-9
    return fmt.percent(threshold, 0 if whole else 1)


def _at_threshold(run: LinkRun) -> str:
    """``**0.170**: 1,534 customers, estimated precision 96.1%, recall 90.3% …``: the customers'
    own estimate, the one the default threshold is chosen by and the summary reports (the links'
    mean probability read 93% where the customers were an estimated 96%), or that nothing links.
    Read off the run the slider resolves anyway: no clustering of its own."""
    est, value = run.estimate(), threshold_text(run.threshold)
    if not est["pairs_in_customers"]:
        return tr("link.at_threshold.none", value=value)
    return tr("link.at_threshold", value=value, customers=f"{run.summary()['customers']:,}",
              pairs=f"{est['pairs_in_customers']:,}", precision=fmt.percent(est["estimated_precision"], 1),
              recall=fmt.percent(est["estimated_recall"], 1))


def _head_count(summary: dict) -> str:
    """The model's own head count beside the clusters' customers, no gap explained where none is (walk28)."""
    people, customers = f"{summary['estimated_people']:,}", f"{summary['customers']:,}"
    return (tr("link.estimated_people.agree", customers=customers) if people == customers
            else tr("link.estimated_people", people=people, customers=customers))


def overview(run: LinkRun) -> None:
    summary = run.summary()
    rates = {k: fmt.percent(summary[f"estimated_{k}"], 1) for k in ("precision", "recall")}
    metric_row([(tr("link.col.records"), f"{summary['records']:,}", None),
                (tr("link.col.customers"), f"{summary['customers']:,}", None),
                (tr("link.col.linked"), f"{summary['pairs_linked']:,}", None),
                (tr("link.col.precision"), rates["precision"], None),
                (tr("link.col.recall"), rates["recall"], None)])
    st.caption(tr(f"link.threshold_rule.{'best' if run.config.threshold is None else 'chosen'}",
                  value=threshold_text(run.threshold)))
    st.caption(_head_count(summary))
    _carried(summary)
    _mailboxes(run)
    _ids_counted(run, summary)
    _ids_split(summary)
    if summary["not_compared"]:
        notes = [_punctuated(note) for note in summary["not_compared"]]
        st.warning(tr("link.not_compared", what=join(notes, lang())))
    phones = [*summary["relay_phones"], *summary["masked_phones"]]
    for note in [*(a.text(lang()) for a in run.account_notes()), *phones]:
        st.info(note)  # deals read as their accounts by a column (co36); phones relayed or masked
    if not charts.plottable(run.curve):
        st.caption(tr("link.chart.none"))
        return
    st.plotly_chart(charts.threshold_figure(run.curve, run.threshold, lang()), width="stretch",
                    key="link_curve")


def _carried(summary: dict) -> None:
    """Which field carried the links and which fields only some exports hold: the CLI's summary
    said so since link19, the page did not (a hotel's bookings linked to its ledger by the phone
    alone looked like any other link)."""
    carried = [tr("link.linked_on.field", field=tr(f"link.field.{f}"), pairs=f"{n:,}")
               for f, n in summary["linked_on"].items()]
    if carried:
        st.caption(tr("link.linked_on", fields=Listing(carried)))
    some = [tr("link.held_by_some.field", field=tr(f"link.field.{f}"), tables=Listing(tables))
            for f, tables in summary["held_by_some"].items()]
    if some:
        st.caption(tr("link.held_by_some", fields=Listing(some)))


def _mailboxes(run: LinkRun) -> None:
    """Which mailboxes several people write from were set aside, and how many: the summary counted
    them since link22, the page did not, so two contacts on one address stayed apart unexplained."""
    boxes = run.mailboxes()
    if boxes:
        st.caption(tr("link.shared_mailboxes", count=f"{len(boxes):,}",
                      mailboxes=shortened(boxes, SHOWN_MAILBOXES)))


def _ids_counted(run: LinkRun, summary: dict) -> None:
    """On one export whose records repeat a customer id, which number to believe: its customers
    are its ids; the pairs and estimates are about records under different ids."""
    column = run.id_column_counts()
    if column:
        st.info(tr("link.ids_counted", table=run.table, column=column, customers=f"{summary['customers']:,}",
                   records=f"{summary['records']:,}"))


def _ids_split(summary: dict) -> None:
    """The ids that stand for two or more people (a family's card), split by their names and
    phones: the summary listed them since link14 and the page said nothing, so a card's purchases
    going to two customers came as a surprise."""
    split = pd.DataFrame(summary["ids_split_into_people"], columns=["table", "id", "people"])
    if split.empty:
        return
    st.info(tr("link.ids_split.one") if len(split) == 1 else tr("link.ids_split", count=f"{len(split):,}"))
    show_table(split, column_config=headers(split, "link.split"))


def _punctuated(note: str) -> str:
    """A note in Chinese takes Chinese punctuation (``姓名：字母相同、相近``; the run writes ``a, b``)."""
    return note.replace(": ", "：").replace(", ", "、") if lang() == "zh" else note


def _decide(left: tuple[str, str], right: tuple[str, str], decision: str) -> None:
    with workspace().connect() as con:
        review.decide(con, left, right, decision, user=current_user())
    st.toast(tr("link.review.kept", left=left[1], right=right[1], decision=tr(f"link.review.{decision}")))


def _differing(row, fields: list[str]) -> str:
    """``city (−2.1)``: the compared fields that count against the pair, with their weights."""
    parts = [tr("link.review.differ_field", field=tr(f"link.field.{f}"), weight=f"{row[f'w_{f}']:+.1f}")
             for f in fields if row.get(f"w_{f}", 0) < 0]
    return tr("link.agrees.separator").join(parts)


def _evidence(row, fields: list[str]) -> str:
    """What a reviewer judges by: the fields that agreed and those that differed, with weights."""
    differ = _differing(row, fields)
    parts = [tr("link.review.agree", fields=row["agreeing"]) if row["agreeing"] else "",
             tr("link.review.differ", fields=differ) if differ else ""]
    return " · ".join(p for p in parts if p)


def _name(value: object) -> str:
    """A record's name as a reviewer reads it: a contact with no name said so, not "None"."""
    return tr("link.review.no_name") if pd.isna(value) or not str(value).strip() else str(value)


def review_tab(run: LinkRun) -> None:
    st.caption(tr("link.review.help"))
    pairs = run.review_list()
    if pairs.empty:
        st.info(tr("link.review.none"))
        return
    masked = run.scored.masked.get("name", False)
    if masked:  # a masked name is a code: two identical codes tell a reviewer nothing
        st.info(tr("link.review.masked"))
    fields = run.scored.model.fields
    for i, row in pairs.head(REVIEW_ROWS).iterrows():
        left, right = (row["left_table"], row["left_id"]), (row["right_table"], row["right_id"])
        text, choice = st.columns([5, 4], vertical_alignment="center")
        values = dict(left_table=row["left_table"], left_id=row["left_id"], right_table=row["right_table"],
                      right_id=row["right_id"], p=fmt.percent(row["match_probability"]),
                      why=_evidence(row, fields))
        names = dict(left=_name(row["left_name"]), right=_name(row["right_name"]))
        text.markdown(tr("link.review.pair_ids", **values) if masked
                      else tr("link.review.pair", **names, **values))
        with choice.container(horizontal=True):  # whole words; the second button wraps under the first
            st.button(tr("link.review.confirm"), key=f"link_yes_{i}", on_click=_decide,
                      args=(left, right, "confirm"), width="content")
            st.button(tr("link.review.reject"), key=f"link_no_{i}", on_click=_decide,
                      args=(left, right, "reject"), width="content")
    downloads(pairs, "link_review", key="link_dl_review", shown=lambda: pairs_for_people(pairs), headed=True)


def _model_words(model: pd.DataFrame) -> pd.DataFrame:
    """Fields and agreement levels in the page's language (the Chinese page read ``name``,
    ``same letters``, ``last 8 digits``); the CSV keeps the model's own words under the grid's heads."""
    return model.assign(field=[tr(f"link.field.{f}") for f in model["field"]],
                        level=[tr(f"link.level.{lv.replace(' ', '_')}") for lv in model["level"]])


def _link_headers(links: pd.DataFrame) -> dict[str, str]:
    """The links grid headed in words; ``w_phone`` reads "Weight: phone" / "电话权重"."""
    weights = {c: tr("link.links_col.weight_of", field=tr(f"link.field.{c[2:]}"))
               for c in links.columns if c.startswith("w_")}
    return headers(links, "link.links_col") | weights


def pairs_for_people(pairs: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The pairs to review as their workbook reads: headed in words, the probability a
    percent (0.6124 read as code), a decision said as its button says it (``confirm`` → "Same
    customer" / 是同一客户); the CSV keeps the codes under these heads."""
    said = pairs.assign(decision=pairs["decision"].map(
        lambda d: tr(f"link.review.{d}") if isinstance(d, str) else None)) if "decision" in pairs else pairs
    config = _link_headers(pairs) | headers(pairs, "link.decision_col")
    if "match_probability" in pairs:
        config["match_probability"] = st.column_config.NumberColumn(config["match_probability"],
                                                                    format="percent")
    return said, config


def decisions_grid(kept: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The kept decisions as the review said them: each record as "table id", the decision in the
    review's words, the time as people read it (the grid read left_table, right_id, ``confirm``,
    ``2026-12-04 23:23:16``; walk10)."""
    grid = pd.DataFrame({
        "left": kept["left_table"] + " " + kept["left_id"].astype(str),
        "right": kept["right_table"] + " " + kept["right_id"].astype(str),
        "decision": kept["decision"].map(lambda d: tr(f"link.review.{d}")),
        "decided_by": kept["decided_by"], "decided_at": pd.to_datetime(kept["decided_at"])})
    config = headers(grid, "link.decision_col")
    return grid, config | {"decided_at": st.column_config.DatetimeColumn(config["decided_at"],
                                                                          format=TIME_FORMATS[lang()])}


def result_tabs(run: LinkRun) -> None:
    """Review first, then the customers, the links, the model and the kept decisions."""
    tabs = st.tabs([tr("link.tab.review", count=len(run.review_list())), tr("link.tab.customers"),
                    tr("link.tab.links"), tr("link.tab.model"), tr("link.tab.decisions")])
    with tabs[0], user_errors():
        review_tab(run)
    with tabs[1]:
        show_table(run.customers.head(2000), column_config=headers(run.customers, "customer.col"))
        downloads(run.customers, "customers_unified", key="link_dl_customers",
                  shown=(run.customers, headers(run.customers, "customer.col")))
        downloads(run.identity, "identity_map", key="link_dl_identity",  # zh read table · record_id (walk11)
                  shown=(run.identity, headers(run.identity, "customer.record_col", "customer.col")))
    with tabs[2]:
        links = run.links()
        show_table(links.head(2000), column_config=_link_headers(links))
        downloads(links, "links", key="link_dl_links", shown=(links, _link_headers(links)))
    with tabs[3]:
        st.caption(tr("link.model.help"))
        model = run.scored.model.table().round(6)
        show_table(_model_words(model), column_config=headers(model, "link.model_col"))
        downloads(model, "link_model", key="link_dl_model",
                  shown=(_model_words(model), headers(model, "link.model_col")), headed=True)
    with tabs[4]:
        kept = _decisions()
        grid, config = decisions_grid(kept)
        show_table(grid, column_config=config)
        named = headers(kept, "link.links_col", "link.decision_col") | config  # the CSV's own columns too
        downloads(kept, "link_decisions", key="link_dl_decisions", shown=(grid, named), headed=True)


def _preferred(names: list[str], by_order: dict[str, str]) -> list[str]:
    """The exports the form opens with, among data tables only: after "Use these customers" the
    run's own ``customers_unified_…`` and ``identity_map_…`` matched "customer" and were chosen,
    and the link refused them (judge8 walk). Only exports with contacts: ``客户提问`` (questions)
    matched "客户" and was chosen (walk9). First a bill and the orders it names: 微信's bill holds no contact
    (link27). A customer word orders, never drops: ``members`` left ``subscribers_export`` out (walk37)."""
    ws = workspace()
    contacts = _contact_tables(str(ws.folder), workspace_stamp(ws), tuple(names))
    hinted = sorted(contacts, key=lambda n: not any(h in n.lower() for h in _HINTS))
    paired = list(dict.fromkeys(t for pair in by_order.items() for t in pair))
    return paired + [n for n in hinted if n not in paired]


def order_links(found: list[store.TableInfo]) -> dict[str, str]:
    """Each export whose column holds another's order ids, and that other export. Kept per version of
    the exports, not of the workspace: the overlap check read judge29's three files and a re-keyed copy
    in 7 s CPU, and each review decision writes the workspace."""
    return _order_links(str(workspace().folder), tuple((t.name, t.version) for t in found))


@st.cache_data(max_entries=8, show_spinner=False)
def _order_links(folder: str, versions: tuple[tuple[str, int], ...]) -> dict[str, str]:
    """Re-keyed copies (``<log>_by_customer``) left out: they hold their log's orders, not a link."""
    with store.Workspace(folder).connect() as con:
        names = [n for n, _ in versions if (store.saved_roles(con, n) or {}).get("customer_id") != KEY]
        return {table: other for table, (_, other, _) in orders.references(con, names).items()}


@st.cache_data(max_entries=8, show_spinner=False)
def _contact_tables(folder: str, stamp: float, names: tuple[str, ...]) -> list[str]:
    """Exports holding a phone, an e-mail or a person's name: ``web.csv``, ``pos.xlsx`` and
    ``support.csv`` carry no customer word in their names, and the page opened with none chosen.
    Kept until the workspace changes: the link's own field check (0.3 s CPU over the sample's and
    walk9's nine tables) ran on every move of the slider."""
    with store.Workspace(folder).connect() as con:
        return [n for n in names if has_contacts(con, n) and not _is_log(con, n)]


def _is_log(con, table: str) -> bool:
    """A purchase or event log: its names and phones are typed at each order, one person over many
    rows, so it is no contact list to link by default (walk11, walk12: 8,000 lines of 会员订单, with
    会员姓名 and 手机号, were chosen beside the till and web-shop members). Chosen by hand, it links."""
    try:
        return kind_of(con, table) in ("transactions", "events")
    except CrmError:
        return False


def links_shown() -> None:
    """The scored exports resolved at the slider's threshold: summary, save button, review tabs."""
    scored = current_scored()
    if not scored:
        return
    chosen_threshold, beside = threshold_slider(scored)
    from crm_core.link.run import resolve

    result = resolve(scored, LinkConfig(threshold=chosen_threshold), _decisions(), lang=lang())
    beside.markdown(_at_threshold(result))
    overview(result)
    saved = st.empty()  # the saved caption's place, kept on every run (app_ui.save_run)
    if st.button(tr("link.save"), key="link_save", type="primary"):
        save_run(result, saved)
    st.caption(tr("link.save_tables"))
    people_logs(result)
    result_tabs(result)


def people_logs(run: LinkRun) -> None:
    """Copies of purchase and event logs keyed by the linked customer (``<log>_by_customer``), as
    ``link --rekey`` writes them: segments, churn, spend and recommendations on a copy count
    people, not each channel's accounts — the page had no way to it (judge13: only the terminal)."""
    ws = workspace()
    logs = _keyed_logs(str(ws.folder), workspace_stamp(ws), tuple(t.name for t in tables()))
    if not logs:
        return
    linked = st.session_state.get(TABLES_KEY, ())
    with st.form("link_rekey"):
        chosen = st.multiselect(tr("link.rekey.tables"), logs, default=[t for t in logs if t in linked],
                                help=tr("link.rekey.help"), placeholder=tr("common.choose"),
                                select_all=select_all())
        if st.form_submit_button(tr("link.rekey.run")) and chosen:
            with workspace().connect() as con:
                written = [rekey(con, table, run).name for table in chosen]
            st.success(tr("link.rekey.done", tables=Listing(quoted_name(t) for t in written)))


@st.cache_data(max_entries=8, show_spinner=False)
def _keyed_logs(folder: str, stamp: float, names: tuple[str, ...]) -> list[str]:
    """Purchase and event logs with a customer id that are no linked copy themselves."""
    with store.Workspace(folder).connect() as con:
        return [n for n in names
                if _is_log(con, n) and get_roles(con, n).get("customer_id") not in (None, KEY)]


st.title(tr("link.title"))
st.caption(tr("link.intro"))
with user_errors():
    found = require_tables()
    names = [t.name for t in found]
    data = [t for t in found if t.kind in DATA_KINDS]
    with st.spinner(tr("link.reading"), show_time=True):  # 34–40 s blank on nine tables (walk25)
        by_order = order_links(data)
        preferred = _preferred([t.name for t in data], by_order)
    with st.form("link_settings"):
        chosen = st.multiselect(tr("link.tables"), names, default=preferred[:4], key="link_tables",
                                select_all=select_all(), placeholder=tr("common.choose"))
        for table, other in by_order.items():
            st.caption(tr("link.by_order", table=table, other=other))
        if st.form_submit_button(tr("link.run"), type="primary") and chosen:
            st.session_state[TABLES_KEY] = tuple(chosen)
            st.session_state[MOVED_KEY] = False  # new exports: follow their own best threshold again
    with past_runs_above("link", key="link_past", config=LinkConfig,
                         header_keys=("customer.col", "customer.record_col")):
        links_shown()
