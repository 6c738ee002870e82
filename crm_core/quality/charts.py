"""Plotly figures for the Clean page: pure functions, data in, figure out."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from crm_core.report.palette import NEUTRAL, style


def missingness_chart(profile: dict[str, Any], title: str, axes: tuple[str, str]) -> go.Figure:
    """Share of empty values per column, worst first (``axes``: the x and y titles, translated)."""
    frame = pd.DataFrame([(c["name"], c["missing"]) for c in profile["columns"]],
                         columns=["column", "missing"]).sort_values("missing", ascending=False)
    fig = go.Figure(go.Bar(x=frame["column"], y=frame["missing"], marker_color="#d62728",
                           hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=axes[0], yaxis_title=axes[1], yaxis_tickformat=".0%",
                      yaxis_range=[0, max(0.05, frame["missing"].max())],
                      margin={"t": 40, "b": 10}, height=320)
    return fig


def distribution_chart(bins: pd.DataFrame, title: str, axes: tuple[str, str]) -> go.Figure:
    """Histogram of a numeric column from SQL-binned counts (``low, high, count``); bins one
    whole number wide are bars on their value, over whole-number ticks."""
    whole = bool(len(bins)) and ((bins["high"] - bins["low"]) == 1).all() and (bins["low"] % 1 == 0).all()
    centres = bins["low"] if whole else (bins["low"] + bins["high"]) / 2
    hover = "%{x}: %{y:,}" if whole else "[%{customdata[0]:.4g}, %{customdata[1]:.4g}): %{y:,}"
    fig = go.Figure(go.Bar(x=centres, y=bins["count"], width=(bins["high"] - bins["low"]) * 0.95,
                           customdata=bins[["low", "high"]], hovertemplate=hover + "<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=axes[0], yaxis_title=axes[1], margin={"t": 40, "b": 10},
                      height=320)
    if whole:
        fig.update_xaxes(dtick=1, tickformat=",d")
    return fig


def steps_chart(result: dict[str, Any], labels: list[str], title: str, removed: str,
                axes: tuple[str, str]) -> go.Figure:
    """Rows left after each recipe step, from the raw table down, each bar named in words
    (``labels``: the raw table, then one sentence per step) with the rows it removed."""
    values = [result["rows_before"]] + [s["rows_after"] for s in result["steps"]]
    drops = [""] + [removed.format(count=f"{s['rows_before'] - s['rows_after']:,}")
                    if s["rows_before"] > s["rows_after"] else "" for s in result["steps"]]
    names = [f"{i}. {label}" if i else label for i, label in enumerate(labels)]
    fig = go.Figure(go.Bar(y=names, x=values, orientation="h", marker_color=NEUTRAL,
                           text=[f"{v:,}  {d}".strip() for v, d in zip(values, drops, strict=True)],
                           textposition="outside", cliponaxis=False))
    fig.update_yaxes(autorange="reversed", title_text=axes[1])
    fig.update_xaxes(range=[0, max(values) * 1.3 if values else 1], tickformat=",", title_text=axes[0])
    return style(fig, title, 120 + 44 * len(values))
