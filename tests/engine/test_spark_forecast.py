"""The forecast's per-period sums give the same series on Spark as on DuckDB."""

from __future__ import annotations

import numpy as np
import pytest

from crm_core.engine.spark import SparkConnection
from crm_core.forecast.series import load_series
from crm_core.workspace.roles import get_roles


@pytest.mark.parametrize(("table", "freq", "by"), [("orders", "W", None), ("store_sales_cn", "M", "门店")])
def test_forecast_series_match_duckdb(sample_ws, spark, table, freq, by):
    with sample_ws.connect() as con:
        roles = get_roles(con, table)
        duck = load_series(con, table, roles, freq, by=by)
        on_spark = load_series(SparkConnection(con, sample_ws.folder, spark), table, roles, freq, by=by)
    assert list(duck.series) == list(on_spark.series) and duck.notes == on_spark.notes
    for name, y in duck.series.items():
        assert y.index.equals(on_spark.series[name].index), name
        np.testing.assert_allclose(y.to_numpy(), on_spark.series[name].to_numpy(), rtol=1e-9)
