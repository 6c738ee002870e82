"""bench/scale.py keeps recommend's hit rates with its timings (the output folder goes with the
workspace, so the run's quality was not reported)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from bench import scale
from bench.segment import generate

ROOT = Path(__file__).resolve().parents[2]


def test_the_bench_reports_recommends_hit_rates_with_its_timings(tmp_path):
    csv = tmp_path / "orders.csv"
    generate(csv, 30_000, 400)
    steps = scale.commands(tmp_path / "ws", csv, None)
    scale.measure(steps["load"], ROOT)
    *_, figures = scale.measure(steps["recommend"], ROOT)
    con = duckdb.connect(str(tmp_path / "ws" / "crm.duckdb"), read_only=True)
    kept = json.loads(con.execute("SELECT summary FROM _crm.runs WHERE kind = 'recommend'").fetchone()[0])
    assert figures == {key: kept[key] for key in scale.QUALITY}
    assert 0 < figures["hit_rate"] <= 1


def test_a_step_that_refuses_the_data_is_kept_and_the_next_steps_run(tmp_path):
    """At 50M generated lines every customer is active and churn refuses ("0 churned"): the bench
    stopped there and lost the steps after it; a one-line refusal is now a result of its own."""
    csv = tmp_path / "orders.csv"
    generate(csv, 3_000, 40)
    steps = scale.commands(tmp_path / "ws", csv, None)
    scale.measure(steps["load"], ROOT)
    *_, figures = scale.measure([*steps["churn"], "--cutoff", "2030-01-01"], ROOT)
    assert figures["refused"].startswith("error:")
    *_, after = scale.measure(steps["cohorts"], ROOT)
    assert "refused" not in after
