"""The Data page's engine setting sends the Segments page's row-heavy SQL to Spark."""

from __future__ import annotations

from crm_core.segment import run as segmentation
from crm_core.segment.run import SegmentConfig
from tests.ui.apptest import page_opener

_data = page_opener("pages/data.py")


def test_choosing_spark_on_the_data_page_segments_on_spark(sample_ws, spark):
    at = _data(sample_ws.folder)
    assert not at.exception
    at.radio(key="engine_choice").set_value("spark").run()
    at.switch_page("pages/segments.py").run()
    at.selectbox(key="seg_k").set_value(3)
    at.button[0].click().run()  # the form's "Run segmentation"
    assert not at.exception, at.exception
    assert [m.value for m in at.metric][:2] == ["3,000", "3"]
    assert list((sample_ws.folder / "spark").glob("orders_v*.parquet")), "Spark never read the table"
    with sample_ws.connect() as con:
        local = segmentation.run(con, "orders", SegmentConfig(k=3)).members
    shown = at.dataframe[-1].value  # the members table on the Downloads tab
    merged = shown.merge(local, on="customer_id", suffixes=("_spark", "_duckdb"))
    assert len(merged) == min(len(shown), 1000)
    for column in ("recency_days", "frequency"):
        assert (merged[f"{column}_spark"] == merged[f"{column}_duckdb"]).all()
    assert (merged["monetary_spark"] - merged["monetary_duckdb"]).abs().max() < 1e-6
