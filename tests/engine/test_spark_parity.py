"""Dates kept as numbers, 0/1 flags and money summed per customer: the same answers on Spark as on DuckDB."""

from __future__ import annotations

import datetime

import pandas as pd

from crm_core.engine.spark import SparkConnection
from crm_core.segment import cohorts
from crm_core.segment.features import customer_features
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import date_sql

NUMBER_DATES = {"serial": "DOUBLE", "ymd": "BIGINT", "secs": "BIGINT", "ms": "BIGINT", "us": "BIGINT",
                "ns": "BIGINT", "day_no": "INTEGER"}
"""Excel serial days (with a time of day), ``20240301`` as an integer, Unix seconds to nanoseconds,
days since 2000."""


def _number_dates(con) -> None:
    rows = [(45658.75, 20240301, 1709280000, 1709280000123, 1709280000123456, 1709280000123456789, 9000),
            (45659.25, 20240229, 1709290123, 1709290123999, 1709290123999999, 1709290123999999999, 0),
            (45660.0, 20240231, 1735689599, 1735689599001, 1735689599000001, 1735689599000001999, 19999),
            (None, None, None, None, None, None, None)]
    values = ", ".join("(" + ", ".join("NULL" if v is None else str(v) for v in (i, *row)) + ")"
                       for i, row in enumerate(rows))
    names = ", ".join(NUMBER_DATES)
    con.execute(f"CREATE TABLE number_dates AS SELECT * FROM (VALUES {values}) AS t(n, {names})")
    for column, dtype in NUMBER_DATES.items():
        con.execute(f"ALTER TABLE number_dates ALTER {column} TYPE {dtype}")


def test_number_dates_are_the_same_days_and_times_on_spark(sample_ws, spark):
    """A date column kept as numbers (a lake's Parquet, an external CSV: nothing typed it at load)
    was refused on Spark by name (``to_seconds``, ``try_strptime``). Each is now the same moment on
    both engines: a 31 February no day, an afternoon serial its own day."""
    sql = ("SELECT n, " + ", ".join(f"{date_sql(qi(c), t)} AS {c}" for c, t in NUMBER_DATES.items())
           + " FROM number_dates ORDER BY n")
    with sample_ws.connect() as con:
        _number_dates(con)
        duck = con.execute(sql).fetchall()
        assert SparkConnection(con, sample_ws.folder, spark).execute(sql).fetchall() == duck
    assert duck[0][1:3] == (datetime.datetime(2025, 1, 1), datetime.datetime(2024, 3, 1))
    assert duck[2][2] is None and duck[0][4] == datetime.datetime(2024, 3, 1, 8, 0, 0, 123000)


def test_nanoseconds_keep_their_microseconds(con):
    """DuckDB's floor of a BIGINT is a DOUBLE (spark22 floored every number date so an Excel serial's
    afternoon stays on its day): a nanosecond stamp lost its last digits, 10:48:43.999999 read as
    10:48:44, where Spark's floor kept them. Whole numbers are no longer floored."""
    _number_dates(con)
    sql = f"SELECT {date_sql(qi('ns'), 'BIGINT')} FROM number_dates ORDER BY n"
    assert [row[0] for row in con.execute(sql).fetchall()][:3] == [
        datetime.datetime(2024, 3, 1, 8, 0, 0, 123456), datetime.datetime(2024, 3, 1, 10, 48, 43, 999999),
        datetime.datetime(2024, 12, 31, 23, 59, 59, 1)]


def test_a_flag_is_a_flag_on_both_engines(sample_ws, spark):
    """An event log's 0/1 columns become rates. A column pandas wrote with blanks is 1.0/0.0 (DOUBLE)
    and was never asked; asked through a cast to BIGINT, 0 and 1.7 would be a flag on Spark (1.7 cut to
    1) and none on DuckDB (rounded to 2). Both now compare the value itself."""
    from crm_core.segment.behaviour import _flag_columns

    with sample_ws.connect() as con:
        con.execute("CREATE TABLE clicks AS SELECT visitor, CAST(m AS DOUBLE) AS is_mobile, "
                    "CAST(s AS DOUBLE) AS score, b AS is_booking, upc, r AS repeat FROM (VALUES "
                    "('a', 1, 0, 0, 51380041013, true), ('b', 0, 1.7, 1, 10000085364, false), "
                    "('c', NULL, 0, 1, 51380041013, true)) AS t(visitor, m, s, b, upc, r)")
        duck = _flag_columns(con, "clicks", {"visitor"})
        assert _flag_columns(SparkConnection(con, sample_ws.folder, spark), "clicks", {"visitor"}) == duck
    assert duck == ["is_mobile", "is_booking", "repeat"]


def test_customer_money_does_not_depend_on_the_order_rows_are_added_in(sample_ws):
    """Segments' ``monetary`` and ``avg_order_value`` summed a visit's lines as doubles: DuckDB adds
    them in the table's order, Spark in its own, and the last bit differed, enough for two of 377
    WooCommerce customers' average order to round to another cent in ``segments.csv`` (2.15 vs 2.16).
    Visits now sum their money exactly (as spend's do since spark21): the same lines stored in
    another order give the same features to the bit, on DuckDB alone."""
    frames = []
    with sample_ws.connect() as con:
        con.execute("CREATE TABLE orders_shuffled AS SELECT * FROM orders ORDER BY amount DESC, invoice_no")
        for table in ("orders", "orders_shuffled"):
            frame = customer_features(con, table).frame
            frames.append(frame.sort_values("customer_id", ignore_index=True))
    assert len(frames[0]) > 2000
    pd.testing.assert_frame_equal(frames[0], frames[1], check_exact=True)


def test_cohort_revenue_does_not_depend_on_the_order_rows_are_added_in(sample_ws):
    """``cohorts.csv``'s revenue summed as doubles: 2,625.49999999999 on DuckDB and 2,625.5 on Spark in
    one WooCommerce cell. Summed exactly, the same lines in another order give the same table."""
    frames = []
    with sample_ws.connect() as con:
        con.execute("CREATE TABLE orders_shuffled AS SELECT * FROM orders ORDER BY amount DESC, invoice_no")
        for table in ("orders", "orders_shuffled"):
            frames.append(cohorts.run(con, table, cohorts.CohortConfig(freq="M")).frame)
    assert len(frames[0]) > 100
    pd.testing.assert_frame_equal(frames[0], frames[1], check_exact=True)
