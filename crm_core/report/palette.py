"""One colour per segment everywhere, and one chart style, for pages and HTML reports.

Colours come from the Okabe–Ito palette (readable for the common kinds of colour blindness),
then Paul Tol's muted set for runs with more than eight groups. A name keeps its colour in
every chart of a run because each chart receives the same name → colour map, built once
from the segment order (cluster number), not from whichever segments a chart happens to show.

Charts set their template explicitly: Streamlit switches plotly's default template to one
whose colours are placeholders, which is what drew every series black in reports built
inside the app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import plotly.graph_objects as go

from crm_core.report.format import char_width

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
             "#882255", "#AA4499", "#DDDDDD")
PALETTE = OKABE_ITO + TOL_MUTED
NEUTRAL = "#4C78A8"
"""For charts of one series (no segment meaning)."""
TEMPLATE = "plotly_white"
FONT_SIZE = 13
"""Base text size; plotly's smallest text (ticks, cell labels) stays at 11 px or more."""
MIN_TEXT = 11


def colour(position: int) -> str:
    """The palette colour at ``position`` (wrapping for very many groups)."""
    return PALETTE[position % len(PALETTE)]


def colours(names: Iterable[object]) -> dict[str, str]:
    """Name → colour in the given order (first name, first colour); duplicates keep the first."""
    ordered = list(dict.fromkeys(str(n) for n in names))
    return {name: colour(i) for i, name in enumerate(ordered)}


HALF_TITLE = 30
"""Columns a title fits in a chart drawn half the page wide at 1024 px (a Chinese character takes
two): "Segment profiles (standardised means" and "How each segment differs from the ave…" were cut
there (walk12)."""
FULL_TITLE = 60
"""Columns a title fits across the main column at 1024 px (565 px): Spend's "Where the real spend
went in the backtest, customers in ten groups by the mode" was cut at the chart's edge (walk20)."""
TITLE_LINE = 22
"""Pixels a title line takes at the title's size: the plot moves down that much per line added."""
HALF_AXIS = 22
"""Columns an x axis title fits under a half-width plot ("高于（+）或低于（−）平均客" was cut, walk13)."""
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0, "itemsizing": "constant"}
"""A half-width chart's legend under its plot, its markers legible (the 3-D points are 2 px): on the
right it squeezed the segment scatters (walk17) and the churn diagnostics (walk20) to slivers."""


def wrapped(text: str, columns: int = HALF_TITLE) -> list[str]:
    """``text`` in lines of at most ``columns`` (Latin words kept whole, Chinese broken between
    characters); a word longer than a line stands on its own."""
    lines = [""]
    for token in re.findall(r"[!-~]+ *|.", text):
        if lines[-1] and sum(map(char_width, (lines[-1] + token).rstrip())) > columns:
            lines.append("")
        lines[-1] += token.lstrip() if not lines[-1] else token
    return [line.rstrip() for line in lines]


def title_lines(text: str, columns: int = FULL_TITLE) -> tuple[str, int]:
    """A title wrapped to ``columns`` for plotly (lines joined by ``<br>``) and the pixels the lines
    added take, to lower the plot by."""
    lines = wrapped(text, columns)
    return "<br>".join(lines), TITLE_LINE * (len(lines) - 1)


def fit_title(fig: go.Figure, columns: int = HALF_TITLE) -> go.Figure:
    """The title wrapped to a chart drawn beside another (:func:`wrapped`), the plot moved down
    a line for each line added, and the x axis title wrapped under the narrower plot; a title
    that fits is left as it is."""
    title, added = title_lines(fig.layout.title.text or "", columns)
    if added:
        top = fig.layout.margin.t if fig.layout.margin.t is not None else 60
        fig.update_layout(title_text=title, margin_t=top + added)
    axis = wrapped(fig.layout.xaxis.title.text or "", HALF_AXIS)
    if len(axis) > 1:
        fig.update_xaxes(title_text="<br>".join(axis))
        lower_legend(fig, len(axis) - 1)
    return fig


def lower_legend(fig: go.Figure, lines: int) -> None:
    """A legend laid under the plot moved down by ``lines`` axis-title or tick-label lines, the
    figure grown to hold it (the wrapped axis title ran over the legend, walk13)."""
    legend = fig.layout.legend
    if legend.y is None or legend.y >= 0:
        return
    height = fig.layout.height or 450
    step = TITLE_LINE * lines
    fig.update_layout(legend_y=legend.y - step / height, height=height + step,
                      margin_b=(fig.layout.margin.b or 50) + step)


def style(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    """The common look: explicit template, legible fonts, title left with room below it, trace
    names whole in the hover (plotly cuts them at 15 characters: "Backtest: Me...", walk16)."""
    fig.update_layout(template=TEMPLATE, font={"size": FONT_SIZE},
                      margin={"t": 60 if title else 30, "l": 50, "r": 20, "b": 50},
                      legend={"font": {"size": MIN_TEXT + 1}}, hoverlabel={"namelength": -1})
    if title is not None:
        fig.update_layout(title={"text": title, "x": 0, "xanchor": "left",
                                 "font": {"size": FONT_SIZE + 3}})
    if height is not None:
        fig.update_layout(height=height)
    return fig


ZH_DATE_TICKS = (
    {"dtickrange": [None, 27 * 86_400_000], "value": "%Y年%-m月%-d日"},
    {"dtickrange": ["M1", "M11"], "value": "%Y年%-m月"},
    {"dtickrange": ["M12", None], "value": "%Y年"},
)
"""Chinese date ticks as Chinese writes dates: plotly writes month names in English whatever the
page language (``Jan 2025``), so in Chinese a tick reads ``2025年1月`` (``2025年1月6日`` when ticks
are days or weeks, ``2025年`` when they are a year or more apart: a yearly forecast's ticks read
"1980年1月", walk16), as Customer 360's month bars do."""


MONTH_HOVER = {"en": "%b %Y", "zh": "%Y年%-m月"}
"""A monthly point's hover as the grids say a month (``format.month``), not its first day."""
YEAR_HOVER = {"en": "%Y", "zh": "%Y年"}
"""A yearly point's hover as its year: "Jan 1, 2031" named a day of a yearly forecast (walk15)."""


def date_ticks(fig: go.Figure, lang: str, axis: str = "x", monthly: bool = False,
               yearly: bool = False) -> go.Figure:
    """Chinese date ticks and hover dates on the date axis ``axis`` (``"x"`` or ``"y"``) in Chinese;
    English keeps plotly's own month names. A ``monthly`` series hovers as its month, a
    ``yearly`` one as its year."""
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    if lang == "zh":
        update(tickformatstops=list(ZH_DATE_TICKS), hoverformat="%Y年%-m月%-d日")
    if monthly or yearly:
        hover = YEAR_HOVER if yearly else MONTH_HOVER
        update(hoverformat=hover.get(lang, hover["en"]))
    return fig
