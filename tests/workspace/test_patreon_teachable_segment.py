"""The judge57 pass: English exports read as their systems write them (docs/judge.md). Teachable's
transactions list the course's ``Price`` beside the ``Final Price`` charged after the coupon; Segment's S3 log
writes ``properties: {}`` on page calls, which DuckDB reads as a MAP, not a record of columns. Every expected
number is read from the excerpt with pandas, never typed in."""

from __future__ import annotations

import json

import pandas as pd

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

TEACHABLE = DATA / "teachable_transactions_excerpt.csv"
SEGMENT = DATA / "segment_s3_log_excerpt.json"


def test_teachables_sale_is_worth_its_final_price_not_the_courses_list_price(con):
    """Read by ``Price`` (the unit price, no amount found), judge57's Teachable sales came to 36,152 where
    the students paid 31,280.90: every coupon's discount counted as money taken."""
    raw = pd.read_csv(TEACHABLE)
    paid = raw[raw["Status"] == "paid"]
    _, roles, sql = _view(con, TEACHABLE, "tc")
    assert roles.get("amount") == "Final Price"
    rows, money = con.execute(f"SELECT count(*), sum(amount) FROM ({sql})").fetchone()
    assert (rows, round(money, 2)) == (len(paid), round(paid["Final Price"].sum(), 2))


def test_segments_properties_map_gives_its_orders_their_revenue(con):
    """Page calls carry ``properties: {}``, so the JSON reader makes ``properties`` a MAP and no key became
    a column: judge57's Segment log had "no amount column", its 15,397 of orders uncounted."""
    raw = pd.json_normalize([json.loads(line) for line in SEGMENT.read_text().splitlines()])
    orders = raw[raw["event"] == "Order Completed"]
    _, roles, sql = _view(con, SEGMENT, "sg")
    assert roles.get("customer_id") == "userId"
    rows, customers, money = con.execute(f"SELECT count(*), count(DISTINCT customer_id), sum(amount) "
                                         f"FROM ({sql})").fetchone()
    assert (rows, customers) == (len(orders), orders["userId"].nunique())
    assert round(money, 2) == round(orders["properties.revenue"].sum(), 2)


def test_a_library_version_is_no_date(con):
    """``context.library.version`` "5.2.0" read as day 5, month 2, year 0: judge57's Segment log held the
    date 2000-02-05 in 2,284 rows. A one-digit last part is a year only after a four-digit year (2023.1.5)."""
    raw = pd.json_normalize([json.loads(line) for line in SEGMENT.read_text().splitlines()])
    table, _, _ = _view(con, SEGMENT, "sg")
    kept = con.execute(f'SELECT DISTINCT "context.library.version" FROM "{table}" '
                       f'WHERE "context.library.version" IS NOT NULL').fetchall()
    assert sorted(str(v) for v, in kept) == sorted(raw["context.library.version"].dropna().unique())


def test_teachables_name_beside_the_email_is_the_student_and_product_the_course(con):
    """Teachable's ``Name`` sits beside ``Email`` and ``Product``: it is the student's name, not the course's
    (judge57 read it as the product name, so link and the 360 had no name for the students)."""
    _, roles, _ = _view(con, TEACHABLE, "tc")
    assert (roles.get("name"), roles.get("customer_id")) == ("Name", "Email")
    assert roles.get("product_id") == "Product"
    assert "product_name" not in roles


def test_a_course_column_beside_the_email_leaves_the_name_the_students(con, tmp_path):
    """The same export with the course under ``Course`` (no product header): ``Name`` is still the student."""
    pd.read_csv(TEACHABLE).rename(columns={"Product": "Course"}).to_csv(tmp_path / "sales.csv", index=False)
    _, roles, _ = _view(con, tmp_path / "sales.csv", "tc")
    assert roles.get("name") == "Name" and roles.get("product_name") != "Name"
