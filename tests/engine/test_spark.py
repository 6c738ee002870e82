"""The Spark engine gives the same answers as DuckDB, and refuses what it cannot translate."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.cli import main
from crm_core.customers.history import snapshot, visit_history
from crm_core.engine.spark import SparkConnection, to_spark_sql
from crm_core.errors import CrmError
from crm_core.forecast.series import load_series
from crm_core.load.reader import load_file
from crm_core.segment import cohorts
from crm_core.segment.features import customer_features
from crm_core.segment.run import SegmentConfig
from crm_core.segment.run import run as segment_run
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view

DATA = Path(__file__).resolve().parents[1] / "data"


def test_parameters_become_typed_literals_and_regex_spellings_follow_java():
    sql = to_spark_sql("SELECT regexp_replace(a, '^(\\d+)\\.0+$', '\\1') AS a FROM t "
                       "WHERE d <= ? AND n = ? AND s = ? AND regexp_full_match(a, '[0-9]+')",
                       [datetime.date(2025, 1, 31), 3, "it's"])
    assert "CAST('2025-01-31' AS DATE)" in sql and "n = 3" in sql and "'it\\'s'" in sql
    assert "'$1'" in sql and "RLIKE '^(?:[0-9]+)$'" in sql


def test_named_and_numbered_parameters_are_bound_as_duckdb_binds_them():
    """Churn's snapshot binds ``$as_of`` from a dict; ``$1`` is the first of a list."""
    sql = to_spark_sql("SELECT * FROM t WHERE ts < $as_of AND n = $days AND ts > $as_of - 1",
                       {"as_of": datetime.date(2025, 1, 31), "days": 90})
    assert sql.count("CAST('2025-01-31' AS DATE)") == 2 and "n = 90" in sql
    assert "m = 'a' AND k = 'a'" in to_spark_sql("SELECT * FROM t WHERE m = $1 AND k = $1", ["a"])


def test_a_number_of_days_as_an_interval_is_spelt_for_spark():
    """DuckDB's to_days(n) (churn's window of --inactive-days) is Spark's make_dt_interval(n)."""
    sql = to_spark_sql("SELECT * FROM t WHERE ts >= ? - to_days(CAST(? AS INTEGER))",
                       [datetime.date(2025, 1, 31), 90])
    assert "CAST('2025-01-31' AS DATE) - MAKE_DT_INTERVAL(CAST(90 AS INT))" in sql


def test_a_list_parameter_cast_in_place_is_bound_as_an_array():
    """Recommend names its catalogue's products by ``unnest(?::VARCHAR[])`` with a list: SQLGlot
    could not parse ``?::`` and a list was bound as its Python text."""
    sql = to_spark_sql("SELECT a FROM t WHERE a IN (SELECT unnest(?::VARCHAR[])) AND b = ?",
                       [["x", "y's"], 2])
    assert "EXPLODE(CAST(ARRAY('x', 'y\\'s') AS ARRAY<STRING>))" in sql and "b = 2" in sql
    assert "EXPLODE(CAST(ARRAY() AS ARRAY<STRING>))" in to_spark_sql("SELECT unnest(?::VARCHAR[])", [[]])


def test_a_parameter_missing_is_refused_in_words():
    with pytest.raises(CrmError, match="parameter"):
        to_spark_sql("SELECT * FROM t WHERE a = ? AND b = ?", [1])


def test_functions_spark_lacks_are_refused_not_passed_through():
    """``try_strptime`` is spelt for Spark field by field (spark24), but not with a day of the year."""
    with pytest.raises(CrmError, match="try_strptime.*--engine duckdb"):
        to_spark_sql("SELECT try_strptime(a, ['%Y-%m-%d', '%Y-%j']) FROM t",
                     known_function=lambda name: name.lower() != "try_strptime")


def _same(duck: pd.DataFrame, spark: pd.DataFrame) -> None:
    """Every value equal: integers and text exactly, dates to the day, money to 1e-9."""
    spark = spark.sort_values("customer_id").reset_index(drop=True)
    duck = duck.sort_values("customer_id").reset_index(drop=True)
    assert list(duck.columns) == list(spark.columns) and len(duck) == len(spark)
    for column in duck.columns:
        left, right = duck[column], spark[column]
        missing = left.isna().to_numpy()
        assert (missing == right.isna().to_numpy()).all(), column  # <NA>, NaN and None alike
        left, right = left[~missing], right[~missing]
        if pd.api.types.is_numeric_dtype(left) or pd.api.types.is_numeric_dtype(right):
            assert np.allclose(left.to_numpy(float), right.to_numpy(float), rtol=1e-9), column
        elif pd.api.types.is_datetime64_any_dtype(left):
            assert (left.dt.date == pd.to_datetime(right).dt.date).all(), column
        else:
            assert left.astype(str).tolist() == right.astype(str).tolist(), column


@pytest.mark.parametrize("table", ["orders", "store_sales_cn"])
def test_customer_features_match_duckdb_value_for_value(sample_ws, spark, table):
    with sample_ws.connect() as con:
        duck = customer_features(con, table)
        on_spark = customer_features(SparkConnection(con, sample_ws.folder, spark), table)
    assert on_spark.coverage == duck.coverage and on_spark.reference_date == duck.reference_date
    _same(duck.frame, on_spark.frame)


def test_snapshot_cutoff_is_honoured_on_spark(sample_ws, spark):
    end = datetime.date(2025, 3, 31)
    with sample_ws.connect() as con:
        duck = customer_features(con, "orders", observation_end=end).frame
        on_spark = customer_features(SparkConnection(con, sample_ws.folder, spark), "orders",
                                     observation_end=end).frame
    _same(duck, on_spark)


def test_external_parquet_folder_segments_the_same_on_both_engines(sample_ws, spark, tmp_path, capsys):
    lake = tmp_path / "lake"
    lake.mkdir()
    with sample_ws.connect() as con:  # a lake of two files, as an export job would leave it
        con.execute(f"COPY (SELECT * FROM orders WHERE invoice_date < DATE '2025-01-01') "
                    f"TO '{lake / 'part-0.parquet'}' (FORMAT parquet)")
        con.execute(f"COPY (SELECT * FROM orders WHERE invoice_date >= DATE '2025-01-01') "
                    f"TO '{lake / 'part-1.parquet'}' (FORMAT parquet)")
    folder = str(sample_ws.folder)
    assert main(["load", str(lake), "--external", "--table", "lake", "--workspace", folder]) == 0
    assert capsys.readouterr().out.strip() == "lake\t81627\t8"
    results = {}
    for engine in ("duckdb", "spark"):
        assert main(["segment", "lake", "--k", "3", "--engine", engine, "--workspace", folder,
                     "--out", str(tmp_path / engine)]) == 0
        results[engine] = pd.read_csv(tmp_path / engine / "segments.csv", dtype={"customer_id": str},
                                      encoding="utf-8-sig")
    rfm = ["customer_id", "recency_days", "frequency", "monetary"]
    _same(results["duckdb"][rfm], results["spark"][rfm])
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*) FROM lake").fetchone()[0] == 81627


@pytest.mark.parametrize("freq", ["M", "W", "Q", None])
def test_cohort_tables_match_duckdb_cell_for_cell(sample_ws, spark, freq):
    """Retention and revenue per cohort and period: the same triangle from both engines, by
    quarter too, and with no period chosen (the dates' rhythm read on Spark)."""
    config = cohorts.CohortConfig(freq=freq)
    with sample_ws.connect() as con:
        duck = cohorts.run(con, "orders", config).frame
        on_spark = cohorts.run(SparkConnection(con, sample_ws.folder, spark), "orders", config).frame
    keys = [c for c in ("cohort", "period") if c in duck.columns]
    duck = duck.sort_values(keys).reset_index(drop=True)
    on_spark = on_spark.sort_values(keys).reset_index(drop=True)
    assert len(duck) > 10 and list(duck.columns) == list(on_spark.columns)
    for column in duck.columns:
        if pd.api.types.is_float_dtype(duck[column]):
            assert np.allclose(duck[column].to_numpy(float), on_spark[column].to_numpy(float),
                               rtol=1e-9, equal_nan=True), column
        else:
            assert duck[column].astype(str).tolist() == on_spark[column].astype(str).tolist(), column


@pytest.mark.parametrize(("freq", "by"), [("W", None), ("D", "channel")])
def test_forecast_series_match_duckdb_period_for_period(sample_ws, spark, freq, by):
    """The sums a forecast is fitted on (total and per part) are the same from both engines."""
    with sample_ws.connect() as con:
        roles = get_roles(con, "orders")
        duck = load_series(con, "orders", roles, freq, by=by)
        on_spark = load_series(SparkConnection(con, sample_ws.folder, spark), "orders", roles, freq, by=by)
    assert list(duck.series) == list(on_spark.series) and duck.target == on_spark.target
    for name, y in duck.series.items():
        other = on_spark.series[name]
        assert (y.index == other.index).all() and len(y) > 10, name
        assert np.allclose(y.to_numpy(float), other.to_numpy(float), rtol=1e-9), name


def test_duckdb_spellings_sqlglot_does_not_know_are_spelt_by_their_duckdb_name():
    """regexp_split_to_array is DuckDB's alias of string_split_regex (Spark's split): a customer
    table's word counts were refused on Spark although both engines can split."""
    sql = to_spark_sql("SELECT avg(len(regexp_split_to_array(a, '\\s+'))) FROM t")
    assert "AVG(ARRAY_SIZE(SPLIT(a, '\\\\s+')))" in sql


def test_a_customer_table_segments_the_same_on_both_engines(sample_ws, spark):
    """A customer table's attributes (words per value among them) on both engines."""
    config = SegmentConfig(k=3)
    with sample_ws.connect() as con:
        duck = segment_run(con, "customers", config)
        on_spark = segment_run(SparkConnection(con, sample_ws.folder, spark), "customers", config)
    assert on_spark.summary() == duck.summary()


def test_answers_keep_duckdbs_python_types(sample_ws, spark, tmp_path):
    """A date comes back a date (not a pandas Timestamp), NULL as None: a points ledger's
    reference day read '2017-08-26 00:00:00' on Spark and '2017-08-26' on DuckDB."""
    sql = ('SELECT max(CAST("变动时间" AS DATE)) AS d, CAST(NULL AS BIGINT) AS n, sum("积分变动") AS s, '
           "count(*) AS c FROM points")
    with sample_ws.connect() as con:
        load_file(con, DATA / "points_ledger_excerpt_zh.csv", "points")
        duck = con.execute(sql).fetchone()
        on_spark = SparkConnection(con, sample_ws.folder, spark).execute(sql).fetchone()
    assert on_spark == duck and [type(v) for v in on_spark] == [type(v) for v in duck]


def test_several_statements_run_in_turn_as_on_duckdb(sample_ws, spark):
    """Churn and spend build temporary tables in one call (``CREATE …; CREATE …``)."""
    with sample_ws.connect() as con:
        on_spark = SparkConnection(con, sample_ws.folder, spark)
        on_spark.execute("CREATE OR REPLACE TEMP TABLE __a AS SELECT customer_id FROM orders;\n"
                         "CREATE OR REPLACE TEMP TABLE __b AS "
                         "SELECT count(DISTINCT customer_id) AS n FROM __a;")
        assert on_spark.execute("SELECT n FROM __b").fetchone() == (3000,)


def test_a_temp_table_is_made_again_on_spark_not_read_from_duckdb(sample_ws, spark):
    """Recommend makes ``rec_not_products`` on every run: a second run on one Spark session was
    refused (Spark's temporary view already existed), and one made on DuckDB first (the bench runs
    DuckDB, then Spark, on one connection) was copied to Spark in its place."""
    make = "CREATE OR REPLACE TEMP TABLE __made AS SELECT count(*) AS n FROM orders WHERE quantity > {}"
    with sample_ws.connect() as con:
        con.execute(make.format(0))
        on_spark = SparkConnection(con, sample_ws.folder, spark)
        for least in (5, 10):
            on_spark.execute(make.format(least))
            assert on_spark.execute("SELECT n FROM __made").fetchone() == \
                con.execute(f"SELECT count(*) FROM orders WHERE quantity > {least}").fetchone()


def test_questions_about_duckdbs_own_settings_stay_local(sample_ws, spark):
    """current_setting / SET are about the workspace's DuckDB (recommend's one-thread GROUP BY)."""
    with sample_ws.connect() as con:
        on_spark = SparkConnection(con, sample_ws.folder, spark)
        before = con.execute("SELECT current_setting('threads')").fetchone()
        assert on_spark.execute("SELECT current_setting('threads')").fetchone() == before
        on_spark.execute("SET threads = 1")
        assert con.execute("SELECT current_setting('threads')").fetchone() == (1,)
        on_spark.execute(f"SET threads = {before[0]}")


def test_date_diff_counts_boundaries_crossed_as_duckdb_does(sample_ws, spark):
    """DuckDB's date_diff counts the days (months …) crossed, Spark's datediff whole ones elapsed:
    an order at 18:00 is one day before a cutoff's 09:00 on DuckDB, none on Spark (churn's
    recency). DuckDB's weeks are the days crossed over 7: Tuesday 18:00 to the next Tuesday 09:00
    is a week there, 6.6 days on Spark."""
    sql = ("SELECT " + ", ".join(f"date_diff('{unit}', a, b) AS {unit}" for unit in
                                 ("day", "week", "month", "quarter", "year")) + " FROM spans ORDER BY a")
    with sample_ws.connect() as con:
        con.execute("CREATE TABLE spans AS SELECT * FROM (VALUES "
                    "(TIMESTAMP '2024-12-31 18:00', TIMESTAMP '2025-01-01 09:00'), "
                    "(TIMESTAMP '2025-01-31 23:00', DATE '2025-03-01'), "
                    "(TIMESTAMP '2025-02-01 00:00', TIMESTAMP '2025-02-01 23:59'), "
                    "(TIMESTAMP '2025-03-04 18:00', TIMESTAMP '2025-03-11 09:00'), "
                    "(TIMESTAMP '2025-03-18 09:00', TIMESTAMP '2025-03-04 18:00'), "
                    "(TIMESTAMP '2025-04-05 12:00', TIMESTAMP '2025-04-07 08:00')) AS t(a, b)")
        duck = con.execute(sql).fetchall()
        assert SparkConnection(con, sample_ws.folder, spark).execute(sql).fetchall() == duck


def test_churn_scores_the_same_on_both_engines(sample_ws, spark, tmp_path, capsys):
    """``churn --engine spark`` was refused though its SQL ran on Spark (spark20: the same AUC on
    five purchase logs); the CLI now runs it there, with DuckDB's scores."""
    folder = str(sample_ws.folder)
    scores = {}
    for engine in ("duckdb", "spark"):
        assert main(["churn", "orders", "--engine", engine, "--workspace", folder,
                     "--out", str(tmp_path / engine)]) == 0
        scores[engine] = pd.read_csv(tmp_path / engine / "churn_scores.csv", dtype={"customer_id": str},
                                     encoding="utf-8-sig").sort_values("customer_id", ignore_index=True)
    columns = ["customer_id", "churn_probability", "recency_days"]
    _same(scores["duckdb"][columns], scores["spark"][columns])


def test_spend_features_do_not_depend_on_the_order_rows_are_added_in(sample_ws):
    """Spark adds a customer's amounts in its own order, DuckDB in the table's: summed as doubles,
    the sample's money differed in the last bit for a third of its customers, enough to move
    boosting's bins and spend × orders' total by 0.08 % (spark20). The same lines stored in another
    order give the same features to the bit, on DuckDB alone."""
    as_of = datetime.date(2025, 10, 3)
    frames = []
    with sample_ws.connect() as con:
        con.execute("CREATE TABLE orders_shuffled AS SELECT * FROM orders ORDER BY amount DESC, invoice_no")
        roles = get_roles(con, "orders")
        for table in ("orders", "orders_shuffled"):
            frames.append(snapshot(con, visit_history(con, transaction_view(con, table, roles)), as_of, 90))
    assert len(frames[0]) > 2000
    pd.testing.assert_frame_equal(frames[0], frames[1], check_exact=True)


def test_spend_scores_the_same_on_both_engines(sample_ws, spark, tmp_path):
    """``spend --engine spark`` was refused: its total on the sample's orders was 0.08 % off
    DuckDB's (the money summed in another order, above). Each customer's expected spend and the
    backtest are now DuckDB's on Spark too, from the CLI."""
    folder = str(sample_ws.folder)
    scores, metrics = {}, {}
    for engine in ("duckdb", "spark"):
        assert main(["spend", "orders", "--engine", engine, "--workspace", folder,
                     "--out", str(tmp_path / engine)]) == 0
        scores[engine] = pd.read_csv(tmp_path / engine / "spend_scores.csv", dtype={"customer_id": str},
                                     encoding="utf-8-sig")
        metrics[engine] = json.loads((tmp_path / engine / "spend_metrics.json").read_text())
    columns = ["customer_id", "expected_spend", "expected_purchases", "p_alive", "lower", "upper"]
    _same(scores["duckdb"][columns], scores["spark"][columns])
    assert metrics["spark"]["backtest"] == metrics["duckdb"]["backtest"]
    assert metrics["spark"]["expected_total"] == pytest.approx(metrics["duckdb"]["expected_total"], rel=1e-9)


def test_recommendations_the_same_on_both_engines(sample_ws, spark, tmp_path):
    """``recommend --engine spark`` was refused: its purchases were read through DuckDB's relation
    API (``con.sql(…).to_arrow_table()``). Every customer's list and the evaluation are now
    DuckDB's on Spark too, from the CLI."""
    folder = str(sample_ws.folder)
    lists, evaluation = {}, {}
    for engine in ("duckdb", "spark"):
        assert main(["recommend", "orders", "--engine", engine, "--workspace", folder,
                     "--out", str(tmp_path / engine)]) == 0
        lists[engine] = pd.read_csv(tmp_path / engine / "recommendations.csv", dtype=str,
                                    encoding="utf-8-sig")
        evaluation[engine] = json.loads((tmp_path / engine / "rec_eval.json").read_text())
    assert len(lists["duckdb"]) == 30000
    pd.testing.assert_frame_equal(lists["duckdb"], lists["spark"])
    assert evaluation["spark"] == evaluation["duckdb"]


def test_json_questions_are_spelt_for_spark():
    """Recommend asks whether a text column holds JSON arrays (``json_valid``, ``json_type``) and
    reads their items (``unnest(CAST(json_extract(x, '$[*]') AS JSON[]))``): Spark has neither
    function, reads ``TRY_CAST(x AS JSON)`` as ``to_json`` (which writes a value as JSON, never
    parses text) and has no ``ARRAY<JSON>``."""
    sql = to_spark_sql("SELECT count(*) FILTER (WHERE json_valid(v) AND "
                       "json_type(TRY_CAST(v AS JSON)) = 'ARRAY'), "
                       "json_extract_string(item, '$.item_id') FROM t, "
                       "unnest(CAST(json_extract(t.v, '$[*]') AS JSON[])) AS listed(item)")
    assert "JSON_VALID" not in sql and "JSON_TYPE" not in sql and "TO_JSON" not in sql, sql
    assert "TRY_PARSE_JSON(v)" in sql and "SCHEMA_OF_VARIANT" in sql
    assert "FROM_JSON(GET_JSON_OBJECT(t.v, '$'), 'ARRAY<STRING>')" in sql


def test_rows_numbered_without_an_order_are_numbered_in_their_own_on_spark():
    """美团's cells are split one row per item, keyed by ``row_number() OVER ()``: Spark refuses a
    row number without an order (WINDOW_FUNCTION_FRAME_NOT_ORDERED)."""
    sql = to_spark_sql("SELECT row_number() OVER () AS r, row_number() OVER (ORDER BY a) AS s FROM t")
    assert "ROW_NUMBER() OVER (ORDER BY 1 NULLS LAST) AS r" in sql
    assert "ROW_NUMBER() OVER (ORDER BY a NULLS LAST) AS s" in sql


def test_json_answers_are_duckdbs_on_spark(sample_ws, spark):
    """Whether a text is JSON, and of which type, as DuckDB says it (NULL stays NULL)."""
    sql = ("SELECT v, json_valid(v) AS valid, json_type(TRY_CAST(v AS JSON)) AS kind, "
           "json_array_length(TRY_CAST(v AS JSON)) > 0 AS filled FROM texts ORDER BY v")
    with sample_ws.connect() as con:
        con.execute("""CREATE TABLE texts AS SELECT * FROM (VALUES ('[{"item_id": "A", "price": 2.5}]'),
                       ('[1, "x", null]'), ('{"a": 1}'), ('null'), ('5'), ('1.5'), ('"s"'), ('true'),
                       ('abc'), (NULL), ('[]'), ('  [1]  ')) AS t(v)""")
        duck = con.execute(sql).fetchall()
        assert SparkConnection(con, sample_ws.folder, spark).execute(sql).fetchall() == duck


@pytest.mark.parametrize("source", ["ga4_csv", "meituan"])
def test_items_listed_in_one_cell_are_bought_alike_on_both_engines(sample_ws, spark, tmp_path, source):
    """GA4's ``items`` as JSON text (a BigQuery query flattened to CSV) and 美团's ``夏威夷披萨(大份)×2；…``
    cells: recommend was refused on Spark ("uses json_valid"); the purchases read from them are now
    the same rows on both engines."""
    from crm_core.recommend import data
    from tests.recommend.test_listed_items import _flat_csv

    if source == "ga4_csv":
        path, roles = tmp_path / "ga4_flat.csv", {}
        _flat_csv(path)
    else:
        path, roles = DATA / "meituan_orders_excerpt_zh.xlsx", {"customer_id": "顾客电话"}
    with sample_ws.connect() as con:
        table = load_file(con, path)[0].table
        roles = get_roles(con, table) | roles
        duck = data.purchases(con, table, roles, holdout_days=14)
        on_spark = data.purchases(SparkConnection(con, sample_ws.folder, spark), table, roles,
                                  holdout_days=14)
    assert len(duck.frame) > 100
    pd.testing.assert_frame_equal(duck.frame, on_spark.frame)
    assert duck.left_out == on_spark.left_out


def test_a_number_date_with_a_time_is_its_day(sample_ws, tmp_path):
    """An Excel serial date kept as a number (45658.75: 1 January 2025, 18:00) is that day: DuckDB
    cast the number to a whole day by rounding (2 January), Spark by cutting (1 January). The day
    is now cut explicitly (``floor``), the same on any engine. (Spark itself still refuses a number
    date by name: to_seconds, try_strptime.)"""
    path = tmp_path / "serial_days.csv"
    serials = [45658.75, 45659.25, 45660.5, 45661.0]
    path.write_text("customer,order_day,amount\n" + "".join(f"c{i},{s},10\n" for i, s in enumerate(serials)))
    roles = {"customer_id": "customer", "date": "order_day", "amount": "amount"}
    days = [datetime.datetime(1899, 12, 30) + datetime.timedelta(days=int(s)) for s in serials]
    with sample_ws.connect() as con:
        view = transaction_view(con, load_file(con, path)[0].table, roles)
        sql = f"SELECT ts FROM ({view.sql}) ORDER BY customer_id"
        assert [row[0] for row in con.execute(sql, view.params).fetchall()] == days
