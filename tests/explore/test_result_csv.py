"""The SQL explorer's CSV (page download and ``sql --format csv``) writes a result's numbers as the
query meant them: a sum of cents without the last bits' noise, ids and epoch milliseconds whole."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd

from crm_core.cli import main
from crm_core.explore import sandbox
from crm_core.report.files import csv_bytes, settled_floats

QUERY = ("SELECT sum(amount) AS revenue, 0.1::DOUBLE + 0.2::DOUBLE AS tenths, avg(amount) AS mean, "
         "1733412345678::DOUBLE AS epoch_ms, 1e-20::DOUBLE AS tiny, 31.230416::DOUBLE AS lat FROM orders")


def _exact(con) -> tuple[Decimal, float]:
    """The revenue summed exactly (cents as decimals) and the mean as DuckDB computes it."""
    total, mean = con.execute("SELECT sum(amount::DECIMAL(18, 2)), avg(amount) FROM orders").fetchone()
    return total, mean


def _check(row: pd.Series, total: Decimal, mean: float) -> None:
    assert Decimal(str(row["revenue"])) == total  # was 2364108.67000042 on the sample orders
    assert str(row["tenths"]) == "0.3"  # the CLI wrote 0.30000000000000004
    assert str(row["epoch_ms"]) == "1733412345678"
    assert str(row["tiny"]) == "0." + "0" * 19 + "1"  # in digits, never 1e-20 (Excel: 1.00E-20; left30)
    assert str(row["lat"]) == "31.230416"
    assert abs(float(row["mean"]) - mean) <= 1e-12 * mean


def test_the_pages_result_csv_has_no_float_noise(sample_ws):
    """walk17 saw ``1778922.02999999`` for a sum the grid showed as 1,778,922.03."""
    with sample_ws.connect() as con:
        total, mean = _exact(con)
    frame = sandbox.run_query(sample_ws.db_path, QUERY, 30).frame
    written = pd.read_csv(io.BytesIO(csv_bytes(settled_floats(frame))), dtype=str).iloc[0]
    _check(written, total, mean)
    assert frame["revenue"].iloc[0] != float(total)  # the noise is in the query's value itself


def test_the_command_lines_result_csv_has_no_float_noise(sample_ws, capsys):
    with sample_ws.connect() as con:
        total, mean = _exact(con)
    assert main(["sql", QUERY, "--workspace", str(sample_ws.folder)]) == 0
    written = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str).iloc[0]
    _check(written, total, mean)
