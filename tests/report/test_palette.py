"""One colour per segment: stable across charts, readable, never Streamlit's placeholders."""

from __future__ import annotations

import plotly.io as pio

from crm_core.report import palette
from crm_core.segment import report as segment_report
from crm_core.segment import run as segment_run


def test_colours_follow_the_given_order_and_are_distinct():
    names = ["High value, active", "Low value, lapsed", "Mid value, cooling"]
    first = palette.colours(names)
    assert list(first.values()) == list(palette.OKABE_ITO[:3])
    assert palette.colours(names) == first  # stable call to call
    assert len(set(palette.colours(range(18)).values())) == 18


def test_segment_keeps_its_colour_in_every_chart_and_the_report(sample_ws, monkeypatch):
    import streamlit  # noqa: F401  (registers the template the app runs with)

    monkeypatch.setattr(pio.templates, "default", "streamlit")  # its colours are placeholders
    with sample_ws.connect() as con:
        run = segment_run.run(con, "orders", segment_run.SegmentConfig(k=3))
    expected = segment_report.segment_colours(run)
    assert list(expected) == [run.names[c] for c in sorted(run.names)]
    figures = segment_report.figures(run)
    for name in ("snake", "pca", "rfm3d"):
        seen = {trace.name: (trace.line.color if name == "snake" else trace.marker.color)
                for trace in figures[name].data}
        assert seen == {n: expected[n] for n in seen}, name
    bars = figures["sizes"].data[0]
    assert list(bars.marker.color) == [expected[str(n)] for n in bars.x]
    for fig in figures.values():
        assert fig.layout.template.layout.colorway[0] != "#000001"  # explicit template
        assert (fig.layout.font.size or 0) >= palette.MIN_TEXT
    html = run.files()["segment_report.html"].decode("utf-8")
    assert all(colour in html for colour in expected.values())
