"""Plotly figures for churn and spend results (pure: results in, figure out; labels translated here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from crm_core.customers import lists
from crm_core.forecast.charts import MARGIN
from crm_core.i18n import t
from crm_core.report.palette import LEGEND_BELOW, title_lines

PLOT_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
"""Untitled charts: the forecast's 120 px top, kept for a title and a two-row legend, stood empty
above the churn diagnostics (walk19); 30 px holds plotly's toolbar. A legend under the plot
(``LEGEND_BELOW``) grows the bottom margin itself."""
BAR_PX = 28
"""Height a driver's bar takes: one bar drew alone in a 450 px plot (walk19)."""
AXES_PX = 110
"""The drivers plot's height besides its bars: the x axis, its title and the margins."""
DRIVERS_MARGIN = PLOT_MARGIN | {"b": 50}
"""Room for the drivers' axis and its title: with 10 px the title was drawn over the ticks (walk20)."""


def threshold_figure(thresholds: pd.DataFrame, current: float, lang: str = "en") -> go.Figure:
    """Precision and recall against the threshold, with the chosen threshold marked."""
    fig = go.Figure()
    for column in ("precision", "recall"):
        fig.add_trace(go.Scatter(x=thresholds["threshold"], y=thresholds[column], mode="lines+markers",
                                 name=t(f"customers.churn.{column}", lang)))
    fig.add_vline(x=current, line_dash="dash", line_color="#888")
    fig.update_layout(xaxis_title=t("customers.churn.threshold", lang),
                      yaxis_title=t("customers.churn.share_axis", lang), yaxis_range=[0, 1.02],
                      xaxis_tickformat=".0%", yaxis_tickformat=".0%", margin=PLOT_MARGIN, legend=LEGEND_BELOW)
    return fig


def calibration_figure(calibration: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Predicted against observed churn rate per bin; the diagonal is perfect calibration."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dash", "color": "#aaa"},
                             name=t("customers.churn.perfect", lang)))
    fig.add_trace(go.Scatter(x=calibration["predicted"], y=calibration["observed"], mode="lines+markers",
                             name=t("customers.churn.observed", lang)))
    fig.update_layout(xaxis_title=t("customers.churn.predicted", lang),
                      yaxis_title=t("customers.churn.observed", lang), xaxis_tickformat=".0%",
                      yaxis_tickformat=".0%", margin=PLOT_MARGIN, legend=LEGEND_BELOW)
    return fig


def _word(prefix: str, name: str, lang: str, activity: str) -> str | None:
    """``prefix.name`` in ``lang``, an event log's ``prefix.records.name`` first (None if neither)."""
    keys = ([f"{prefix}.records.{name}"] if activity == "records" else []) + [f"{prefix}.{name}"]
    return next((text for key in keys if (text := t(key, lang)) != key), None)


def feature_label(name: str, lang: str = "en", activity: str = "orders") -> str:
    """A model feature as the analyst reads it (a column of the customer table stays as named); an
    event log's (``History.activity`` "records": page views, redemptions) counts records, not orders."""
    return _word("customers.feature", name, lang, activity) or name


def column_labels(frame: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """Headers of a score list in ``lang``, the list's own words over the features'; a list whose
    reasons are an event log's words (:func:`lists.kept_activity`) says records, not orders."""
    words = {"reasons", "recency_days", "mean_gap_days"} <= set(frame.columns)
    activity = lists.kept_activity(frame) if words else "orders"
    return {c: _word("customers.col", c, lang, activity) or feature_label(c, lang, activity)
            for c in frame.columns}


def drivers_figure(drivers: pd.DataFrame, lang: str = "en", activity: str = "orders",
                   top: int = 12) -> go.Figure:
    """Top drivers: how much validation ROC AUC drops when a column is shuffled. Columns whose
    shuffling changes nothing are left out: the chosen model does not read them (BG/NBD reads its
    own probability only), and eleven empty bars read as "recency does not matter"."""
    head = drivers[drivers["importance"].ne(0)].head(top).iloc[::-1]
    names = [feature_label(name, lang, activity) for name in head["feature"]]
    fig = go.Figure(go.Bar(x=head["importance"], y=names, orientation="h"))
    fig.update_layout(xaxis_title=t("customers.churn.importance", lang),
                      yaxis_title=t("customers.churn.column_axis", lang), margin=DRIVERS_MARGIN,
                      xaxis_automargin=True, height=AXES_PX + BAR_PX * len(head))
    return fig


def decile_figure(deciles: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Real spend share per predicted decile (1 = customers ranked highest), titled and every decile
    ticked: untitled, with ticks at 2, 4 … 10, the bars stood under the backtest table unexplained
    (judge8 walk)."""
    fig = go.Figure(go.Bar(x=deciles["decile"], y=deciles["share_of_actual"],
                           name=t("customers.spend.share", lang)))
    title, added = title_lines(t("customers.spend.decile_title", lang))
    fig.update_layout(title=title,
                      xaxis_title=t("customers.spend.decile", lang),
                      yaxis_title=t("customers.spend.share_axis", lang), yaxis_tickformat=".0%",
                      xaxis_dtick=1, margin=MARGIN | {"t": MARGIN["t"] + added})
    return fig
