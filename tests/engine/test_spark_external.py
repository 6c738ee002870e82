"""External CSVs read by Spark itself: the same rows as DuckDB's view over the same file (spark25)."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from crm_core.engine.scalar_once import scalars_once
from crm_core.engine.spark import SparkConnection, to_spark_sql
from crm_core.load.external import register_external
from crm_core.workspace.roles import get_roles
from crm_core.workspace.store import save_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

TOAST = DATA / "toast_order_details_excerpt.csv"


def _rows(con, table: str) -> list[tuple]:
    view = transaction_view(con, table, get_roles(con, table))
    return con.execute(f"SELECT customer_id, order_id, ts, round(amount, 6) FROM ({view.sql}) "
                       "ORDER BY order_id, customer_id").fetchall()


def _toast_written(path, opened) -> None:
    """Toast's Order Details with its ``Opened`` moment written another way (``opened(datetime)``), under a
    name the role finder knows (an external table's roles are found from its names and values alone)."""
    with (TOAST.open(encoding="utf-8", newline="") as source,
          path.open("w", encoding="utf-8", newline="") as out):
        rows = csv.DictReader(source)
        writer = csv.DictWriter(out, ["Order Date" if n == "Opened" else n for n in rows.fieldnames])
        writer.writeheader()
        for row in rows:
            moment = datetime.strptime(row.pop("Opened"), "%m/%d/%y %I:%M %p")
            writer.writerow(row | {"Order Date": opened(moment), "Paid": ""})


def _opened(path) -> dict[str, datetime]:
    """Each order's moment as Toast means it (``1/1/23 4:32 PM`` is 2023)."""
    with path.open(encoding="utf-8", newline="") as source:
        return {row["Order Id"]: datetime.strptime(row["Opened"], "%m/%d/%y %I:%M %p")
                for row in csv.DictReader(source)}


@pytest.mark.parametrize("opened", [
    lambda m: m.strftime("%m/%d/%Y %H:%M"),  # 03/01/2026 14:03
    lambda m: f"{m.year}年{m.month}月{m.day}日",  # 2026年3月1日
    lambda m: m.strftime("%m/%d/%Y"),  # 03/01/2026, a DATE to DuckDB's sniffer (spark26)
    lambda m: m.strftime("%-m/%-d/%y %-I:%M %p"),  # Toast's own 1/1/23 4:32 PM (spark26)
], ids=["us_minutes", "nian_yue_ri", "us_date", "toast_own"])
def test_an_external_csv_has_the_same_moments_on_spark(ws, spark, tmp_path, opened):
    """``load --external`` leaves the file where it is: DuckDB reads it through ``read_csv``'s sniffer, Spark
    through ``inferSchema``. Dates both keep as text are read by the same formats: every order's customer,
    moment and money come out the same."""
    path = tmp_path / "orders.csv"
    _toast_written(path, opened)
    with ws.connect() as con:
        table = register_external(con, str(path), "orders").name
        # as --date-col: an external table's text dates are not found (its load converts no column)
        save_roles(con, table, get_roles(con, table) | {"date": "Order Date"})
        duck = _rows(con, table)
        assert _rows(SparkConnection(con, ws.folder, spark), table) == duck
    assert len(duck) > 100 and all(ts is not None for _, _, ts, _ in duck)
    toast = _opened(TOAST)  # 2023, not the year 23 (a day ≤ 12 is still read day-first: not this test's)
    assert all(ts.year == toast[order].year for _, order, ts, _ in duck)


def test_a_date_duckdb_sniffs_in_an_external_csv_is_a_date_on_spark(ws, spark, tmp_path):
    """DuckDB's sniffer types ``03/01/2026`` a DATE (``%m/%d/%Y``); Spark's ``inferSchema`` left it text, so
    the column was a string on Spark and every cast of it NULL. Spark now reads it with DuckDB's format."""
    path = tmp_path / "orders.csv"
    _toast_written(path, lambda m: m.strftime("%m/%d/%Y"))
    sql = 'SELECT "Order Id", "Order Date", "Amount" FROM orders ORDER BY "Order Id"'
    with ws.connect() as con:
        register_external(con, str(path), "orders")
        duck = con.execute(sql).fetchall()
        assert SparkConnection(con, ws.folder, spark).execute(sql).fetchall() == duck
    assert len(duck) > 100 and isinstance(duck[0][1], date)


@pytest.mark.parametrize("written", ["%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%m/%d/%y %H:%M"],
                         ids=["month_first", "day_first", "month_first_short_year"])
def test_a_text_date_column_is_read_in_the_order_its_days_past_12_show(ws, tmp_path, written):
    """An external CSV's ``03/01/2026 14:03`` stays text (DuckDB's sniffer types no minutes), so each value
    was read alone, day first: Toast's orders on a day ≤ 12 fell on another day than the loader, which reads
    a column's order from its days past the 12th, gives them. The column's own order now, on any engine
    (the Spark twin above compares every row); day first still where nothing says otherwise (left33)."""
    path = tmp_path / "orders.csv"
    _toast_written(path, lambda m: m.strftime(written))
    with ws.connect() as con:
        table = register_external(con, str(path), "orders").name
        save_roles(con, table, get_roles(con, table) | {"date": "Order Date"})
        read = {order: ts for _, order, ts, _ in _rows(con, table)}
    toast = {order: moment.replace(second=0) for order, moment in _opened(TOAST).items()}
    assert read == {order: toast[order] for order in read} and len(read) > 100


def _text_arrival_bookings(folder):
    """left38's file: the hotel excerpt with its dates written month first, as a CSV in ``folder``."""
    import pandas as pd

    frame = pd.read_excel(DATA / "hotel_reservations_excerpt.xlsx", dtype=str)
    for column in ("Booked On", "Arrival"):
        frame[column] = pd.to_datetime(frame[column], dayfirst=True).dt.strftime("%m/%d/%Y %H:%M")
    frame.to_csv(folder / "reservations.csv", index=False)
    return frame


def test_a_text_arrival_s_bookings_are_the_same_on_spark(ws, spark, tmp_path):
    """A hotel's bookings with a text arrival (left38's file, the excerpt written month first) read their
    arrival in dozens of places; Spark did not finish them in 24 min (spark27). Each reading is now made once
    per SELECT (:mod:`engine.read_once`): DuckDB's rows, the two bookings still to come left out."""
    frame = _text_arrival_bookings(tmp_path)
    with ws.connect() as con:
        table = register_external(con, str(tmp_path / "reservations.csv"), "reservations").name
        save_roles(con, table, get_roles(con, table) | {"date": "Arrival"})
        duck = _rows(con, table)
        assert _rows(SparkConnection(con, ws.folder, spark), table) == duck
    assert len(duck) == len(frame) - frame["Status"].isin(["Cancelled", "No-show"]).sum() - 2


def test_a_repeated_newest_arrival_is_asked_once_for_spark(ws, tmp_path):
    """The view repeats its rule for a booking still to come, and with it the arrival's day order and the
    newest arrival (``max`` over both day orders' readings): on Spark each copy was planned and compiled, a
    14,000-line aggregate Janino refused, then the driver's heap gave out (spark28's segment). Each repeated
    one-value subquery is now asked once and its answer written in: DuckDB's rows from that SQL too."""
    import sqlglot

    _text_arrival_bookings(tmp_path)
    with ws.connect() as con:
        table = register_external(con, str(tmp_path / "reservations.csv"), "reservations").name
        view = transaction_view(con, table, get_roles(con, table) | {"date": "Arrival"})
        asked = []

        def value(sql):
            asked.append(sql)
            return con.execute(sql).fetchone()

        once = scalars_once(sqlglot.parse_one(view.sql, read="duckdb"), value).sql(dialect="duckdb")
        assert con.execute(once).fetchall() == con.execute(view.sql).fetchall()
        asked.clear()
        spark_sql, before = to_spark_sql(view.sql, ask=value), to_spark_sql(view.sql)
    assert len(asked) == 2  # the day order, then the newest arrival (the day order written in)
    assert spark_sql.count("MAX(") == 1 < before.count("MAX(")  # left: a zero-sum order's, not the arrival's
    assert len(spark_sql) < len(before) / 2


def test_a_repeated_subquery_whose_answer_is_no_single_value_stays_for_spark():
    """A list (or an interval) as text is no literal to write back: such a subquery is left for Spark."""
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE u AS SELECT range AS a FROM range(3)")
    sql = "SELECT (SELECT list(a) FROM u) AS x, (SELECT list(a) FROM u) AS y, (SELECT max(a) FROM u) AS z"
    spark_sql = to_spark_sql(sql, ask=lambda q: con.execute(q).fetchone())
    assert spark_sql.count("COLLECT_LIST(") == 2 and "MAX(" in spark_sql
