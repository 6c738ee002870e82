"""Plotly figures for the Clean page: pure functions, data in, figure out."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go


def missingness_chart(profile: dict[str, Any], title: str) -> go.Figure:
    """Share of empty values per column, worst first."""
    frame = pd.DataFrame([(c["name"], c["missing"]) for c in profile["columns"]],
                         columns=["column", "missing"]).sort_values("missing", ascending=False)
    fig = go.Figure(go.Bar(x=frame["column"], y=frame["missing"], marker_color="#d62728",
                           hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_layout(title=title, yaxis_tickformat=".0%", yaxis_range=[0, max(0.05, frame["missing"].max())],
                      margin={"t": 40, "b": 10}, height=320)
    return fig


def distribution_chart(bins: pd.DataFrame, column: str, title: str) -> go.Figure:
    """Histogram of a numeric column from SQL-binned counts (``low, high, count``)."""
    centres = (bins["low"] + bins["high"]) / 2
    fig = go.Figure(go.Bar(x=centres, y=bins["count"], width=(bins["high"] - bins["low"]) * 0.95,
                           customdata=bins[["low", "high"]],
                           hovertemplate="[%{customdata[0]:.4g}, %{customdata[1]:.4g}): %{y}<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=column, margin={"t": 40, "b": 10}, height=320)
    return fig


def steps_chart(result: dict[str, Any], title: str, raw_label: str) -> go.Figure:
    """Rows left after each recipe step, starting from the raw table."""
    labels = [raw_label] + [f"{s['step']}. {s['kind']}" for s in result["steps"]]
    values = [result["rows_before"]] + [s["rows_after"] for s in result["steps"]]
    fig = go.Figure(go.Bar(x=labels, y=values, text=[f"{v:,}" for v in values], textposition="outside",
                           marker_color="#1f77b4"))
    fig.update_layout(title=title, margin={"t": 40, "b": 10}, height=320,
                      yaxis_range=[0, max(values) * 1.15 if values else 1])
    return fig
