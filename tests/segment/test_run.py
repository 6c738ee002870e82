"""Report files: Excel opens with its sheets, HTML is self-contained and escaped, CSV is safe."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import numpy as np
import openpyxl
import pandas as pd
import pytest

from crm_core.report import html as report_html
from crm_core.report.files import excel_bytes_fast
from crm_core.segment import run as segmentation
from crm_core.segment.report import report_files
from crm_core.segment.run import SegmentConfig
from crm_core.workspace import runs, store

NASTY = ["<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "007", "+44 1", "@SUM(A1)", "张三"]


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.srcs: list[str] = []
        self.inline = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src")
            if src:
                self.srcs.append(src)
            else:
                self.inline += 1

    def handle_data(self, data):
        self.text.append(data)


def _nasty_table(con) -> None:
    rows = []
    for i, customer in enumerate(NASTY * 3):
        rows.append((f"INV{i}", f"2025-0{1 + i % 9}-1{i % 9}", customer, 10.0 * (i + 1)))
    frame = pd.DataFrame(rows, columns=["order_no", "order_date", "customer_id", "amount"])
    con.register("rows", frame)
    con.execute("CREATE TABLE shop AS SELECT * FROM rows")
    con.unregister("rows")


@pytest.fixture
def nasty_run(con):
    _nasty_table(con)
    run = segmentation.run(con, "shop", SegmentConfig(k=2))
    return run.with_names({0: "<b>VIP</b> & co", 1: "=cmd|' /C calc'!A0"})


def test_html_is_self_contained_and_escaped(nasty_run):
    page = report_files(nasty_run)["segment_report.html"].decode("utf-8")
    parser = _Scripts()
    parser.feed(page)
    assert parser.srcs == [] and parser.inline >= 1
    assert page.count("Plotly.newPlot") >= 5
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;VIP&lt;/b&gt; &amp; co" in page
    assert page.lower().count("<script") == parser.inline  # nothing sneaked in through the data


def test_excel_has_the_four_report_sheets_and_neutralised_text(nasty_run):
    book = openpyxl.load_workbook(io.BytesIO(report_files(nasty_run)["segment_report.xlsx"]))
    assert book.sheetnames[:4] == ["Summary", "Profiles", "Members", "Parameters"]
    members = list(book["Members"].values)
    header = members[0]
    ids = [row[header.index("Customer")] for row in members[1:]]
    assert "007" in ids and "=HYPERLINK(\"http://x\")" in ids and "+44 1" in ids and "@SUM(A1)" in ids
    assert "=cmd|' /C calc'!A0" in [row[header.index("Segment")] for row in members[1:]]
    quoted = [c for row in book["Members"].iter_rows(min_row=2) for c in row
              if isinstance(c.value, str) and c.value.startswith(("=", "+", "@"))]
    assert quoted and all(c.quotePrefix and c.data_type == "s" for c in quoted)  # text, shown without '
    assert not any(c.quotePrefix for row in book["Members"].iter_rows(min_row=2) for c in row
                   if c.value == "007")
    assert all(isinstance(row[header.index("Monetary")], float) for row in members[1:])


def test_csv_keeps_ids_and_neutralises_formulas(nasty_run):
    csv = pd.read_csv(io.BytesIO(report_files(nasty_run)["segments.csv"]), dtype={"customer_id": str},
                      encoding="utf-8-sig")
    assert list(csv.columns[:6]) == ["customer_id", "recency_days", "frequency", "monetary", "cluster",
                                     "segment"]
    assert {"007", "张三", "'=HYPERLINK(\"http://x\")"} <= set(csv["customer_id"])


def test_segments_table_keeps_text_ids_and_run_parameters(nasty_run, con):
    record = runs.save(con, nasty_run)
    assert record.rows_out == len(NASTY) and record.kind == "segments" and record.table == "shop"
    assert record.result_table == "segments_shop_1" and record.summary["k"] == 2
    ids = {r[0] for r in con.execute("SELECT customer_id FROM segments").fetchall()}
    assert "007" in ids
    params = con.execute("SELECT params FROM _crm.catalog WHERE name = 'segments_shop_1'").fetchone()[0]
    assert '"k": 2' in params and record.config["k"] == 2
    assert store.table_version(con, "segments_shop_1") == 1


def test_report_in_chinese(con):
    _nasty_table(con)
    run = segmentation.run(con, "shop", SegmentConfig(k=3), lang="zh")
    files = report_files(run)
    book = openpyxl.load_workbook(io.BytesIO(files["segment_report.xlsx"]))
    assert book.sheetnames[:4] == ["摘要", "画像", "成员", "参数"]
    assert '<html lang="zh">' in files["segment_report.html"].decode("utf-8")
    assert "RFM 规则" not in files["segment_report.html"].decode("utf-8")  # sheet name only
    assert "如何选择 k" in files["segment_report.html"].decode("utf-8")


def test_fast_excel_round_trips_types():
    frame = pd.DataFrame({"id": ["001", None, "-5"], "n": [1, 2, 3], "x": [1.5, float("nan"), -2.0],
                          "ok": [True, False, True]})
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes_fast({"a/b:c": frame})))["a_b_c"]
    assert list(sheet.values) == [("id", "n", "x", "ok"), ("001", 1, 1.5, True), (None, 2, None, False),
                                  ("-5", 3, -2.0, True)]
    assert sheet["A4"].quotePrefix and sheet["A4"].data_type == "s"  # text "-5", not the number −5


def test_table_html_escapes_cells():
    html = report_html.table_html(pd.DataFrame({"<h>": ["<i>x</i>"], "v": [1.5]}))
    assert "&lt;h&gt;" in html and "&lt;i&gt;x&lt;/i&gt;" in html and "1.50" in html


def test_profile_charts_list_the_features_down_the_side(sample_ws):
    """QA walk, Chinese Segments page: under half-width charts the tilted feature names
    (``最近消费（天）``, ``频次（订单）`` …) ran into each other and the heatmap's ``-0.71`` spilled out
    of its cells; now features are rows, read horizontally, with one decimal in the cells."""
    from crm_core.segment import charts
    from crm_core.segment.naming import feature_label

    with sample_ws.connect() as con:
        run = segmentation.run(con, "orders", segmentation.SegmentConfig(k=4), lang="zh")
    z = run.z_profile()
    labels = [feature_label(c, "zh") for c in z.columns]
    heat, snake = charts.heatmap_figure(z, "zh"), charts.snake_figure(z, "zh")
    assert list(heat.data[0].y) == labels and len(heat.data[0].x) == 4
    assert all(list(line.y) == labels for line in snake.data)
    assert max(len(str(v)) for v in np.ravel(heat.data[0].text)) <= 4, "-0.7, not -0.71"


def test_a_returns_segment_is_told_to_look_at_its_returns_before_an_offer(con):
    """A purchase log where some customers return more than they buy: their segment's action is
    not a reminder with a discount (walk16)."""
    rng = np.random.default_rng(5)
    rows = []
    for c in range(60):
        refunder = c < 12
        for i in range(int(rng.integers(2, 6))):
            amount = float(rng.uniform(20, 80)) * (-3 if refunder and i % 2 else 1)
            day = f"2025-{1 + i + (c % 6):02d}-1{c % 9}"
            rows.append((f"INV{c}-{i}", day, f"C{c:03d}", round(amount, 2)))
    con.register("rows", pd.DataFrame(rows, columns=["order_no", "order_date", "customer_id", "amount"]))
    con.execute("CREATE TABLE shop AS SELECT * FROM rows")
    con.unregister("rows")
    run = segmentation.run(con, "shop", SegmentConfig(k=3))
    book = pd.read_excel(io.BytesIO(report_files(run)["segment_report.xlsx"]), sheet_name=None)
    summary = next(frame for frame in book.values() if "Suggested action" in frame.columns)
    refunds = summary[summary["Segment"].str.startswith("Returns exceed purchases")]
    assert len(refunds) == 1 and refunds["Revenue"].iloc[0] < 0
    assert refunds["Suggested action"].iloc[0].startswith("Find out why they return more than they buy")
