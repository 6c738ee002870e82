"""Forecast: sales with an honest backtest, churn risk with a threshold, customer spend."""

from __future__ import annotations

import streamlit as st

from app_ui import cached_run, downloads, lang, past_runs, save_run, table_picker, tr, user_errors, workspace
from crm_core.customers import charts as customer_charts
from crm_core.customers import churn, spend
from crm_core.forecast import charts, report
from crm_core.forecast import run as forecast_run
from crm_core.forecast.candidates import NAIVE
from crm_core.forecast.run import ForecastConfig, ForecastRun, SeriesForecast
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles


def _version(table: str) -> int:
    with workspace().connect() as con:
        return store.table_version(con, table)


def _columns(table: str) -> list[str]:
    with workspace().connect() as con:
        return [c for c, _ in store.columns_of(con, table)]


def _label_role(table: str) -> str | None:
    """The column marked (or detected) as the churn label, to start the churn tab on it."""
    with workspace().connect() as con:
        return get_roles(con, table).get("label")


# ``version`` is unused in the bodies: it keys the caches, so a rewritten table is recomputed.
@st.cache_data(max_entries=8, show_spinner=False)
def _churn(folder: str, table: str, version: int, label_col: str | None, days: int | None,
           other: str | None) -> churn.ChurnResult:
    with store.Workspace(folder).connect() as con:
        other_roles = get_roles(con, other) if other else None
        return churn.train_churn(con, table, get_roles(con, table), label_col, days, other, other_roles)


@st.cache_data(max_entries=8, show_spinner=False)
def _spend(folder: str, table: str, version: int, days: int) -> spend.SpendResult:
    with store.Workspace(folder).connect() as con:
        return spend.train_spend(con, table, get_roles(con, table), days)


def _pick(widget, label_key: str, choices: dict[str, str], key: str, **kwargs) -> str:
    """A selectbox or radio over translated labels that returns the chosen code.

    Labels are the options themselves (no ``format_func``), so the widget also works under
    AppTest, which formats options outside the session's language."""
    chosen = widget(tr(label_key), list(choices.values()), key=key, **kwargs)
    return next(code for code, text in choices.items() if text == chosen)


def _with_blank(names: list[str], blank_key: str) -> dict[str, str]:
    return {"": tr(blank_key), **{n: n for n in names}}


def _save_once(key: str, name: str, frame, parent: str) -> None:
    """Write a tab's result to the workspace once per run, not on every rerun of the page."""
    if st.session_state.get(f"{key}_saved"):
        return
    with workspace().connect() as con:
        store.write_frame(con, name, frame, source=parent, kind="result", parent=parent, replace=True)
    st.session_state[f"{key}_saved"] = True


def _requested(key: str, area: str, params: tuple) -> tuple | None:
    """The run button of a tab: the parameters of the last run asked for on this table (kept
    across reruns), or None after showing the hint when there is none yet."""
    if st.button(tr(f"forecast.{area}.run"), type="primary", key=f"{key}_run"):
        st.session_state[f"{key}_params"] = params
        st.session_state[f"{key}_saved"] = False
    asked = st.session_state.get(f"{key}_params")
    if not asked or asked[0] != params[0]:
        st.info(tr(f"forecast.{area}.hint"))
        return None
    return asked


# --------------------------------------------------------------------------- sales

def _verdict(run: ForecastRun, result: SeriesForecast) -> None:
    """The chosen model, its error in plain words and how often its bands held in the backtest."""
    naive = result.best_naive()
    values = {"method": report.method_label(result.winner, lang()),
              "error": report.plain_error(result, run.config.freq, lang()),
              "naive": report.method_label(naive, lang()), "origins": result.fits["origin"].nunique()}
    if result.winner in NAIVE:
        st.warning(tr("forecast.verdict.naive", **values))
    else:
        st.success(tr("forecast.verdict.model", **values))
    chosen, base = result.metrics[result.winner], result.metrics[naive]
    a, b, c, d = st.columns(4)
    a.metric(tr("forecast.sales.mape"), _pct(chosen["mape"]), help=tr("forecast.sales.mape_help"))
    b.metric(tr("forecast.sales.mase"), f"{chosen['mase']:.2f}",
             f"{chosen['mase'] - base['mase']:+.2f} {tr('forecast.sales.vs', method=values['naive'])}",
             delta_color="inverse", help=tr("forecast.sales.mase_help"))
    for column, level in ((c, 0.8), (d, 0.95)):
        column.metric(tr("forecast.sales.coverage", pct=round(level * 100)),
                      _pct(result.coverage[level], 100), help=tr("forecast.sales.coverage_help"))


def _pct(value: float | None, scale: float = 1) -> str:
    return "—" if value is None else f"{value * scale:.1f}%"


def _ranking(result: SeriesForecast):
    table = report.ranking(result)
    table["method"] = table["method"].map(lambda m: report.method_label(m, lang()))
    return table.round({"mase": 3, "mae": 2, "mape": 2, "smape": 2, "bias": 2})


def _series_overview(run: ForecastRun) -> None:
    """With a split: every series ranked by its backtest error, the weakest first."""
    ranked = report.series_ranking(run).round(3)
    ranked["method"] = ranked["method"].map(lambda m: report.method_label(m, lang()))
    st.markdown(f"**{tr('forecast.sales.series_ranking', n=len(ranked))}**")
    st.dataframe(ranked, hide_index=True, width="stretch")
    downloads(ranked, "series_ranking", key="fc_dl_series")


def _show_forecast(run: ForecastRun) -> None:
    for note in run.notes:
        st.caption(tr("forecast.note", note=note))
    names = [r.group for r in run.results]
    if len(names) > 1:
        _series_overview(run)
    group = st.selectbox(tr("forecast.sales.group"), names, key="fc_group") if len(names) > 1 else names[0]
    result = next(r for r in run.results if r.group == group)
    _verdict(run, result)
    st.plotly_chart(charts.forecast_figure(result, lang()), width="stretch")
    origins = result.fits["origin"].nunique()
    st.markdown(f"**{tr('forecast.sales.backtest', n=origins, h=run.config.horizon)}**")
    ranking = _ranking(result)
    st.dataframe(ranking, hide_index=True, width="stretch")
    downloads(ranking, "backtest", key="fc_dl_backtest")
    st.markdown(f"**{tr('forecast.sales.table')}**")
    frame = report.forecast_table(run)
    st.dataframe(frame, hide_index=True, width="stretch")
    downloads(frame, "forecast", key="fc_dl_forecast")


def _sales_config(columns: list[str]) -> ForecastConfig:
    a, b, c = st.columns(3)
    freq = _pick(a.selectbox, "forecast.sales.freq", {f: tr(f"forecast.freq.{f}") for f in "WDM"}, "fc_freq",
                 help=ForecastConfig.help("freq", lang()))
    horizon = int(b.number_input(tr("forecast.sales.horizon"), 1, 366, 8, key="fc_horizon",
                                 help=ForecastConfig.help("horizon", lang())))
    folds = int(c.number_input(tr("forecast.sales.folds"), 1, 12, 3, key="fc_folds",
                               help=ForecastConfig.help("folds", lang())))
    d, e, f = st.columns(3)
    value_col = _pick(d.selectbox, "forecast.sales.value_col", _with_blank(columns, "forecast.auto"),
                      "fc_value", help=tr("forecast.sales.value_help"))
    by = _pick(e.selectbox, "forecast.sales.by", _with_blank(columns, "forecast.none"), "fc_by",
               help=ForecastConfig.help("by", lang()))
    holidays = f.text_input(tr("forecast.sales.holidays"), key="fc_holidays",
                            help=tr("forecast.sales.holidays_help"))
    return ForecastConfig(freq=freq, horizon=horizon, folds=folds, value_col=value_col or None, by=by or None,
                          holidays=tuple(d.strip() for d in holidays.split(",") if d.strip()))


def sales_tab() -> None:
    table = table_picker("common.table", "fc_table", ("orders", "store_sales_cn"))
    with user_errors():
        config = _sales_config(_columns(table))
        if st.button(tr("forecast.sales.run"), type="primary", key="fc_run"):
            st.session_state["fc_config"] = (table, config)
            st.session_state["fc_save"] = True
    past_runs(ForecastRun.kind, key="fc_past")
    asked = st.session_state.get("fc_config")
    if not asked or asked[0] != table:
        st.info(tr("forecast.sales.hint"))
        return
    with user_errors():
        with st.spinner(tr("forecast.sales.running"), show_time=True):
            run = cached_run(forecast_run, *asked)
        if st.session_state.pop("fc_save", False):
            save_run(run)
        _show_forecast(run)


# --------------------------------------------------------------------------- churn

def _churn_metrics(result: churn.ChurnResult) -> None:
    m = result.metrics
    st.caption(tr("forecast.churn.validation", validation=m["validation"],
                  model=tr(f"forecast.model.{m['model']}")))
    a, b, c, d = st.columns(4)
    a.metric(tr("forecast.churn.roc_auc"), f"{m['roc_auc']:.3f}")
    b.metric(tr("forecast.churn.pr_auc"), f"{m['pr_auc']:.3f}")
    c.metric(tr("forecast.churn.rate"), f"{m['churn_rate']:.1%}")
    d.metric(tr("forecast.churn.calibration_error"), f"{m['calibration_error']:.3f}")
    if "recency_rule" in m:
        key = "forecast.churn." + ("beats_recency" if m["lift_over_recency_auc"] > 0 else "loses_recency")
        st.info(tr(key, model=f"{m['roc_auc']:.3f}", rule=f"{m['recency_rule']['roc_auc']:.3f}"))


def _at_risk(result: churn.ChurnResult) -> None:
    threshold = st.slider(tr("forecast.churn.threshold"), 0.05, 0.95, 0.5, 0.05, key="churn_threshold")
    now = churn.at_threshold(result, threshold)
    a, b, c = st.columns(3)
    precision = now["precision"]
    a.metric(tr("forecast.churn.precision"), "—" if precision != precision else f"{precision:.1%}")
    b.metric(tr("forecast.churn.recall"), f"{now['recall']:.1%}")
    c.metric(tr("forecast.churn.flagged"), f"{now['flagged']:,}")
    left, right = st.columns(2)
    left.plotly_chart(customer_charts.threshold_figure(result.thresholds, threshold, lang()), width="stretch")
    right.plotly_chart(customer_charts.calibration_figure(result.calibration, lang()), width="stretch")
    st.markdown(f"**{tr('forecast.churn.at_risk', n=now['flagged'])}**")
    at_risk = result.scores[result.scores["churn_probability"] >= threshold]
    st.dataframe(at_risk, hide_index=True, width="stretch")
    downloads(at_risk, "at_risk_customers", key="churn_dl_at_risk")
    st.markdown(f"**{tr('forecast.churn.drivers')}**")
    st.plotly_chart(customer_charts.drivers_figure(result.drivers, lang()), width="stretch")
    with st.expander(tr("forecast.churn.all_scores", n=len(result.scores))):
        downloads(result.scores, "churn_scores", key="churn_dl_all")


def churn_tab() -> None:
    table = table_picker("common.table", "churn_table", ("orders", "customers"))
    columns = _columns(table)
    detected = _label_role(table)
    modes = {m: tr(f"forecast.churn.mode.{m}") for m in ("behaviour", "label")}
    mode = _pick(st.radio, "forecast.churn.mode", modes, "churn_mode", index=1 if detected else 0,
                 horizontal=True)
    a, b = st.columns(2)
    label_col, days = None, None
    if mode == "label":
        label_col = a.selectbox(tr("forecast.churn.label_col"), columns, key="churn_label",
                                index=columns.index(detected) if detected in columns else 0)
    else:
        days = int(a.number_input(tr("forecast.churn.days"), 7, 730, 90, key="churn_days",
                                  help=tr("forecast.churn.days_help")))
    others = [t.name for t in workspace().tables() if t.name != table]
    other = _pick(b.selectbox, "forecast.churn.score_other", _with_blank(others, "forecast.none"),
                  "churn_other")
    params = _requested("churn", "churn", (table, label_col, days, other or None))
    if params is None:
        return
    with user_errors():
        with st.spinner(tr("forecast.churn.running")):
            result = _churn(str(workspace().folder), params[0], _version(params[0]), *params[1:])
        _save_once("churn", "churn_scores", result.scores, params[0])
        _churn_metrics(result)
        _at_risk(result)


# --------------------------------------------------------------------------- spend

def spend_tab() -> None:
    table = table_picker("common.table", "spend_table", ("orders",))
    days = int(st.number_input(tr("forecast.spend.days"), 7, 730, 90, key="spend_days"))
    params = _requested("spend", "spend", (table, days))
    if params is None:
        return
    with user_errors():
        with st.spinner(tr("forecast.spend.running")):
            result = _spend(str(workspace().folder), params[0], _version(params[0]), params[1])
        m = result.metrics
        st.caption(tr("forecast.spend.validation", validation=m["validation"]))
        a, b, c = st.columns(3)
        a.metric(tr("forecast.spend.spearman"), f"{m['spearman']:.3f}",
                 f"{m['spearman'] - m['naive_spearman']:+.3f} {tr('forecast.spend.vs_naive')}")
        b.metric(tr("forecast.spend.top_share"), f"{m['top_decile_share']:.1%}",
                 f"{m['top_decile_share'] - m['naive_top_decile_share']:+.1%} "
                 f"{tr('forecast.spend.vs_naive')}")
        c.metric(tr("forecast.spend.mae"), f"{m['mae']:,.2f}", f"{m['mae'] - m['naive_mae']:+,.2f}",
                 delta_color="inverse")
        st.plotly_chart(customer_charts.decile_figure(result.deciles, lang()), width="stretch")
        st.dataframe(result.deciles.round(3), hide_index=True, width="stretch")
        downloads(result.deciles, "spend_deciles", key="spend_dl_deciles")
        st.markdown(f"**{tr('forecast.spend.scores', days=params[1])}**")
        st.dataframe(result.scores, hide_index=True, width="stretch")
        downloads(result.scores, "spend_scores", key="spend_dl_scores")


st.title(tr("forecast.title"))
with user_errors():
    sales, churn_risk, customer_spend = st.tabs([tr("forecast.tab.sales"), tr("forecast.tab.churn"),
                                                 tr("forecast.tab.spend")])
    with sales:
        sales_tab()
    with churn_risk:
        churn_tab()
    with customer_spend:
        spend_tab()
