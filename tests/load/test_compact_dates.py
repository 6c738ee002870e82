"""Dates written as one number (``20240305``, a till's ``240305``) under a header that says date:
read as days, with a note, never for amounts, ids or clock times."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace import store

DAYS = [dt.date(2024, 3, 5), dt.date(2024, 3, 6), dt.date(2023, 12, 31)]


def _load(con, path, text: str):
    path.write_text(text, encoding="utf-8")
    (result,) = load_file(con, path)
    return (result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(),
            dict(store.columns_of(con, result.table)))


@pytest.mark.parametrize(("header", "days"), [("order_date", ("240305", "240306", "231231")),
                                               ("下单日期", ("240305", "240306", "231231")),
                                               ("order_date", ("20240305", "20240306", "20231231"))],
                         ids=["yymmdd", "yymmdd-zh", "yyyymmdd"])
def test_compact_dates_under_a_date_header_are_days_with_a_note(con, tmp_path, header, days):
    """``240305`` loaded as the number 240,305 (no date, no day in any analysis); ``20240305``
    was read as a day without a word of it."""
    text = f"order_id,customer_id,{header},amount\n" + "".join(
        f"{1001 + i},C{i},{d},12.5\n" for i, d in enumerate(days))
    result, rows, types = _load(con, tmp_path / "orders.csv", text)
    assert types[header] == "DATE" and [r[2] for r in rows] == DAYS
    (said,) = [n for n in result.notes if n.key == "load.note.compact_dates"]
    assert said.values["column"] == header and header in t(said.key, "zh", **said.values)


def test_date_like_numbers_stay_numbers_for_amounts_ids_and_clock_times(con, tmp_path):
    """Every value a valid yymmdd, but the headers name an amount, an id and a clock time."""
    text = ("order_id,amount,order_time,invoice_date_id\n240305,240305,093015,240305\n"
            "240306,240306,101502,240306\n231231,231231,120301,231231\n")
    result, rows, types = _load(con, tmp_path / "orders.csv", text)
    assert types["amount"] == "BIGINT" and types["order_id"] == "VARCHAR"
    assert types["invoice_date_id"] == "VARCHAR" and types["order_time"] != "DATE"
    assert "load.note.compact_dates" not in [n.key for n in result.notes]


def test_a_value_that_is_no_day_makes_no_date(con, tmp_path):
    """``240231`` (31 February) among them: not every value is a day, so no date is made up; the
    column keeps its values as written, as a ``20240231`` among ``yyyymmdd`` ones does."""
    text = "order_date,amount\n240305,1\n240231,2\n231231,3\n"
    _, rows, types = _load(con, tmp_path / "orders.csv", text)
    assert types["order_date"] != "DATE" and [str(r[0]) for r in rows] == ["240305", "240231", "231231"]
