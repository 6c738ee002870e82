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
