"""Plotly figures for segmentation: pure functions, data in, figure out (page and HTML report)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm_core.i18n import t
from crm_core.report import format as fmt
from crm_core.report.palette import (
    FONT_SIZE,
    LEGEND_BELOW,
    MIN_TEXT,
    NEUTRAL,
    colours,
    lower_legend,
    style,
    wrapped,
)
from crm_core.segment.naming import feature_label
from crm_core.segment.rfm import RFM_RULES, rfm_group, rfm_label
from crm_core.workspace.value_order import value_order

MAX_POINTS = 20000
"""Scatter plots sample beyond this many customers so browsers stay responsive."""

_K_METRICS = (("inertia", "segment.metric.inertia"), ("silhouette", "segment.metric.silhouette"),
              ("calinski_harabasz", "segment.metric.ch"), ("davies_bouldin", "segment.metric.db"),
              ("stability", "segment.metric.stability"))


def k_choice_figure(scores: pd.DataFrame, recommended: int | None, chosen: int | None,
                    lang: str = "en") -> go.Figure:
    """One small panel per quality measure over k, the recommended k marked in every panel."""
    fig = make_subplots(rows=1, cols=len(_K_METRICS), horizontal_spacing=0.06,
                        subplot_titles=[t(key, lang) for _, key in _K_METRICS])
    for i, (column, _) in enumerate(_K_METRICS, start=1):
        fig.add_trace(go.Scatter(x=scores["k"], y=scores[column], mode="lines+markers",
                                 showlegend=False, line={"color": NEUTRAL}), row=1, col=i)
        if recommended is not None:
            fig.add_vline(x=recommended, line_dash="dash", line_color="#009E73", row=1, col=i)
        if chosen is not None and chosen != recommended:
            fig.add_vline(x=chosen, line_dash="dot", line_color="#D55E00", row=1, col=i)
    fig.update_xaxes(dtick=1, title_text=t("segment.chart.k_axis", lang))
    style(fig, t("segment.chart.k_choice", lang), 340)
    fig.update_annotations(font_size=MIN_TEXT + 1, yshift=4)  # the panel titles
    fig.update_layout(margin={"t": 90})
    return fig


def sizes_figure(profile: pd.DataFrame, lang: str = "en", by: str = "segment",
                 palette: dict[str, str] | None = None) -> go.Figure:
    """Share of customers (solid) and, when the table has money, share of revenue (hatched) per
    segment, in its colour."""
    names = profile[by].astype(str)
    palette = palette or colours(names)
    bar_colours = [palette.get(n, NEUTRAL) for n in names]
    fig = go.Figure([
        go.Bar(name=t("segment.col.customer_share", lang), x=names, y=profile["customer_share"],
               marker={"color": bar_colours}, text=fmt.percent_parts_said(profile["customer_share"]),
               texttemplate="%{text}", textposition="outside"),
        *([go.Bar(name=t("segment.col.revenue_share", lang), x=names, y=profile["revenue_share"],
                  marker={"color": bar_colours, "pattern": {"shape": "/", "fgcolor": "white"}},
                  text=fmt.percent_parts_said(profile["revenue_share"]), texttemplate="%{text}",
                  textposition="outside")]
          if "revenue_share" in profile else []),
    ])
    fig.update_layout(barmode="group", yaxis_tickformat=".0%", legend={"orientation": "h", "y": -0.2},
                      xaxis_title=t(f"segment.col.{by}", lang),
                      yaxis_title=t("segment.chart.share_axis", lang))
    # a table without money (a contact list) has no revenue share to title
    title = "segment.chart.sizes" if "revenue_share" in profile else "segment.chart.sizes_only"
    return _fit_ticks(style(fig, t(title, lang), 400), list(names))


PLOT_AT_1024_PX = 495
"""A chart's plot across the main column at 1024 px (565 px, less the 50 + 20 px side margins)."""


def _fit_ticks(fig: go.Figure, names: list[str]) -> go.Figure:
    """Each bar's name wrapped to its slot, the legend moved down the lines added: at 1024 px
    "Low value, cooling" and "Low value, lapsed" touched under the size chart (walk21)."""
    columns = max(6, int(PLOT_AT_1024_PX / len(names) / (FONT_SIZE * 0.55)) - 2)
    labels = [wrapped(name, columns) for name in names]
    fig.update_xaxes(tickmode="array", tickvals=names, ticktext=["<br>".join(lines) for lines in labels])
    lower_legend(fig, max(map(len, labels)) - 1)
    return fig


FEATURE_ROW = 34
"""Height per feature row: the profile charts list features down the side, where long labels
(``最近消费（天）``) read horizontally instead of colliding when tilted under a half-width chart."""


def heatmap_figure(z_profile: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Standardised feature means, features down and segments across — red above average, blue
    below; one decimal, so a value stays inside its cell even at ten segments."""
    labels = [feature_label(c, lang) for c in z_profile.columns]
    z = z_profile.to_numpy().T
    fig = go.Figure(go.Heatmap(z=z, x=[str(i) for i in z_profile.index], y=labels,
                               colorscale="RdBu_r", zmid=0, text=np.round(z, 1),
                               texttemplate="%{text}", textfont={"size": MIN_TEXT + 1}))
    fig.update_layout(xaxis_title=t("segment.col.segment", lang),
                      yaxis_title=t("segment.chart.feature_axis", lang), yaxis_autorange="reversed")
    return style(fig, t("segment.chart.heatmap", lang), 160 + FEATURE_ROW * len(labels))


def snake_figure(z_profile: pd.DataFrame, lang: str = "en",
                 palette: dict[str, str] | None = None) -> go.Figure:
    """The same profile as lines: one line per segment down the features (0 = average)."""
    labels = [feature_label(c, lang) for c in z_profile.columns]
    palette = palette or colours(z_profile.index)
    fig = go.Figure([go.Scatter(x=row.to_numpy(), y=labels, mode="lines+markers", name=str(name),
                                line={"color": palette.get(str(name), NEUTRAL)})
                     for name, row in z_profile.iterrows()])
    fig.update_layout(xaxis_title=t("segment.chart.vs_average", lang),
                      yaxis_title=t("segment.chart.feature_axis", lang), yaxis_autorange="reversed",
                      legend={"orientation": "h", "y": -0.25})
    return style(fig, t("segment.chart.snake", lang), 200 + FEATURE_ROW * len(labels))


def pca_figure(coords: pd.DataFrame, lang: str = "en", palette: dict[str, str] | None = None) -> go.Figure:
    """Customers on the first two principal components, coloured by segment."""
    palette = palette or colours(coords["label"])
    fig = go.Figure([go.Scattergl(x=g["pc1"], y=g["pc2"], mode="markers", name=str(name),
                                  marker={"size": 4, "opacity": 0.6,
                                          "color": palette.get(str(name), NEUTRAL)},
                                  text=g["customer_id"])
                     for name, g in coords.groupby("label", sort=False)])
    fig.update_layout(xaxis_title=t("segment.chart.pc1", lang), yaxis_title=t("segment.chart.pc2", lang),
                      legend=LEGEND_BELOW)
    return style(fig, t("segment.chart.pca", lang), 480)


SCENE_EYE = {"x": 1.7, "y": 1.7, "z": 1.1}
"""The 3-D camera, further back than plotly's (1.25, 1.25, 1.25), whose cube's corners and tick
labels ran past the drawing's edges (walk18)."""


def rfm_3d_figure(members: pd.DataFrame, by: str = "segment", lang: str = "en",
                  random_state: int = 0, palette: dict[str, str] | None = None) -> go.Figure:
    """Recency, frequency and monetary in 3-D (log axes for F and M), sampled beyond MAX_POINTS from
    the customers in :func:`value_order` (by row position a renaming drew others, det28)."""
    data = members.iloc[value_order(members, ["recency_days", "frequency", "monetary"])]
    data = data if len(data) <= MAX_POINTS else data.sample(MAX_POINTS, random_state=random_state)
    palette = palette or colours(members[by])
    fig = go.Figure([go.Scatter3d(x=g["recency_days"], y=g["frequency"],
                                  z=np.sign(g["monetary"]) * np.log10(1 + g["monetary"].abs()),
                                  mode="markers", name=str(name), text=g["customer_id"],
                                  marker={"size": 2, "opacity": 0.6,
                                          "color": palette.get(str(name), NEUTRAL)})
                     for name, g in data.groupby(by, sort=False)])
    style(fig, t("segment.chart.rfm3d", lang), 560)
    fig.update_layout(scene={"xaxis_title": t("segment.feature.recency_days", lang),
                             "yaxis_title": t("segment.feature.frequency", lang),
                             "zaxis_title": t("segment.chart.log_monetary", lang),
                             "camera": {"eye": SCENE_EYE}},
                      legend=LEGEND_BELOW, margin={"l": 0, "r": 0})
    return fig


def rfm_grid_figure(members: pd.DataFrame, lang: str = "en", gifts: bool = False) -> go.Figure:
    """The 5 × 5 R × F grid: customers per cell, labelled with the groups its customers are in."""
    counts = members.groupby(["r_score", "f_score"]).size()
    z = np.array([[counts.get((r, f), 0) for f in range(1, 6)] for r in range(1, 6)])
    named = _cell_groups(members, lang, gifts)
    text = [[f"{named.get((r, f)) or rfm_label(rfm_group(r, f), lang, gifts)}<br>{z[r - 1][f - 1]:,}"
             for f in range(1, 6)] for r in range(1, 6)]
    fig = go.Figure(go.Heatmap(z=z, x=[f"F{f}" for f in range(1, 6)], y=[f"R{r}" for r in range(1, 6)],
                               text=text, texttemplate="%{text}", colorscale="Blues",
                               textfont={"size": MIN_TEXT + 1},
                               hovertemplate="%{y} %{x}: %{z}<extra></extra>"))
    fig.update_layout(xaxis_title=t("segment.chart.f_axis", lang),
                      yaxis_title=t("segment.chart.r_axis", lang))
    return style(fig, t("segment.chart.rfm_grid", lang), 560)


def _cell_groups(members: pd.DataFrame, lang: str, gifts: bool) -> dict[tuple[int, int], str]:
    """Each (R, F) cell's groups in the rules' order, a line each (two on one line overran a half-width
    cell): R 1 × F 1 holds Lost and Hibernating customers since Lost waits for 90 days without an order
    (left88), and the cell said "Lost" alone (left90)."""
    order = [rfm_label(r.key, lang, gifts) for r in RFM_RULES]
    return {(int(r), int(f)): "<br>".join(g for g in order if g in set(cell))
            for (r, f), cell in members.groupby(["r_score", "f_score"])["rfm_segment"]}


def rfm_groups_figure(members: pd.DataFrame, lang: str = "en", gifts: bool = False) -> go.Figure:
    """Customers per named RFM group, in the order of the rules."""
    order = [rfm_label(r.key, lang, gifts) for r in RFM_RULES]
    counts = members["rfm_segment"].value_counts().reindex(order, fill_value=0)
    palette = colours(order)
    fig = go.Figure(go.Bar(x=counts.index, y=counts.to_numpy(), texttemplate="%{y:,}",
                           textposition="outside", marker_color=[palette[n] for n in counts.index]))
    fig.update_layout(xaxis_title=t("segment.col.rfm_segment", lang),
                      yaxis_title=t("segment.col.customers", lang))
    return style(fig, t("segment.chart.rfm_groups", lang), 400)


INK = "#262730"
"""The page's own text colour: the Sankey's labels were grey with a white halo over grey bands
(walk11, walk12), hard to read in both languages."""


def translucent(hex_colour: str, alpha: float = 0.35) -> str:
    """A band in its source segment's colour, light enough for the labels drawn over it."""
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def snapshot_label(segment: str, day: object, lang: str = "en") -> str:
    """A segment at a snapshot's day, the day as the language says it and bracketed as it brackets
    ("Champions (2 Oct 2023)", "重要价值客户（2023年10月2日）"; both read the ISO "(2023-10-02)", walk12)."""
    said = fmt.day(day, lang)
    return f"{segment}（{said}）" if lang == "zh" else f"{segment} ({said})"


def sankey_figure(moves: pd.DataFrame, before: object, after: object, lang: str = "en") -> go.Figure:
    """Flows of customers from the segments of one snapshot (its day ``before``) to those of another."""
    left = list(dict.fromkeys(moves["from"]))
    right = list(dict.fromkeys(moves["to"]))
    palette = colours([rfm_label(r.key, lang) for r in RFM_RULES] + left + right)
    labels = [snapshot_label(name, before, lang) for name in left] + \
        [snapshot_label(name, after, lang) for name in right]
    fig = go.Figure(go.Sankey(
        node={"label": labels, "pad": 12, "color": [palette.get(n, NEUTRAL) for n in left + right]},
        link={"source": [left.index(v) for v in moves["from"]],
              "target": [len(left) + right.index(v) for v in moves["to"]],
              "value": moves["customers"].tolist(),
              "color": [translucent(palette.get(v, NEUTRAL)) for v in moves["from"]]},
        textfont={"color": INK, "size": MIN_TEXT + 1, "shadow": "none"}))
    return style(fig, t("segment.chart.sankey", lang), 520)
