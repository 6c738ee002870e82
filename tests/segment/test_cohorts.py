"""Cohorts: every cell equals an independent pandas computation; filters; event logs; errors."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.load.sample import SAMPLE_DIR
from crm_core.segment import cohorts
from crm_core.segment import run as segmentation
from crm_core.segment.cohorts import CohortConfig
from crm_core.workspace import runs, store


def pandas_cohorts(raw: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The same table by hand: first period per customer, whole periods since, per-cell counts."""
    ts = pd.to_datetime(raw["ts"])
    start = ts.dt.to_period("M" if freq == "M" else "W-SUN").dt.start_time
    frame = pd.DataFrame({"customer_id": raw["customer_id"], "p": start, "amount": raw["amount"]})
    frame["cohort"] = frame.groupby("customer_id")["p"].transform("min")
    if freq == "M":
        frame["period"] = (frame["p"].dt.year - frame["cohort"].dt.year) * 12 + frame["p"].dt.month \
            - frame["cohort"].dt.month
    else:
        frame["period"] = (frame["p"] - frame["cohort"]).dt.days // 7
    sizes = frame.groupby("cohort")["customer_id"].nunique().rename("cohort_size")
    cells = frame.groupby(["cohort", "period"]).agg(customers=("customer_id", "nunique"),
                                                    revenue=("amount", "sum")).reset_index()
    cells = cells.join(sizes, on="cohort")
    cells["retention"] = cells["customers"] / cells["cohort_size"]
    cells["revenue_per_customer"] = cells["revenue"] / cells["cohort_size"]
    cells["cohort"] = cells["cohort"].dt.strftime("%Y-%m-%d")
    return cells


@pytest.mark.parametrize("freq", ["M", "W"])
def test_every_cell_matches_pandas_on_the_sample_orders(sample_ws, freq):
    raw = pd.read_csv(SAMPLE_DIR / "orders.csv", dtype={"customer_id": str})
    raw = raw.rename(columns={"invoice_date": "ts"})
    expected = pandas_cohorts(raw, freq)
    with sample_ws.connect() as con:
        result = cohorts.run(con, "orders", CohortConfig(freq=freq))
    got = result.frame.merge(expected, on=["cohort", "period"], how="outer", suffixes=("", "_pd"),
                             indicator=True)
    assert (got["_merge"] == "both").all() and len(got) == len(expected)
    for column in ("cohort_size", "customers"):
        assert (got[column] == got[f"{column}_pd"]).all(), column
    for column in ("retention", "revenue", "revenue_per_customer"):
        assert got[column].to_numpy() == pytest.approx(got[f"{column}_pd"].to_numpy()), column
    assert result.summary()["customers"] == raw["customer_id"].nunique()


def test_segment_and_first_value_filters(sample_ws):
    with sample_ws.connect() as con:
        seg = segmentation.run(con, "orders", segmentation.SegmentConfig(k=3))
        runs.save(con, seg)
        name = seg.names[0]
        kept = set(seg.members.loc[seg.members["segment"] == name, "customer_id"])
        filtered = cohorts.run(con, "orders", CohortConfig(segment=name))
        assert filtered.summary()["customers"] == len(kept)
        web = cohorts.run(con, "orders", CohortConfig(first_col="channel", first_value="web"))
        firsts = con.execute("SELECT customer_id, arg_min(channel, invoice_date) FROM orders WHERE "
                             "customer_id IS NOT NULL AND invoice_date IS NOT NULL GROUP BY 1").fetchall()
        assert web.summary()["customers"] == sum(1 for _, channel in firsts if channel == "web")
        with pytest.raises(CrmError, match="No segment 'Nobody'"):
            cohorts.run(con, "orders", CohortConfig(segment="Nobody"))


def test_event_logs_have_cohorts_without_revenue_and_customer_tables_are_refused(con):
    store.write_frame(con, "visits", pd.DataFrame({
        "visitor_id": ["a", "a", "b", "c"], "page": ["/", "/x", "/", "/"],
        "visit_time": pd.to_datetime(["2024-01-05", "2024-02-03", "2024-01-20", "2024-02-10"])}))
    result = cohorts.run(con, "visits")
    assert not result.has_revenue
    assert result.frame[["cohort", "period", "customers"]].values.tolist() == [
        ["2024-01-01", 0, 2], ["2024-01-01", 1, 1], ["2024-02-01", 0, 1]]
    assert result.summary()["retention_period_1"] == 0.5
    report = html.unescape(result.files()["cohort_report.html"].decode())
    assert "'visits' has no amount column" in report and report.count("<h1>") == 1
    assert "没有金额列" in cohorts.run(con, "visits", lang="zh").files()["cohort_report.html"].decode()
    store.write_frame(con, "people", pd.DataFrame({"customer_id": ["a", "b"], "age": [30, 40]}))
    with pytest.raises(CrmError, match="cohorts need a purchase log or an event log"):
        cohorts.run(con, "people")


def _cell_labels(fig) -> list[str]:
    """The labels the triangle writes in its cells (none when it writes none)."""
    trace = fig.data[0]
    return [v for row in trace.text for v in row if v] if trace.texttemplate else []


def test_triangle_labels_fit_their_cells_or_are_left_to_the_hover(sample_ws):
    """At the sample's 24 monthly periods the cells are ~21 px wide on a 1280 px screen and the
    labels ran together (``100%45%51%48%``, revenue ``1,234.56`` worse); a short triangle keeps them."""
    from crm_core.segment.cohort_charts import triangle_figure

    with sample_ws.connect() as con:
        long = cohorts.run(con, "orders").frame
        store.write_frame(con, "early", con.execute(
            "SELECT * FROM orders WHERE invoice_date < DATE '2024-07-01'").df())
        short = cohorts.run(con, "early").frame
    assert long["period"].max() >= 23 and short["period"].max() <= 6
    for value in ("retention", "revenue_per_customer"):
        fig = triangle_figure(long, value)
        cell = 520 / len(fig.data[0].x)  # the drawing's width on a 1280 px screen, measured
        assert all(len(v) * 6.5 <= cell for v in _cell_labels(fig)), value  # 12 px digits
        assert fig.data[0].text is not None  # the hover still reads the value
        labels = _cell_labels(triangle_figure(short, value))
        assert labels and max(len(v) for v in labels) <= 6  # `1,234` / `12.3`, no `1,234.56`


def test_triangle_labels_fit_their_cells_at_820_px(sample_ws):
    """walk17 (``tab_zh_06_cohorts.png``), again in walk18 at 820 px: a year of monthly cohorts drew
    in about 300 px and its revenue cells ran together (``¥4,20¥3,61¥4,27``): the fit was judged at
    1280 px. Labels are written at a size that fits the narrow screen (9–12 px), else left to the
    colour and the hover; a year's retention still reads in its cells."""
    from crm_core.segment.cohort_charts import triangle_figure

    with sample_ws.connect() as con:
        store.write_frame(con, "year", con.execute(
            "SELECT * FROM orders WHERE invoice_date < DATE '2025-01-01'").df())
        frame = cohorts.run(con, "year").frame
    assert frame["period"].max() == 11
    for value, room in (("retention", 0), ("revenue_per_customer", 1)):  # room: the page's ¥ / $
        fig = triangle_figure(frame, value)
        size, cell = fig.data[0].textfont.size, 300 / len(fig.data[0].x)
        assert 9 <= size <= 12, value
        assert all((len(v) + room) * 0.54 * size <= cell for v in _cell_labels(fig)), value
    assert _cell_labels(triangle_figure(frame, "retention"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cohort_axis_reads_a_monthly_cohort_as_its_month(sample_ws, lang):
    """pol5, seen and left: the charts were not told the frequency, so a monthly cohort hovered
    as its first day (``Jan 1, 2024``) and a few of them ticked weeks; a weekly one reads as its day."""
    from crm_core.report import format as fmt
    from crm_core.report.palette import MONTH_HOVER
    from crm_core.segment.cohort_charts import MAX_CURVES, curves_figure, triangle_figure

    with sample_ws.connect() as con:
        store.write_frame(con, "early", con.execute(
            "SELECT * FROM orders WHERE invoice_date < DATE '2024-04-01'").df())
        made = {freq: cohorts.run(con, "early", CohortConfig(freq=freq)) for freq in ("M", "W")}
    monthly, weekly = made["M"].frame, made["W"].frame
    axis = triangle_figure(monthly, "retention", lang, "M").layout.yaxis
    assert (axis.hoverformat, axis.dtick) == (MONTH_HOVER[lang], "M1")
    names = [line.name for line in curves_figure(monthly, "retention", lang, "M").data[:-1]]
    assert names == [fmt.month(c, lang) for c in sorted(monthly["cohort"].unique())]
    axis = triangle_figure(weekly, "retention", lang, "W").layout.yaxis
    assert axis.dtick is None and axis.hoverformat == ("%Y年%-m月%-d日" if lang == "zh" else None)
    names = [line.name for line in curves_figure(weekly, "retention", lang, "W").data[:-1]]
    assert names == [fmt.day(c, lang) for c in sorted(weekly["cohort"].unique())[-MAX_CURVES:]]
    report = made["M"].files()["cohort_report.html"].decode()
    assert fmt.month(monthly["cohort"].min(), "en") in report  # the report's charts are told too


def test_a_period_nobody_came_back_in_reads_0_not_blank_like_the_future(con):
    """walk21 (en_05_cohorts.png): the bike shop's June 2011 cohort (2 customers) read 100%, blank, blank,
    100%: the months nobody came back had no row, so they were drawn as the empty cells of periods the
    data has not reached yet. A period the data covers reads 0% (revenue 0); later ones stay empty."""
    from crm_core.load.reader import load_file
    from crm_core.segment.cohort_charts import triangle_figure
    from tests.conftest import DATA

    table = load_file(con, DATA / "bike_shop_payments.csv")[0].table
    frame = cohorts.run(con, table, CohortConfig(freq="M")).frame
    starts = pd.to_datetime(frame["cohort"].astype(str))
    last = max(s + pd.DateOffset(months=int(p)) for s, p in zip(starts, frame["period"], strict=True))
    for value, zero in (("retention", "0%"), ("revenue_per_customer", "0")):
        trace = triangle_figure(frame, value).data[0]
        for row, cohort in enumerate(sorted(frame["cohort"].unique())):
            for col, period in enumerate(trace.x):
                covered = pd.Timestamp(str(cohort)) + pd.DateOffset(months=int(period)) <= last
                cell = trace.z[row][col]
                assert (cell is not None and cell == cell) == covered, (value, cohort, period, cell)
                if covered and not ((frame["cohort"] == cohort) & (frame["period"] == int(period))).any():
                    assert cell == 0 and trace.text[row][col] == zero, (value, cohort, period)


def test_a_single_month_triangle_reads_whole_periods_and_a_full_colour_scale(tmp_path):
    """The 京东 excerpt holds one month of orders: its triangle is one cell, and Plotly numbered the
    periods −0.4 … 0.4 with a colour bar from 50% to 150% (walk21's ``zh_05_cohorts.png``). Periods are
    whole numbers, retention's colours run 0–100% and revenue's start at 0, whatever the cells."""
    from crm_core.load.reader import load_file
    from crm_core.segment.cohort_charts import triangle_figure

    with store.Workspace(tmp_path / "ws").connect() as con:
        load_file(con, Path(__file__).parents[1] / "data" / "jd_orders_excerpt_zh.csv", "jd")
        frame = cohorts.run(con, "jd").frame
    assert frame["cohort"].nunique() == 1 and frame["period"].max() == 0
    retention = triangle_figure(frame, "retention", "zh")
    assert retention.layout.xaxis.dtick == 1 and retention.layout.xaxis.tickformat == "d"
    assert (retention.data[0].zmin, retention.data[0].zmax) == (0, 1)
    assert triangle_figure(frame, "revenue_per_customer", "zh").data[0].zmin == 0
