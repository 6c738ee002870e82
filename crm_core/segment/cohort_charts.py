"""Cohort charts: the retention triangle and the curves, one line per cohort plus the average."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from crm_core.i18n import t
from crm_core.report.format import number, period
from crm_core.report.palette import date_ticks

MAX_CURVES = 24
"""Beyond this many cohorts only the newest are drawn one by one (the average uses them all)."""
PLOT_WIDTH = 300
"""The triangle's drawing width in pixels on an 820 px screen with the sidebar open (measured in
walk18; 520 at 1280 px): the labels must fit the narrowest screen, as the server cannot see the width."""
LABELLED = ("Q", "Y")
"""Periods whose cohorts the triangle names by their label, not by a date."""
DIGIT_EM = 0.54
"""Width of a digit as a share of the font size (6.5 px at 12 px); a label wider than its cell
overlaps its neighbours."""
LABEL_SIZES = (12, 9)
"""The cells' font size, largest first, and the smallest still read without zooming."""


def _labels(matrix: pd.DataFrame, percent: bool) -> pd.DataFrame:
    """Each cell as the page reads it (``45%``, ``1,234``, ``12.3``); empty above the diagonal."""
    return matrix.map(lambda v: "" if pd.isna(v) else (f"{v:.0%}" if percent else number(v)))


def label_size(labels: pd.DataFrame, room: int = 1) -> int | None:
    """The font size at which the widest label (plus ``room`` characters for a currency symbol)
    fits its cell, up to 12 px; None below 9 px: at 24 monthly periods the cells are 12 px wide
    and ``100%45%51%`` ran together, at 12 periods on 820 px ``¥4,20¥3,61`` did."""
    widest = max((len(v) for v in labels.to_numpy().ravel()), default=0) + room
    cell = PLOT_WIDTH / max(labels.shape[1], 1)
    size = min(LABEL_SIZES[0], int(cell / (max(widest, 1) * DIGIT_EM)))
    return size if size >= LABEL_SIZES[1] else None


def _cohort_axis(fig: go.Figure, lang: str, freq: str) -> go.Figure:
    """The cohort (y) axis as the grids say a cohort: a monthly one hovers and ticks as its month
    (``Mar 2024`` / ``2024年3月``; plotly's own choice read ``Mar 1, 2024`` and, over a few months,
    ticked weeks), one tick per month (each cohort is a row of its own height); a weekly one as
    its day; a quarter or a year as its label on a category axis (``2023 Q1`` / ``2023年``: a date
    axis has no quarter ticks)."""
    if freq in LABELLED:
        return fig.update_yaxes(type="category")
    monthly = freq == "M"
    if monthly:
        fig.update_yaxes(dtick="M1")
    return date_ticks(fig, lang, axis="y", monthly=monthly)


def _nobody_back_as_zero(matrix: pd.DataFrame, freq: str) -> pd.DataFrame:
    """A period the data covers but nobody of the cohort came back in has no row: it reads 0, not
    blank like the periods the data has not reached (the bike shop's June 2011 cohort read 100%,
    blank, blank, 100%, walk21). Covered: the cohort's start plus the period is no later than the
    latest cell any cohort has."""
    if freq not in ("M", "W", "Q", "Y") or matrix.empty:
        return matrix
    starts = pd.PeriodIndex(pd.to_datetime(matrix.index.astype(str)), freq=freq).asi8
    ages = matrix.columns.to_numpy(int)
    reached = pd.DataFrame(starts[:, None] + ages[None, :], matrix.index, matrix.columns)
    covered = reached <= reached.where(matrix.notna()).max().max()
    return matrix.mask(covered & matrix.isna(), 0.0)


def _cohort_names(cohorts: pd.Index, lang: str, freq: str) -> list[str]:
    """The triangle's rows: a quarter's or a year's label, else the first day for a date axis."""
    return [period(c, freq, lang) if freq in LABELLED else str(c) for c in cohorts]


def triangle_figure(frame: pd.DataFrame, value: str = "retention", lang: str = "en",
                    freq: str = "M") -> go.Figure:
    """Cohorts down, periods across; each cell the retention (or revenue per customer), written in
    the cell only when it fits at 9 px or more (else the colour and the hover tell it). ``freq`` is the run's
    (``M``, ``W``, ``Q`` or ``Y``): the cohort axis reads its cohorts as months, days, quarters or
    years, the periods across are months, weeks, quarters or years since the first purchase
    ("periods" left the unit to guess, judge8 walk)."""
    matrix = _nobody_back_as_zero(frame.pivot(index="cohort", columns="period", values=value).sort_index(),
                                  freq)
    percent = value == "retention"
    text = _labels(matrix, percent)
    size = label_size(text, 0 if percent else 1)
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=[str(c) for c in matrix.columns],
                               y=_cohort_names(matrix.index, lang, freq), colorscale="Blues",
                               text=text.to_numpy(), textfont={"size": size or LABEL_SIZES[0]},
                               texttemplate="%{text}" if size else None,
                               colorbar={"tickformat": ".0%" if percent else ",.0f"},
                               **_colour_range(matrix, percent),
                               hovertemplate=t(f"cohort.chart.hover.{freq}", lang) + "<extra></extra>"))
    fig.update_layout(title=t(f"cohort.chart.triangle.{value}", lang), height=160 + 22 * len(matrix),
                      xaxis_title=t(f"cohort.col.{freq}.period", lang),
                      yaxis_title=t("cohort.col.cohort", lang), yaxis_autorange="reversed", margin={"t": 50},
                      xaxis={"tickformat": "d", "dtick": max(1, math.ceil(len(matrix.columns) / MOST_TICKS))})
    return _cohort_axis(fig, lang, freq)


MOST_TICKS = 12
"""Period labels across the triangle: every period up to a year of months, then every second…"""


def _colour_range(matrix: pd.DataFrame, percent: bool) -> dict[str, float]:
    """Retention's colours from 0 to 100 %, revenue's from 0 (a single cell, or cells alike, made
    Plotly spread the bar around them: a one-month export read 50 %–150 %, walk21's zh cohorts)."""
    if percent:
        return {"zmin": 0, "zmax": 1}
    low = matrix.min().min()
    return {"zmin": 0} if pd.notna(low) and low >= 0 else {}


def curves_figure(frame: pd.DataFrame, value: str = "retention", lang: str = "en",
                  freq: str = "M") -> go.Figure:
    """One line per cohort across periods, each named as the grids name its cohort (a month for
    ``freq`` ``M``, not its first day), and the size-weighted average of all cohorts."""
    newest = sorted(frame["cohort"].unique())[-MAX_CURVES:]
    lines = [go.Scatter(x=g["period"], y=g[value], mode="lines", name=period(cohort, freq, lang),
                        opacity=0.45, line={"width": 1})
             for cohort, g in frame[frame["cohort"].isin(newest)].groupby("cohort")]
    weighted = frame.assign(w=frame[value] * frame["cohort_size"]).groupby("period")
    average = weighted["w"].sum() / weighted["cohort_size"].sum()
    lines.append(go.Scatter(x=average.index, y=average.to_numpy(), mode="lines+markers",
                            name=t("cohort.chart.average", lang), line={"width": 4, "color": "black"}))
    fig = go.Figure(lines)
    fig.update_layout(title=t(f"cohort.chart.curves.{value}", lang), height=420,
                      xaxis_title=t(f"cohort.col.{freq}.period", lang), margin={"t": 50},
                      yaxis_title=t(f"cohort.chart.axis.{value}", lang),
                      yaxis_tickformat=".0%" if value == "retention" else ",.2f")
    return fig
