"""Forecast: sales with an honest backtest (churn and spend live on the Customers page)."""

from __future__ import annotations

import streamlit as st

from app_ui import downloads, lang, table_picker, tr, user_errors, workspace
from crm_core.forecast import charts
from crm_core.forecast import model as forecast
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles


def _version(table: str) -> int:
    with workspace().connect() as con:
        return store.table_version(con, table)


def _columns(table: str) -> list[str]:
    with workspace().connect() as con:
        return [c for c, _ in store.columns_of(con, table)]


# ``version`` is unused in the bodies: it keys the caches, so a rewritten table is recomputed.
@st.cache_data(max_entries=16, show_spinner=False)
def _forecast(folder: str, table: str, version: int, freq: str, horizon: int, value_col: str | None,
              by: str | None, coverage: float, holidays: tuple[str, ...]) -> forecast.ForecastRun:
    with store.Workspace(folder).connect() as con:
        return forecast.run_forecast(con, table, get_roles(con, table), freq, horizon, value_col, by,
                                     coverage, holidays=holidays)


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

def _verdict(result: forecast.SeriesForecast) -> None:
    values = {"winner": tr(f"forecast.method.{result.winner}"), "pct": f"{abs(result.skill):.0%}",
              "grade": tr(f"forecast.grade.{result.grade}")}
    if result.winner == forecast.MODEL:
        st.success(tr("forecast.verdict.model", **values))
    else:
        st.warning(tr("forecast.verdict.naive", **values))


def _backtest_table(result: forecast.SeriesForecast):
    table = forecast.backtest_table(result)
    table["method"] = table["method"].map(lambda m: tr(f"forecast.method.{m}"))
    return table.round({"mae": 2, "mape": 2, "smape": 2, "bias": 2})


def _show_forecast(run: forecast.ForecastRun, by: str | None, table: str) -> None:
    for note in run.notes:
        st.caption(tr("forecast.note", note=note))
    names = [r.group for r in run.results]
    group = st.selectbox(tr("forecast.sales.group"), names, key="fc_group") if len(names) > 1 else names[0]
    result = next(r for r in run.results if r.group == group)
    _verdict(result)
    a, b, c = st.columns(3)
    a.metric(tr("forecast.sales.model_mae"), f"{result.metrics[forecast.MODEL]['mae']:,.2f}")
    best = min((m for m in result.metrics if m != forecast.MODEL), key=lambda m: result.metrics[m]["mae"])
    b.metric(tr("forecast.sales.baseline_mae", method=tr(f"forecast.method.{best}")),
             f"{result.metrics[best]['mae']:,.2f}")
    c.metric(tr("forecast.sales.target"), run.target)
    st.plotly_chart(charts.forecast_figure(result, lang(), run.coverage), width="stretch")
    st.markdown(f"**{tr('forecast.sales.backtest', n=result.fits['origin'].nunique(), h=run.horizon)}**")
    backtest = _backtest_table(result)
    st.dataframe(backtest, hide_index=True, width="stretch")
    downloads(backtest, "backtest", key="fc_dl_backtest")
    st.markdown(f"**{tr('forecast.sales.table', pct=round(run.coverage * 100))}**")
    frame = forecast.forecast_table(run, by)
    st.dataframe(frame, hide_index=True, width="stretch")
    downloads(frame, "forecast", key="fc_dl_forecast")


def sales_tab() -> None:
    table = table_picker("common.table", "fc_table", ("orders", "store_sales_cn"))
    columns = _columns(table)
    a, b, c = st.columns(3)
    freq = _pick(a.selectbox, "forecast.sales.freq", {f: tr(f"forecast.freq.{f}") for f in "WDM"}, "fc_freq")
    horizon = int(b.number_input(tr("forecast.sales.horizon"), 1, 366, 8, key="fc_horizon"))
    coverage = c.selectbox(tr("forecast.sales.coverage"), [0.8, 0.9, 0.95], key="fc_coverage",
                           format_func=lambda v: f"{v:.0%}")
    d, e, f = st.columns(3)
    value_col = _pick(d.selectbox, "forecast.sales.value_col", _with_blank(columns, "forecast.auto"),
                      "fc_value", help=tr("forecast.sales.value_help"))
    by = _pick(e.selectbox, "forecast.sales.by", _with_blank(columns, "forecast.none"), "fc_by")
    holidays = f.text_input(tr("forecast.sales.holidays"), key="fc_holidays",
                            help=tr("forecast.sales.holidays_help"))
    params = _requested("fc", "sales", (table, freq, horizon, value_col or None, by or None, coverage,
                                        tuple(d.strip() for d in holidays.split(",") if d.strip())))
    if params is None:
        return
    with user_errors():
        with st.spinner(tr("forecast.sales.running")):
            run = _forecast(str(workspace().folder), params[0], _version(params[0]), *params[1:])
        _save_once("fc", "forecast", forecast.forecast_table(run, params[4]), params[0])
        _show_forecast(run, params[4], params[0])


st.title(tr("forecast.title"))
with user_errors():
    sales_tab()
