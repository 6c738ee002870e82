"""Plotly figures for the SQL page: a quick look at a query result (pure: frame in, figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence

CHART_KINDS: tuple[str, ...] = ("bar", "line", "scatter")
MAX_POINTS = 5000


def result_chart(frame: pd.DataFrame, kind: str, x: str, y: str) -> go.Figure:
    """A bar, line or scatter chart of ``y`` against ``x`` (first 5,000 rows; lines sorted by x)."""
    if kind not in CHART_KINDS:
        raise CrmError(Sentence("protect.error.chart_kind", kind=kind, kinds=Listing(CHART_KINDS)))
    missing = [c for c in (x, y) if c not in frame.columns]
    if missing:
        raise CrmError(Sentence("protect.error.chart_column", columns=Listing(map(repr, missing))))
    data = frame[[x, y]].head(MAX_POINTS) if x != y else frame[[x]].head(MAX_POINTS)
    if kind == "line":
        data = data.sort_values(x)
    draw = {"bar": px.bar, "line": px.line, "scatter": px.scatter}[kind]
    figure = draw(data, x=x, y=y)
    figure.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=380)
    return figure
