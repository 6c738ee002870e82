"""An external CSV read by Spark with the column types DuckDB's view gives it.

``load --external`` registers a CSV that stays where it lives: DuckDB reads it through ``read_csv``'s sniffer,
Spark through ``inferSchema``. The sniffer types ``03/01/2026`` a DATE (format ``%m/%d/%Y``) where
``inferSchema`` leaves it text, so on Spark the column was a string and every cast of it NULL. A column
DuckDB types as a date or timestamp and Spark as text is parsed on Spark with the sniffer's own format,
spelt by :mod:`crm_core.engine.text_dates` as DuckDB reads it.
"""

from __future__ import annotations

import duckdb

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi, sql_str


def external_csv_frame(spark, con: duckdb.DuckDBPyConnection, table: str, source):
    """Spark's frame over the external table's CSV files, dates typed as DuckDB types them."""
    frame = spark.read.option("header", "true").option("inferSchema", "true").csv(source.path)
    duck_types = {name: kind.upper() for name, kind in store.columns_of(con, table)}
    formats = None
    for name, kind in frame.dtypes:
        wanted = duck_types.get(name, "")
        if kind != "string" or wanted not in ("DATE", "TIMESTAMP"):
            continue
        formats = formats if formats is not None else _sniffed_formats(con, source)
        if formats.get(wanted):
            frame = frame.withColumn(name, _parsed(name, formats[wanted], wanted))
    return frame


def _sniffed_formats(con: duckdb.DuckDBPyConnection, source) -> dict[str, str | None]:
    """The date and timestamp formats DuckDB's sniffer found in the files (its view reads them so)."""
    date_format, timestamp_format = con.execute(
        "SELECT DateFormat, TimestampFormat FROM sniff_csv(?)", [source.pattern()]).fetchone()
    return {"DATE": date_format, "TIMESTAMP": timestamp_format}


def _parsed(name: str, fmt: str, kind: str):
    """A Spark column reading text ``name`` with DuckDB's format, NULL where DuckDB's reader has none."""
    import sqlglot
    from pyspark.sql import functions as F

    from crm_core.engine.spark import to_spark_sql

    spark_sql = to_spark_sql(f"SELECT CAST(try_strptime({qi(name)}, {sql_str(fmt)}) AS {kind})")
    return F.expr(sqlglot.parse_one(spark_sql, read="spark").expressions[0].sql("spark"))
