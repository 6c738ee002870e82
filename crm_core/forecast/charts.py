"""Plotly figures for the Forecast page (pure: results in, figure out; labels translated here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from crm_core.forecast.model import MODEL, SeriesForecast
from crm_core.i18n import t

BAND = "rgba(31, 119, 180, 0.18)"
MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def forecast_figure(result: SeriesForecast, lang: str = "en", coverage: float = 0.8) -> go.Figure:
    """History, backtest fits of the model (one dotted line per origin), forecast and its band."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=result.history.index, y=result.history.to_numpy(), mode="lines",
                             name=t("forecast.chart.history", lang), line={"color": "#444"}))
    for i, (_, fold) in enumerate(result.fits.groupby("origin")):
        fig.add_trace(go.Scatter(x=fold["period"], y=fold[MODEL], mode="lines",
                                 name=t("forecast.chart.backtest", lang), legendgroup="backtest",
                                 showlegend=i == 0, line={"color": "#ff7f0e", "dash": "dot"}))
    f = result.forecast
    fig.add_trace(go.Scatter(x=pd.concat([f["period"], f["period"][::-1]]),
                             y=pd.concat([f["upper"], f["lower"][::-1]]), fill="toself", fillcolor=BAND,
                             line={"width": 0}, hoverinfo="skip",
                             name=t("forecast.chart.band", lang, pct=round(coverage * 100))))
    fig.add_trace(go.Scatter(x=f["period"], y=f["forecast"], mode="lines+markers",
                             name=t("forecast.chart.forecast", lang), line={"color": "#1f77b4"}))
    fig.update_layout(margin=MARGIN, hovermode="x unified",
                      legend={"orientation": "h", "y": -0.15})
    return fig
