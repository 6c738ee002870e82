"""Plotly figures for the Support page (pure: data in, figure out)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go


def confidence_histogram(confidence: np.ndarray, threshold: float, labels: dict[str, str]) -> go.Figure:
    """How confident the best matches are, with the threshold that splits answered from routed."""
    fig = go.Figure(go.Histogram(x=confidence, nbinsx=40, marker_color="#4C78A8",
                                 name=labels["count"]))
    fig.add_vline(x=threshold, line_dash="dash", line_color="#E45756",
                  annotation_text=labels["threshold"], annotation_position="top right")
    fig.update_layout(xaxis_title=labels["confidence"], yaxis_title=labels["count"],
                      bargap=0.05, height=320, margin={"t": 30, "b": 40, "l": 40, "r": 20})
    return fig


def deflection_curve(curve: pd.DataFrame, threshold: float, labels: dict[str, str]) -> go.Figure:
    """Deflection (share answered) against wrong answers (share answered wrongly), one point
    per threshold; the current threshold is marked."""
    text = [f"{labels['threshold']} {t:.2f}" for t in curve["threshold"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=curve["answered_share"], y=curve["wrong_share"], mode="lines",
                             name=labels["wrong"], text=text, line={"color": "#E45756"},
                             hovertemplate="%{text}<br>%{x:.0%} / %{y:.0%}<extra></extra>"))
    fig.add_trace(go.Scatter(x=curve["answered_share"], y=curve["correct_share"], mode="lines",
                             name=labels["correct"], text=text, line={"color": "#54A24B"},
                             hovertemplate="%{text}<br>%{x:.0%} / %{y:.0%}<extra></extra>"))
    here = curve.iloc[(curve["threshold"] - threshold).abs().argmin()]
    fig.add_trace(go.Scatter(x=[here["answered_share"]], y=[here["wrong_share"]], mode="markers",
                             name=labels["current"], marker={"size": 12, "color": "#222"}))
    fig.update_layout(xaxis_title=labels["answered"], yaxis_title=labels["share"], height=360,
                      xaxis_tickformat=".0%", yaxis_tickformat=".0%",
                      margin={"t": 30, "b": 40, "l": 40, "r": 20}, legend={"orientation": "h"})
    return fig
