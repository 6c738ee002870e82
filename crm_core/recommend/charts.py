"""Plotly figures for the Recommend page (pure: data in, figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

METRICS: tuple[str, ...] = ("hit_rate", "precision", "recall", "coverage")


def evaluation_bars(evaluation: dict, labels: dict[str, str], model_name: str,
                    baseline_name: str) -> go.Figure:
    """Model against the best-seller list, metric by metric (hit rate, precision, recall, coverage)."""
    shown = [m for m in METRICS if evaluation.get(m) is not None]
    names = [labels.get(m, m) for m in shown]
    fig = go.Figure([
        go.Bar(name=model_name, x=names, y=[evaluation[m] for m in shown],
               text=[f"{evaluation[m]:.1%}" for m in shown], textposition="outside"),
        go.Bar(name=baseline_name, x=names, y=[evaluation[f"popularity_{m}"] for m in shown],
               text=[f"{evaluation[f'popularity_{m}']:.1%}" for m in shown], textposition="outside"),
    ])
    fig.update_layout(barmode="group", yaxis_tickformat=".0%", margin=dict(t=30, b=10),
                      legend=dict(orientation="h", y=1.12))
    return fig


def similarity_heatmap(table: pd.DataFrame, labels: list[str] | None = None) -> go.Figure:
    """A square heat map of product-to-product similarity (0 = unrelated, 1 = the same)."""
    names = labels or [str(c) for c in table.columns]
    fig = go.Figure(go.Heatmap(z=table.to_numpy(), x=names, y=names, zmin=0, zmax=1,
                               colorscale="Blues", hovertemplate="%{y} ↔ %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(margin=dict(t=20, l=10, r=10, b=10), yaxis_autorange="reversed",
                      height=max(320, 40 * len(names) + 120))
    return fig
