"""The normalised transaction view over differently shaped exports."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.coverage import coverage
from crm_core.workspace.missing import missing_roles
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA


def rows(con, table, roles=None):
    view = transaction_view(con, table, roles or get_roles(con, table))
    return view, con.execute(view.sql + " ORDER BY ALL").fetchall()


def test_amount_from_quantity_times_price(con):
    load_file(con, DATA / "orders_pipe_bom.csv", table="o")
    view, got = rows(con, "o")
    assert view.amount_source == "quantity × unit_price"
    assert got[0] == ("00007", "A1", dt.datetime(2024, 3, 1, 10, 15), pytest.approx(19.98), 2.0, 9.99, None)


def test_integer_dates_compact_and_day_numbers(con):
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 20240105, 3, 1.0), ('b', 20240106, 4, 2.0))"
                " v(customer_id, order_date, day, amount)")
    _, got = rows(con, "t", {"customer_id": "customer_id", "date": "order_date", "amount": "amount"})
    assert [r[2] for r in got] == [dt.datetime(2024, 1, 5), dt.datetime(2024, 1, 6)]
    _, got = rows(con, "t", {"customer_id": "customer_id", "date": "day", "amount": "amount"})
    assert [r[2] for r in got] == [dt.datetime(2000, 1, 4), dt.datetime(2000, 1, 5)]


def test_text_amounts_and_dates_are_parsed(con):
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('1', '05/01/2024', '$1,200.50'), "
                "('2', 'soon', '(3.00)'), (NULL, '2024-01-02', '1')) v(cid, d, amt)")
    view, got = rows(con, "t", {"customer_id": "cid", "date": "d", "amount": "amt"})
    assert got[0][2:4] == (dt.datetime(2024, 1, 5), 1200.5)
    assert got[1][2:4] == (None, -3.0)
    assert coverage(con, view) == {"rows": 3, "no_customer_id": 1, "no_date": 1, "no_amount": 0,
                                   "used": 1}


def test_missing_roles_are_named(con):
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    with pytest.raises(CrmError, match="no customer id column"):
        transaction_view(con, "t", {})
    with pytest.raises(CrmError, match="no date column"):
        transaction_view(con, "t", {"customer_id": "x"})


def test_ids_that_went_through_a_float_match_integer_ids(con):
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES (13085.0, '536365.0', DATE '2024-01-01', 1.0),"
                " (NULL, '00017', DATE '2024-01-02', 2.0)) v(\"Customer ID\", invoice, d, amount)")
    roles = {"customer_id": "Customer ID", "order_id": "invoice", "date": "d", "amount": "amount"}
    _, got = rows(con, "t", roles)
    assert [(r[0], r[1]) for r in got] == [("13085", "536365"), (None, "00017")]


def test_a_price_without_quantity_is_the_amount_of_the_line(con):
    """An order-line log (pizzaplace: one pizza per line, a price, no quantity) has money."""
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('1', DATE '2015-01-01', 13.25), "
                "('1', DATE '2015-01-01', 16.0)) v(id, date, price)")
    roles = {"order_id": "id", "date": "date", "unit_price": "price"}
    view = transaction_view(con, "t", roles, need_customer=False)
    assert view.has_amount and view.amount_source == "unit_price"
    assert con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0] == pytest.approx(29.25)
    assert missing_roles(roles) == []


def test_a_missing_customer_or_date_is_said_in_english_and_chinese(con):
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    with pytest.raises(CrmError) as missing:
        transaction_view(con, "t", {"date": "x"})
    assert str(missing.value).startswith("Table 't' has no customer id column; mark one on the Data page")
    assert say(missing.value.args[0], "zh").startswith("数据表“t”没有客户 ID 列")
    with pytest.raises(CrmError) as undated:
        transaction_view(con, "t", {"customer_id": "x"})
    assert say(undated.value.args[0], "zh").startswith("数据表“t”没有日期列")


def test_integer_ids_are_text_without_a_regular_expression_per_line(con, journey):
    """Complete Journey's BIGINT household, basket and product ids (the generated log of that
    shape): the same text as before, cast directly (the regular expression on every line was most
    of a 1.5M-line scan's time)."""
    con.execute(f"""CREATE TABLE cj AS SELECT * FROM '{journey}' WHERE household_id % 50 = 7
                    UNION ALL (SELECT * REPLACE (NULL AS product_id, -5 AS basket_id)
                               FROM '{journey}' LIMIT 1)""")
    view = transaction_view(con, "cj", get_roles(con, "cj"))
    assert "regexp_replace" not in view.sql
    got = con.execute(f"SELECT customer_id, order_id, product_id FROM ({view.sql}) ORDER BY ALL").fetchall()
    expected = con.execute("""SELECT CAST(household_id AS VARCHAR), CAST(basket_id AS VARCHAR),
                                     CAST(product_id AS VARCHAR) FROM cj ORDER BY ALL""").fetchall()
    assert got == expected and ("-5" in {r[1] for r in got}) and any(r[2] is None for r in got)


def test_m5_wide_sales_say_how_to_make_one_row_per_day(con, tmp_path):
    """M5 / Walmart's sales_train_validation.csv: ids then ``d_1 … d_N`` units, no date column.
    The refusal said "mark a date column", which no column of it is."""
    path = tmp_path / "sales_train_validation.csv"
    days = [f"d_{k}" for k in range(1, 31)]
    path.write_text("id,item_id,dept_id,cat_id,store_id,state_id," + ",".join(days) + "\n" + "".join(
        f"HOBBIES_1_00{i}_CA_1_validation,HOBBIES_1_00{i},HOBBIES_1,HOBBIES,CA_1,CA,"
        + ",".join(str((i * k) % 4) for k in range(30)) + "\n" for i in range(1, 6)))
    load_file(con, path, table="m5")
    with pytest.raises(CrmError, match=r"one column per day \(d_1 … d_30, 30 columns\)") as refused:
        transaction_view(con, "m5", get_roles(con, "m5"), need_customer=False)
    keys = "'id', 'item_id', 'dept_id', 'cat_id', 'store_id', 'state_id'"
    assert f"df.melt(id_vars=[{keys}]" in str(refused.value)
    assert "每天一列" in say(refused.value.args[0], "zh")
