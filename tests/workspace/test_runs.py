"""Runs are kept: per-run result tables, views on the newest, a catalogue the CLI lists."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.segment import run as segmentation
from crm_core.segment.run import SegmentConfig
from crm_core.workspace import runs, store


def _orders(con, name: str, shift: int) -> None:
    frame = pd.DataFrame({
        "customer_id": [f"c{i % 7}" for i in range(40)],
        "order_date": pd.date_range("2025-01-01", periods=40, freq="3D"),
        "amount": [10.0 + (i * 7 + shift) % 23 for i in range(40)],
    })
    store.write_frame(con, name, frame)


def test_runs_on_two_tables_keep_both_results_and_views_point_at_the_newest(con):
    _orders(con, "web", 0)
    _orders(con, "pos", 5)
    first = runs.save(con, segmentation.run(con, "web", SegmentConfig(k=2)))
    second = runs.save(con, segmentation.run(con, "pos", SegmentConfig(k=3)))
    again = runs.save(con, segmentation.run(con, "web", SegmentConfig(k=3)))
    assert (first.result_table, second.result_table, again.result_table) == (
        "segments_web_1", "segments_pos_1", "segments_web_2")
    for record in (first, second, again):  # nothing was overwritten
        assert store.table_exists(con, record.result_table)
    count = "SELECT count(DISTINCT cluster) FROM {}"
    assert con.execute(count.format("segments_web_1")).fetchone()[0] == 2
    assert con.execute(count.format("segments_web")).fetchone()[0] == 3  # newest on web
    assert con.execute(count.format("segments_pos")).fetchone()[0] == 3
    assert con.execute(count.format("segments")).fetchone()[0] == 3  # newest of the kind
    listed = runs.list_runs(con, "segments")
    assert [r.run_id for r in listed] == [again.run_id, second.run_id, first.run_id]
    assert [r.run_id for r in runs.list_runs(con, table="web")] == [again.run_id, first.run_id]
    assert first.config["k"] == 2 and first.source_version == store.table_version(con, "web")
    assert first.summary["customers"] == 7 and first.rows_out == 7
    assert runs.result_frame(con, first)["cluster"].nunique() == 2


def test_a_user_table_named_like_a_view_is_left_alone(con):
    _orders(con, "segments", 0)  # the analyst's own table called "segments"
    record = runs.save(con, segmentation.run(con, "segments", SegmentConfig(k=2)))
    assert record.result_table == "segments_segments_1"
    assert con.execute("SELECT count(*) FROM segments").fetchone()[0] == 40  # still theirs


def test_loading_a_table_over_a_view_name_replaces_the_view(con):
    _orders(con, "web", 0)
    runs.save(con, segmentation.run(con, "web", SegmentConfig(k=2)))
    store.write_frame(con, "segments", pd.DataFrame({"x": [1]}))
    assert con.execute("SELECT x FROM segments").fetchall() == [(1,)]


def test_unknown_run_is_a_clear_error(con):
    with pytest.raises(CrmError, match="no run 'nope'"):
        runs.get_run(con, "nope")


def test_runs_command_lists_newest_first_with_workspace_before_or_after(ws, capsys):
    with ws.connect() as con:
        _orders(con, "web", 0)
    assert main(["--workspace", str(ws.folder), "segment", "web", "--k", "2"]) == 0
    assert main(["segment", "web", "--k", "3", "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    assert main(["--workspace", str(ws.folder), "runs", "--kind", "segments"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(kind, table, result) for _, kind, table, _, result in lines] == [
        ("segments", "web", "segments_web_2"), ("segments", "web", "segments_web_1")]
    assert (ws.folder / "exports" / "segments" / "segments.csv").exists()
