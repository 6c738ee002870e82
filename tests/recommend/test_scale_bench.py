"""bench/scale.py keeps recommend's hit rates with its timings (the output folder goes with the
workspace, so the run's quality was not reported)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bench import scale
from bench.segment import generate
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view

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


def test_the_shopify_shape_keeps_every_line_of_a_standing_order_and_none_of_a_voided_one(tmp_path, con):
    """``--shape shopify`` measures the rules an order's later lines meet: its log, loaded, must leave
    a voided, refunded or pending order out with all its lines and keep the others whole, as
    judge24's real Shopify excerpt does; else the bench would time a different log."""
    csv = tmp_path / "orders.csv"
    scale.generate_shopify(csv, 6_000, 500)
    lines = pd.read_csv(csv)
    status = lines.groupby("Name")["Financial Status"].transform("first")
    assert lines.groupby("Name")["Financial Status"].count().eq(1).all()  # totals on the first line only
    kept = lines[status.isin(("paid", "partially_refunded"))]
    table = load_file(con, csv, "orders")[0].table
    view = transaction_view(con, table, get_roles(con, table))
    got = con.execute(f"SELECT count(*), count(DISTINCT order_id), sum(amount) FROM ({view.sql})").fetchone()
    money = (kept["Subtotal"] - kept["Refunded Amount"]).sum()
    assert got == (len(kept), kept["Name"].nunique(), pytest.approx(money))
    assert 0 < len(kept) < len(lines)
