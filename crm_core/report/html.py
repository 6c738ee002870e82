"""A self-contained HTML report: headings, text, tables and plotly charts in one file.

Results are described as a list of blocks and rendered here, so the segment report (and any
other) shares one renderer. Every string from the data is escaped; plotly.js is inlined
once, so the file opens with no network. Charts carry their own template and colours
(crm_core.report.palette), so a report built inside the app looks like the page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from crm_core.report.format import number


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    max_rows: int = 200


@dataclass(frozen=True)
class Chart:
    figure: go.Figure


Block = Heading | Text | Table | Chart

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Microsoft YaHei",sans-serif;margin:2rem auto;
max-width:1100px;color:#1f2933;padding:0 1rem}
h1{font-size:1.7rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right;font-variant-numeric:tabular-nums}
th{background:#f3f4f6}.scroll{overflow-x:auto}td.t{text-align:left}.note{color:#52606d;font-size:.85rem}
.chart{margin:1rem 0;min-height:300px}
"""


def _cell(value: object) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return "" if pd.isna(value) else number(value)
    return html.escape("" if value is None or value is pd.NA else str(value))


def table_html(frame: pd.DataFrame, max_rows: int = 200) -> str:
    """An escaped HTML table of the first ``max_rows`` rows."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(max_rows).itertuples(index=False):
        cells = "".join(
            f'<td class="t">{_cell(v)}</td>' if isinstance(v, str) else f"<td>{_cell(v)}</td>"
            for v in record)
        rows.append(f"<tr>{cells}</tr>")
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _height(figure: go.Figure) -> int:
    return int(figure.layout.height or 460)


def render(title: str, blocks: list[Block], lang: str = "en", note: str = "") -> str:
    """The whole document; plotly.js goes in with the first chart only."""
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if note:
        parts.append(f'<p class="note">{html.escape(note)}</p>')
    js_included = False
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
        elif isinstance(block, Text):
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, Table):
            parts.append(table_html(block.frame, block.max_rows))
        else:
            figure_html = pio.to_html(block.figure, full_html=False, include_plotlyjs=not js_included,
                                      config={"displaylogo": False, "responsive": True},
                                      default_width="100%", default_height=f"{_height(block.figure)}px")
            parts.append(f'<div class="chart">{figure_html}</div>')
            js_included = True
    return (f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
