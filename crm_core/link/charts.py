"""Plotly figures for linking and Customer 360: data in, figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from crm_core.i18n import t
from crm_core.report import format as fmt


def plottable(curve: pd.DataFrame) -> bool:
    """Whether any threshold has an estimated precision or recall: with no two records linked at
    any of them the chart was empty axes (walk28)."""
    rates = curve[["estimated_precision", "estimated_recall"]].apply(pd.to_numeric)
    return bool(rates.notna().to_numpy().any())


def threshold_figure(curve: pd.DataFrame, chosen: float, lang: str = "en") -> go.Figure:
    """Estimated precision and recall over the threshold, the chosen one marked."""
    fig = go.Figure()
    for column, key in (("estimated_precision", "link.col.precision"),
                        ("estimated_recall", "link.col.recall")):
        fig.add_trace(go.Scatter(x=curve["threshold"], y=curve[column], mode="lines+markers",
                                 name=t(key, lang)))
    fig.add_vline(x=chosen, line_dash="dash", line_color="#dc2626")
    fig.update_layout(height=280, margin={"l": 30, "r": 10, "t": 40, "b": 30},
                      title=t("link.chart.curve", lang),
                      xaxis={"tickformat": ".0%", "title": t("link.col.threshold", lang)},  # as the slider
                      yaxis={"range": [0, 1.02], "tickformat": ".0%", "title": t("link.chart.share", lang)})
    return fig


def orders_figure(orders: pd.DataFrame, lang: str = "en", currency: str = "", column: str = "") -> go.Figure:
    """Spend per month of one customer's orders, in whole amounts with separators and the
    ``currency``'s sign in the axis title: the axis read "50k" / "100k" on the Chinese page, with
    no unit (walk12); without a currency, the money ``column`` it sums."""
    monthly = (orders.assign(month=pd.to_datetime(orders["ts"]).dt.to_period("M").dt.to_timestamp())
               .groupby("month", as_index=False)["amount"].sum())
    labels = [fmt.month(month, lang) for month in monthly["month"]]  # plotly's ticks name months in English
    fig = go.Figure(go.Bar(x=monthly["month"], y=monthly["amount"], marker_color="#3b82f6",
                           customdata=labels, hovertemplate="%{customdata}: %{y:,.2f}<extra></extra>"))
    fig.update_layout(height=260, margin={"l": 30, "r": 10, "t": 40, "b": 30},
                      title=t("customer.chart.orders", lang), xaxis_title=t("customer.chart.month", lang),
                      yaxis={"title": spend_title(lang, currency, column), "tickformat": ",.0f"})
    step = max(1, -(-len(labels) // 12))  # at most 12 ticks, each on a bar
    fig.update_xaxes(tickvals=monthly["month"].iloc[::step], ticktext=labels[::step])
    return fig


def spend_title(lang: str, currency: str, column: str = "") -> str:
    """The spend axis's title, with the workspace currency's sign when it has one, else the money
    column it sums: a bare "Spend" gave the axis no unit when no currency was set (walk16)."""
    sign = fmt.SIGNS.get(currency, "")
    if sign:
        return fmt.in_sign(t("customer.chart.spend", lang), sign, lang)
    if column:
        return t("customer.chart.spend_of", lang, column=column)
    return t("customer.chart.spend_no_currency", lang)
