"""Plotly figures for segmentation: pure functions, data in, figure out (page and HTML report)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm_core.i18n import t
from crm_core.segment.naming import feature_label
from crm_core.segment.rfm import RFM_RULES, rfm_group, rfm_label

MAX_POINTS = 20000
"""Scatter plots sample beyond this many customers so browsers stay responsive."""

_K_METRICS = (("inertia", "segment.metric.inertia"), ("silhouette", "segment.metric.silhouette"),
              ("calinski_harabasz", "segment.metric.ch"), ("davies_bouldin", "segment.metric.db"),
              ("stability", "segment.metric.stability"))


def k_choice_figure(scores: pd.DataFrame, recommended: int | None, chosen: int | None,
                    lang: str = "en") -> go.Figure:
    """One small panel per quality measure over k, the recommended k marked in every panel."""
    fig = make_subplots(rows=1, cols=len(_K_METRICS),
                        subplot_titles=[t(key, lang) for _, key in _K_METRICS])
    for i, (column, _) in enumerate(_K_METRICS, start=1):
        fig.add_trace(go.Scatter(x=scores["k"], y=scores[column], mode="lines+markers",
                                 showlegend=False, line={"color": "#3b82f6"}), row=1, col=i)
        if recommended is not None:
            fig.add_vline(x=recommended, line_dash="dash", line_color="#16a34a", row=1, col=i)
        if chosen is not None and chosen != recommended:
            fig.add_vline(x=chosen, line_dash="dot", line_color="#dc2626", row=1, col=i)
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=300, margin={"l": 30, "r": 10, "t": 40, "b": 30},
                      title=t("segment.chart.k_choice", lang))
    return fig


def sizes_figure(profile: pd.DataFrame, lang: str = "en", by: str = "segment") -> go.Figure:
    """Share of customers and share of revenue per segment, side by side."""
    fig = go.Figure([
        go.Bar(name=t("segment.col.customer_share", lang), x=profile[by], y=profile["customer_share"]),
        *([go.Bar(name=t("segment.col.revenue_share", lang), x=profile[by], y=profile["revenue_share"])]
          if "revenue_share" in profile else []),
    ])
    fig.update_layout(barmode="group", yaxis_tickformat=".0%", height=380,
                      title=t("segment.chart.sizes", lang), margin={"t": 50})
    return fig


def heatmap_figure(z_profile: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Standardised feature means per segment (rows) — red above average, blue below."""
    labels = [feature_label(c, lang) for c in z_profile.columns]
    fig = go.Figure(go.Heatmap(z=z_profile.to_numpy(), x=labels, y=[str(i) for i in z_profile.index],
                               colorscale="RdBu_r", zmid=0, text=np.round(z_profile.to_numpy(), 2),
                               texttemplate="%{text}"))
    fig.update_layout(height=120 + 40 * len(z_profile), title=t("segment.chart.heatmap", lang),
                      margin={"t": 50})
    return fig


def snake_figure(z_profile: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The same profile as lines: one line per segment across the features."""
    labels = [feature_label(c, lang) for c in z_profile.columns]
    fig = go.Figure([go.Scatter(x=labels, y=row.to_numpy(), mode="lines+markers", name=str(name))
                     for name, row in z_profile.iterrows()])
    fig.update_layout(height=380, title=t("segment.chart.snake", lang), yaxis_title="z",
                      margin={"t": 50})
    return fig


def pca_figure(coords: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Customers on the first two principal components, coloured by segment."""
    fig = go.Figure([go.Scattergl(x=g["pc1"], y=g["pc2"], mode="markers", name=str(name),
                                  marker={"size": 4, "opacity": 0.6}, text=g["customer_id"])
                     for name, g in coords.groupby("label", sort=False)])
    fig.update_layout(height=460, title=t("segment.chart.pca", lang), xaxis_title="PC1",
                      yaxis_title="PC2", margin={"t": 50})
    return fig


def rfm_3d_figure(members: pd.DataFrame, by: str = "segment", lang: str = "en",
                  random_state: int = 0) -> go.Figure:
    """Recency, frequency and monetary in 3-D (log axes for F and M), sampled beyond MAX_POINTS."""
    data = members if len(members) <= MAX_POINTS else members.sample(MAX_POINTS, random_state=random_state)
    fig = go.Figure([go.Scatter3d(x=g["recency_days"], y=g["frequency"],
                                  z=np.sign(g["monetary"]) * np.log10(1 + g["monetary"].abs()),
                                  mode="markers", name=str(name), text=g["customer_id"],
                                  marker={"size": 2, "opacity": 0.6})
                     for name, g in data.groupby(by, sort=False)])
    fig.update_layout(height=560, title=t("segment.chart.rfm3d", lang), margin={"t": 50},
                      scene={"xaxis_title": t("segment.feature.recency_days", lang),
                             "yaxis_title": t("segment.feature.frequency", lang),
                             "zaxis_title": t("segment.chart.log_monetary", lang)})
    return fig


def rfm_grid_figure(members: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The 5 × 5 R × F grid: customers per cell, labelled with the group each cell belongs to."""
    counts = members.groupby(["r_score", "f_score"]).size()
    z = np.array([[counts.get((r, f), 0) for f in range(1, 6)] for r in range(1, 6)])
    text = [[f"{rfm_label(rfm_group(r, f), lang)}<br>{z[r - 1][f - 1]:,}" for f in range(1, 6)]
            for r in range(1, 6)]
    fig = go.Figure(go.Heatmap(z=z, x=[f"F{f}" for f in range(1, 6)], y=[f"R{r}" for r in range(1, 6)],
                               text=text, texttemplate="%{text}", colorscale="Blues",
                               hovertemplate="%{y} %{x}: %{z}<extra></extra>"))
    fig.update_layout(height=480, title=t("segment.chart.rfm_grid", lang), margin={"t": 50})
    return fig


def rfm_groups_figure(members: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Customers per named RFM group, in the order of the rules."""
    order = [rfm_label(r.key, lang) for r in RFM_RULES]
    counts = members["rfm_segment"].value_counts().reindex(order, fill_value=0)
    fig = go.Figure(go.Bar(x=counts.index, y=counts.to_numpy(), marker_color="#6366f1"))
    fig.update_layout(height=360, title=t("segment.chart.rfm_groups", lang), margin={"t": 50})
    return fig


def sankey_figure(moves: pd.DataFrame, before: str, after: str, lang: str = "en") -> go.Figure:
    """Flows of customers from the segments of one snapshot to those of another."""
    left = list(dict.fromkeys(moves["from"]))
    right = list(dict.fromkeys(moves["to"]))
    labels = [f"{name} ({before})" for name in left] + [f"{name} ({after})" for name in right]
    fig = go.Figure(go.Sankey(
        node={"label": labels, "pad": 12},
        link={"source": [left.index(v) for v in moves["from"]],
              "target": [len(left) + right.index(v) for v in moves["to"]],
              "value": moves["customers"].tolist()}))
    fig.update_layout(height=520, title=t("segment.chart.sankey", lang), margin={"t": 50})
    return fig
