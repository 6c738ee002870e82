"""Plotly figures for the Recommend page (pure: data in, figure out). Product ids are labels:
axes are categorical, so ids never turn into numbers on a scale."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from crm_core.i18n import t
from crm_core.report import format as fmt

METRICS: tuple[str, ...] = ("hit_rate", "precision", "recall", "coverage")
METHODS: tuple[str, ...] = ("", "popularity_", "recent_popularity_", "similar_customers_")


def evaluation_bars(evaluation: dict, metric_labels: dict[str, str],
                    method_labels: dict[str, str], axes: tuple[str, str]) -> go.Figure:
    """The model and the baselines, metric by metric, on the same held-out days (``axes``: the x
    and y titles, translated). Percents to one decimal inside the bars, as the metrics above the
    chart say them (whole ones read "2%" under 2.2%, walk25), hidden where a bar is too narrow for
    them, the share on hover: four "100.0%" above each group ran together (judge6). Bars a little
    wider and labels down to 8 px: at 1024 px "15.2%" was hidden in every hit-rate bar (walk25)."""
    shown = [m for m in METRICS if evaluation.get(m) is not None]
    bars = []
    for prefix in METHODS:
        values = [evaluation.get(f"{prefix}{m}") for m in shown]
        if all(v is None for v in values):
            continue
        bars.append(go.Bar(name=method_labels.get(prefix, prefix), x=[metric_labels.get(m, m) for m in shown],
                           y=values, text=[fmt.percent(v, 1) if v is not None else "" for v in values],
                           textposition="inside", insidetextanchor="end", textangle=0,
                           hovertemplate="%{x}: %{y:.1%}"))
    fig = go.Figure(bars)
    fig.update_layout(barmode="group", xaxis_title=axes[0], yaxis_title=axes[1], yaxis_tickformat=".0%",
                      margin=dict(t=30, b=10), uniformtext=dict(minsize=8, mode="hide"), bargap=0.1,
                      legend=dict(orientation="h", y=1.15))
    return fig


def rules_bars(rules: pd.DataFrame, label: Callable[[str], str], title: str, axes: tuple[str, str],
               top: int = 15, lang: str = "en") -> go.Figure:
    """The strongest rules as horizontal bars of lift, "A → B" on a categorical axis, one bar per
    pair of products (:func:`one_per_pair`); the hover names lift, support and confidence in
    ``lang`` (a Chinese page read "lift 2.31 support …")."""
    shown = one_per_pair(rules).head(top)
    pairs = [(label(a), label(c)) for a, c in zip(shown["antecedent"], shown["consequent"], strict=True)]
    names = [f"{a} → {c}" for a, c in pairs]
    fig = go.Figure(go.Bar(
        x=shown["lift"], y=names, orientation="h",
        customdata=shown[["support", "confidence"]].to_numpy(),
        hovertemplate=f"%{{y}}<br>{t('rec.col.lift', lang)} %{{x:.2f}}<br>{t('rec.col.support', lang)} "
                      f"%{{customdata[0]:.3%}}<br>{t('rec.col.confidence', lang)} %{{customdata[1]:.1%}}"
                      "<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=axes[0], yaxis=dict(
                          type="category", autorange="reversed", title=axes[1], tickmode="array",
                          tickvals=names, ticktext=[f"{shortened(a)} →<br>{shortened(c)}" for a, c in pairs]),
                      margin=dict(t=40, l=10, r=10, b=10), height=max(300, 44 * len(names) + 100))
    return fig


LABEL_WIDTH = 40
"""A product's room on the rules axis, in Latin letters (a Chinese character takes two)."""


def shortened(label: str) -> str:
    """A product's label whole, or cut with "…" where it runs past :data:`LABEL_WIDTH`: the axis cut
    labels at 45 characters without a mark, and two of them on one line left the bars a sliver at
    1024 px (walk12). A name too long for the room is cut in its middle: cut at the end, names sharing
    a long beginning lost the words that tell them apart ("…Salsa/D…", walk22), so the id and the
    name's end stay and what follows the name goes. The hover keeps the whole rule."""
    named = " · ".join(label.split(" · ")[:2])  # "id · name", without the brand or description after
    if _width(named) < LABEL_WIDTH:
        return label if _width(label) <= LABEL_WIDTH else _fitting(label, LABEL_WIDTH - 1) + "…"
    head = _fitting(named, LABEL_HEAD)
    return f"{head}…{_fitting(named[::-1], LABEL_WIDTH - 1 - _width(head))[::-1]}"


def _width(text: str) -> int:
    return sum(map(fmt.char_width, text))


LABEL_HEAD = 16
"""The room a cut label keeps for its beginning (the id and a word), in Latin letters."""


def _fitting(text: str, room: int) -> str:
    """The longest beginning of ``text`` no wider than ``room``."""
    width = 0
    for i, char in enumerate(text):
        width += fmt.char_width(char)
        if width > room:
            return text[:i]
    return text


def one_per_pair(rules: pd.DataFrame) -> pd.DataFrame:
    """Each pair of products once, in its more confident direction: A → B and B → A have the same
    lift and support, so the top 15 bars showed 7 or 8 pairs, each twice (walk9)."""
    ranked = rules.sort_values(["lift", "support", "confidence"], ascending=False, kind="stable")
    pair = [frozenset(p) for p in zip(ranked["antecedent"], ranked["consequent"], strict=True)]
    return ranked[~pd.Series(pair, index=ranked.index).duplicated()]
