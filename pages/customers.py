"""Customers: churn risk and expected spend as of a cutoff, at-risk and win-back lists."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import (
    AMOUNTS,
    COUNTS,
    DAYS,
    as_days,
    as_percent100,
    asked_for,
    cached_run,
    calibration_with_range,
    churn_probability_column,
    day_input,
    days_config,
    delta,
    downloads,
    fitted_columns,
    header_width,
    hit_metrics,
    lang,
    money_config,
    past_runs_above,
    pick,
    pr_auc_and_rate,
    range_note,
    rank_correlation_with_range,
    reasons_last,
    require_tables,
    save_run,
    show_table,
    side_by_side,
    table_picker,
    table_rows_used,
    tr,
    user_errors,
    workspace,
)
from crm_core.customers import charts, churn, spend
from crm_core.customers.lists import SHARES, for_file
from crm_core.customers.metrics import bias_said
from crm_core.customers.summary_btyd import SOURCE
from crm_core.i18n import say
from crm_core.report import format as fmt
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles

CHURN_KEY = "cust_churn_request"
SPEND_KEY = "cust_spend_request"


def _columns(table: str) -> list[str]:
    with workspace().connect() as con:
        return [c for c, _ in store.columns_of(con, table)]


def _label_role(table: str) -> str | None:
    """The column marked (or detected) as the churn label, to start the form on it."""
    with workspace().connect() as con:
        return get_roles(con, table).get("label")


def _result(asked: tuple, request_key: str, module):
    """The run for the last submitted settings, saved once per submission."""
    table, config, roles = asked
    with st.spinner(tr(f"customers.{module.__name__.rsplit('.', 1)[1]}.running"), show_time=True):
        result = cached_run(module, table, config, roles)
    if st.session_state.pop(f"{request_key}_save", False):
        save_run(result)
    return result


# --------------------------------------------------------------------------- churn

def churn_form() -> str:
    table = table_picker("common.table", "churn_table", ("orders", "customers"), ("transactions",))
    table_rows_used(table)
    detected = _label_role(table)
    modes = {m: tr(f"customers.churn.mode.{m}") for m in ("behaviour", "label")}
    if st.session_state.get("churn_mode_table") != table:  # a table chosen later starts on its own
        st.session_state["churn_mode_table"] = table  # label (telco's Churn), as the first one did
        st.session_state["churn_mode"] = modes["label" if detected else "behaviour"]
    mode = pick(st.radio, "customers.churn.mode", modes, "churn_mode", horizontal=True)
    a, b, c = st.columns(3)
    roles, days = {}, None
    if mode == "label":
        columns = _columns(table)
        roles["label"] = a.selectbox(tr("customers.churn.label_col"), columns, key="churn_label",
                                     index=columns.index(detected) if detected in columns else 0)
    else:
        days = int(a.number_input(tr("customers.churn.days"), 7, 730, 90, key="churn_days",
                                  help=tr("customers.churn.days_help")))
    cutoff = day_input(b, "customers.cutoff", table, "churn_cutoff", help=tr("customers.cutoff_help"),
                       disabled=mode == "label")
    others = {"": "—", **{t.name: t.name for t in require_tables() if t.name != table}}
    other = pick(c.selectbox, "customers.churn.score_other", others, "churn_other")
    if st.button(tr("customers.churn.run"), type="primary", key="churn_run"):
        config = churn.ChurnConfig(inactive_days=days, cutoff=cutoff if mode != "label" else None,
                                   score_table=other or None)
        st.session_state[CHURN_KEY] = (table, config, roles)
        st.session_state[f"{CHURN_KEY}_save"] = True
    return table


def shared_accounts(run: churn.ChurnRun | spend.SpendRun) -> None:
    """Name the shop's shared walk-in accounts the scores left out (no list shows them)."""
    for note in run.notes:
        st.caption(say(note, lang()))


def churn_metrics(run: churn.ChurnRun) -> None:
    m = run.metrics
    shared_accounts(run)
    st.caption(tr("customers.churn.validation", validation=run.validation_text(lang()),
                  model=tr(f"customers.model.{m['model']}")))
    a, b, c, d = st.columns(4)
    a.metric(tr("customers.churn.roc_auc"), f"{m['roc_auc']:.3f}")
    range_note(a, m["roc_auc"], m.get("roc_auc_margin", float("nan")), "{:.3f}".format,
               m.get("validation_customers", 0))
    pr_auc_and_rate(b, c, m)
    calibration_with_range(d, m)
    # the 95% range under the AUC is the reading; its standard error (± , the same uncertainty
    # said twice) goes to the details below and to the run's summary file
    st.caption(tr("customers.churn.threshold_note", threshold=f"{m['threshold']:.0%}"))
    if "recency_rule" in m:
        st.info(run.recency_text(lang()))
    models = pd.DataFrame([{"model": tr(f"customers.model.{name}"),
                            **{k: round(v, 3) for k, v in row.items()}} for name, row in m["models"].items()])
    with st.expander(tr("customers.churn.models")):
        st.caption(tr("customers.churn.auc_error", auc=f"{m['roc_auc']:.3f}", se=f"{m['roc_auc_se']:.3f}",
                      n=f"{m['rows_valid']:,}"))
        show_table(models, column_config=_column_config(models))


def _headers(frame) -> dict[str, str]:
    """Column headers of a score list in the page's language (downloads keep the file columns)."""
    return {c: label for c, label in charts.column_labels(frame, lang()).items() if label != c}


def _currency(table: str) -> str:
    """The unit of the table's money: the sidebar's choice, else what the export carried."""
    with workspace().connect() as con:
        return fmt.display_currency(con, table)


def _column_config(frame, currency: str = "") -> dict:
    """Headers in the page's language, probabilities as percentages and amounts with thousands
    separators and the data's unit, so a list reads as 95.83% and €1,648.99 rather than 0.9583
    and 1648.99."""
    labels = _headers(frame)
    config: dict = dict(labels)
    config |= {c: st.column_config.NumberColumn(labels.get(c, c), format="%.1f%%")
               for c in SHARES if c in frame}
    if "churn_probability" in frame:
        config["churn_probability"] = churn_probability_column(labels["churn_probability"])
    return config | days_config(frame, labels) | money_config(frame, labels, currency)


# a churn list's columns an analyst reads first, in this order: who, how likely, when last, and the
# value at risk the at-risk list is ranked by (a bare string here would be drawn by Streamlit's magic)
READ_FIRST = ("customer_id", "churn_probability", "last_order", "value_at_risk")
GRID_AT_1024_PX = 564  # the main column at a 1024 px screen, the sidebar open (walk20, measured)
CUSTOMER_MIN_PX = 160  # most of an e-mail's name ("pittsburgh.mount…") still read


def _customer_width(shown, config: dict) -> dict:
    """The customer column as wide as its longest id, but no wider than what the other columns read
    first leave of a 1024 px screen: beside an e-mail (290 px) the value at risk the at-risk list is
    ranked by sat past the right edge (walk21); the whole id stays in the cell and the downloads."""
    if "customer_id" not in shown or "churn_probability" not in shown:
        return config
    column = fitted_columns(shown, ["customer_id"], {"customer_id": config.get("customer_id", "customer_id")})
    others = sum(config[c].get("width") or 0 for c in READ_FIRST[1:]
                 if c in shown and isinstance(config.get(c), dict))  # a bare header has no width
    room = max(CUSTOMER_MIN_PX, GRID_AT_1024_PX - others)
    column["customer_id"]["width"] = min(column["customer_id"]["width"], room)
    return config | column


def _read_first(frame):
    """A churn list with :data:`READ_FIRST` ahead of its other columns (in view at 1024 px)."""
    if "churn_probability" not in frame:
        return frame
    first = [c for c in READ_FIRST if c in frame]
    return frame[first + [c for c in frame.columns if c not in first]]


def _shown(frame):
    """A score list as the page shows it: the status (``gone``, ``at_risk``) and a labelled table's
    label (``churned``, ``stayed``) in words, amounts to the cent, days whole (37, not 36.9091
    beside 101), shares in percent to one decimal (95.8%, 72.3% — the grid's own percent format
    drops trailing zeros), expected purchases to one decimal (17.8, not 17.787); the downloads keep
    the file's numbers."""
    shares = [c for c in SHARES if c in frame]
    places = {c: 2 for c in AMOUNTS if c in frame} | {c: 0 for c in DAYS if c in frame}
    frame = as_percent100(frame.round(places | {c: 1 for c in COUNTS if c in frame}), shares, 1)
    frame = _read_first(reasons_last(frame))
    words = {c: f"customers.{c}" for c in ("status", "label") if c in frame}  # telco's churned/stayed
    return frame.assign(**{c: frame[c].map(lambda v, key=key: tr(f"{key}.{v}") if isinstance(v, str) else v)
                           for c, key in words.items()})


def _grid(frame, currency: str = "") -> tuple:
    """A score table and its column config as this page shows it (for a kept run reopened too,
    its money in the kept table's unit, as the live lists), its days as dates in the page's
    language (a last order read ``2024-12-15`` on the Chinese page)."""
    config = _column_config(frame, currency)
    shown, days = as_days(_shown(frame), _headers(frame))
    return shown, _customer_width(shown, config | days)


def _show_grid(frame, currency: str) -> None:
    """A score table on the page, as :func:`_grid` reads it."""
    shown, config = _grid(frame, currency)
    show_table(shown, column_config=config)


# the spend backtest's measures, headed short on the page (customers.grid.*)
MEASURES = ("mae", "spearman", "top_decile_share")


def _backtest_grid(backtest, currency: str) -> tuple:
    """The spend backtest with the model column as wide as its longest name and the measures headed
    short, each whole in its tooltip: at 1024 px "Spend share of the top 10%" sat past the right
    edge (walk21). The workbook keeps the whole headers."""
    shown, config = _grid(backtest, currency)
    full = _headers(backtest)
    short = {c: tr(f"customers.grid.{c}") for c in MEASURES if c in shown}
    config = config | money_config(shown, full | short, currency) | fitted_columns(shown, ["model"], full)
    for column, label in short.items():
        said = config[column] if isinstance(config[column], dict) else {}
        config[column] = {**said, "label": label, "help": full[column],
                          "width": max(said.get("width") or 0, header_width(label))}
    return shown, config


def _downloads(frame, stem: str, key: str, currency: str, headed: bool = False) -> None:
    """A score list's files: the CSV as the CLI writes it (one no CLI file has, ``headed``, as its grid),
    the Excel as the grid reads it (the whole list, the page shows its top: built on click, not per move)."""
    downloads(for_file(frame), stem, key, money=AMOUNTS, shown=lambda: _grid(frame, currency), headed=headed)


def churn_lists(run: churn.ChurnRun) -> None:
    threshold = st.slider(tr("customers.churn.threshold"), 0.01, 0.99, run.metrics["threshold"], 0.01,
                          key="churn_threshold", format="percent")  # beside precision and recall in percent
    now = churn.at_threshold(run.result, threshold)
    a, b, c = st.columns(3)
    hit_metrics(a, b, now)
    flagged_box = c.container()  # filled once the segment is chosen, so its counts match the lists
    side_by_side((charts.threshold_figure(run.result.thresholds, threshold, lang()), None),
                 (charts.calibration_figure(run.result.calibration, lang()), None))
    segment = None
    if "segment" in run.scores and run.scores["segment"].notna().any():
        names = {"": tr("customers.churn.all_segments"),
                 **{s: s for s in sorted(run.scores["segment"].dropna().unique())}}
        segment = pick(st.selectbox, "customers.churn.segment", names, "churn_segment") or None
    at_risk = run.at_risk(segment, threshold).drop(columns="gone")
    split = run.flagged(threshold, segment)
    flagged_box.metric(tr("customers.churn.flagged"), f"{split['at_risk'] + split['win_back']:,}")
    flagged_box.caption(tr("customers.churn.flagged_split", at_risk=f"{split['at_risk']:,}",
                           win_back=f"{split['win_back']:,}"))
    money = _currency(run.table)
    _two_lists(run, at_risk, money)
    st.markdown(f"**{tr('customers.churn.drivers')}**")
    activity = run.metrics.get("activity", "orders")  # an event log's features count visits
    st.plotly_chart(charts.drivers_figure(run.result.drivers, lang(), activity), width="stretch")
    _all_scores(run, money)


def _two_lists(run: churn.ChurnRun, at_risk, money: str) -> None:
    """The at-risk list and the win-back list, each with its downloads."""
    st.markdown(f"**{tr('customers.churn.at_risk', n=f'{len(at_risk):,}')}**")
    sentences = [run.at_risk_text(lang()), tr("customers.churn.at_risk_help", value=run.value_text(lang()))]
    st.caption(("" if lang() == "zh" else " ").join(sentences))  # who is at risk, then the order
    _show_grid(at_risk.head(1000), money)
    _downloads(at_risk, "at_risk_customers", "churn_dl_at_risk", money)
    lost = run.win_back().drop(columns="gone")
    st.markdown(f"**{tr('customers.churn.win_back', n=f'{len(lost):,}')}**")
    sentences = [run.gone_text(lang()), tr("customers.churn.win_back_help")]  # who is gone, then the order
    st.caption(("" if lang() == "zh" else " ").join(sentences))
    _show_grid(lost.head(1000), money)
    _downloads(lost, "win_back_customers", "churn_dl_win_back", money)


def _all_scores(run: churn.ChurnRun, money: str) -> None:
    with st.expander(tr("customers.churn.all_scores", n=f"{len(run.scores):,}")):
        _downloads(run.scores.drop(columns="gone"), "churn_scores", "churn_dl_all", money)


def _repeat_check(run) -> None:
    """A summary's one check, in sample: customers by repeat purchases against the model's count."""
    st.markdown(f"**{tr('customers.summary.repeat_check')}**")
    counts = pd.DataFrame(run.metrics["repeat_calibration"])
    show_table(counts.rename(columns=lambda c: tr(f"customers.col.{c}")))


def summary_churn_results(run: churn.ChurnRun) -> None:
    """Churn fitted from a customer summary: no validation to show, the lists at one half."""
    shared_accounts(run)
    m = run.metrics
    st.info(tr("customers.churn.summary_probability", days=m["inactive_days"]))
    split = run.flagged(m["threshold"])
    st.metric(tr("customers.churn.flagged"), f"{split['at_risk'] + split['win_back']:,}")
    st.caption(tr("customers.churn.flagged_split", at_risk=f"{split['at_risk']:,}",
                  win_back=f"{split['win_back']:,}"))
    _repeat_check(run)
    money = _currency(run.table)
    _two_lists(run, run.at_risk().drop(columns="gone"), money)
    _all_scores(run, money)


def churn_results(run: churn.ChurnRun) -> None:
    if run.metrics.get("source") == SOURCE:
        summary_churn_results(run)
        return
    churn_metrics(run)
    churn_lists(run)


def churn_tab() -> None:
    _results_tab(churn_form(), CHURN_KEY, churn, churn.ChurnConfig, churn_results)


def _results_tab(picked: str, request_key: str, module, config, show) -> None:
    """A model's results on the ``picked`` table under its kept runs (listed after the run, so one
    it saves is counted), or the hint to submit the form."""
    kind = module.__name__.rsplit(".", 1)[1]
    with past_runs_above(kind, key=f"{kind}_past", config=config, header_keys=("customers.col",),
                         shown=_grid, money=True, table=picked):
        asked = asked_for(request_key, picked)
        if not asked:
            st.info(tr(f"customers.{kind}.hint"))
        else:
            with user_errors():
                show(_result(asked, request_key, module))


# --------------------------------------------------------------------------- spend

def spend_form() -> str:
    table = table_picker("common.table", "spend_table", ("orders",), ("transactions",))
    table_rows_used(table)
    a, b = st.columns(2)
    days = int(a.number_input(tr("customers.spend.days"), 7, 3650, 90, key="spend_days"))
    cutoff = day_input(b, "customers.cutoff", table, "spend_cutoff", help=tr("customers.cutoff_help"))
    if st.button(tr("customers.spend.run"), type="primary", key="spend_run"):
        st.session_state[SPEND_KEY] = (table, spend.SpendConfig(days=days, cutoff=cutoff), {})
        st.session_state[f"{SPEND_KEY}_save"] = True
    return table


def _total(column, run: spend.SpendRun, money: str) -> None:
    """The total to plan with: the corrected one where the backtest gave one, and under it the list's
    own sum, its interval and how far the model missed. The sum headlined with the corrected total in
    a caption left two totals and no word on which to use (churn19; CDNOW: 1,878 over 3,861)."""
    m = run.metrics
    corrected, model = m.get("bias_corrected_total"), m.get("model", "bgnbd")

    def said(value: float) -> str:
        return fmt.money(value, money, decimals=0)

    column.metric(tr("customers.spend.total_corrected" if corrected else "customers.spend.total"),
                  said(corrected or m["expected_total"]))
    named = tr(f"customers.spend.method.{model}")
    if corrected:
        column.caption(tr("customers.spend.corrected", total=said(m["expected_total"]), model=named,
                          bias=bias_said(m["backtest_total_error"], lang())))
    # BG/NBD's range, scaled to another chosen rule's total: said as that (walk30: the naive rule's)
    key = "customers.spend.interval" if model == "bgnbd" else "customers.spend.interval_scaled"
    ranged = tr(key, pct=f"{m['coverage']:.0%}", model=named, lower=said(m["expected_total_lower"]),
                upper=said(m["expected_total_upper"]))
    if corrected:  # the range is the list's sum's; the headline could sit outside it (walk31)
        whose = tr("customers.spend.interval_not_corrected", total=said(m["expected_total"]))
        ranged += ("" if lang() == "zh" else " ") + whose
    column.caption(ranged)


def _spend_scores(run: spend.SpendRun, money: str) -> None:
    """Each customer's expected spend, with its downloads."""
    m = run.metrics
    st.markdown(f"**{tr('customers.spend.scores', days=m['horizon_days'])}**")
    st.caption(tr("customers.spend.scores_help", days=m["horizon_days"], pct=f"{m['coverage']:.0%}"))
    _show_grid(run.scores.head(1000), money)
    _downloads(run.scores, "spend_scores", "spend_dl_scores", money)


def summary_spend_results(run: spend.SpendRun) -> None:
    """Spend fitted from a customer summary: the total and the scores, no backtest to show."""
    shared_accounts(run)
    money = _currency(run.table)
    st.info(tr("customers.spend.summary_model"))
    _total(st, run, money)
    _repeat_check(run)
    _spend_scores(run, money)


def spend_results(run: spend.SpendRun) -> None:
    if run.from_summary:
        summary_spend_results(run)
        return
    m = run.metrics
    shared_accounts(run)
    money = _currency(run.table)
    if m["backtest_days"] < m["horizon_days"]:
        st.caption(tr("customers.spend.horizon_note", days=m["backtest_days"]))
    st.info(tr("customers.spend.chosen", model=tr(f"customers.spend.method.{m['model']}"),
               mae=fmt.money(m["mae"], money, 2), naive=fmt.money(m["naive_mae"], money, 2),
               bias=bias_said(m["backtest_total_error"], lang())))
    a, b, c = st.columns(3)
    _total(a, run, money)
    naive, gain = tr("customers.spend.naive"), m["spearman"] - m["naive_spearman"]
    rank_correlation_with_range(b, m, delta(gain, f"{gain:+.3f} {tr('customers.spend.vs_naive')}", 3,
                                            against=naive))
    change = m["mae"] - m["naive_mae"]  # in the metric's unit beside the rank's "vs naive" (walk15: -172.12)
    said = f"{'-' if change < 0 else '+'}{fmt.money(abs(change), money, 2)} {tr('customers.spend.vs_naive')}"
    c.metric(tr("customers.spend.mae"), fmt.money(m["mae"], money, 2),
             **delta(change, said, 2, inverse=True, against=naive))
    st.markdown(f"**{tr('customers.spend.backtest', days=m['backtest_days'])}**")
    backtest = run.result.backtest.assign(model=lambda f: f["model"].map(
        lambda k: tr(f"customers.spend.method.{k}"))).round(3)
    shown, config = _backtest_grid(backtest, money)
    show_table(shown, column_config=config)
    _downloads(backtest, "spend_backtest", "spend_dl_backtest", money, headed=True)  # zh read mae (walk25)
    st.plotly_chart(charts.decile_figure(run.result.deciles, lang()), width="stretch")
    _spend_scores(run, money)


def spend_tab() -> None:
    _results_tab(spend_form(), SPEND_KEY, spend, spend.SpendConfig, spend_results)


st.title(tr("customers.title"))
st.caption(tr("customers.intro"))
with user_errors():
    require_tables()
    churn_risk, value = st.tabs([tr("customers.tab.churn"), tr("customers.tab.spend")])
    with churn_risk:
        churn_tab()
    with value:
        spend_tab()
