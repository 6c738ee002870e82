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


SEASON = [dt.date(2023, 11, 20) + dt.timedelta(days=i) for i in range(60)]
"""Sixty days of a till's export, 20 November 2023 to 18 January 2024."""


def _till(con, tmp_path, header: str, fmt: str, days=SEASON):
    text = f"receipt,{header},amount\n" + "".join(
        f"R{i},{d.strftime(fmt)},{i % 9 + 1}.50\n" for i, d in enumerate(days))
    result, rows, types = _load(con, tmp_path / "till.csv", text)
    return result, [r[1] for r in rows], types[header], [n.key for n in result.notes]


@pytest.mark.parametrize("header", ["day", "dt", "txn_dt", "date", "日期"])
def test_yymmdd_under_any_date_header(con, tmp_path, header):
    """``231205`` under ``day`` or ``dt`` loaded as the number 231,205; sixty days tell the order
    (two years, thirty-one days), so no word of doubt."""
    _, days, kind, keys = _till(con, tmp_path, header, "%y%m%d")
    assert kind == "DATE" and days == SEASON
    assert "load.note.compact_dates" in keys and "load.note.compact_ambiguous" not in keys


@pytest.mark.parametrize(("fmt", "order"), [("%d%m%y", "dmy"), ("%d%m%Y", "dmy"), ("%m%d%Y", "mdy")])
def test_day_first_compact_dates_read_in_their_order(con, tmp_path, fmt, order):
    """``051223`` was read year first (23 December 2005) without a word, and ``05122023`` kept as
    text (its leading zero); days past the 12th, or years that repeat where days vary, prove it."""
    result, days, kind, keys = _till(con, tmp_path, "date", fmt)
    assert kind == "DATE" and days == SEASON
    (said,) = [n for n in result.notes if n.key == "load.note.compact_dates_order"]
    assert said.values["order"].key == f"load.compact_order.{order}"
    assert "load.note.compact_ambiguous" not in keys
    assert "2023" in t(said.key, "zh", **said.values)


def test_compact_dates_that_fit_two_orders_say_so(con, tmp_path):
    """No day past the 12th: ``05122023`` is 5 December or 12 May; read day first, and the note
    says the data cannot tell."""
    days = [dt.date(2023, m, d) for m in (1, 5, 12) for d in (1, 5, 12)]
    result, read, kind, _ = _till(con, tmp_path, "date", "%d%m%Y", days)
    assert kind == "DATE" and read == days
    (said,) = [n for n in result.notes if n.key == "load.note.compact_ambiguous"]
    assert said.values["other"].key == "load.compact_order.mdy"
    assert "分不出来" in t(said.key, "zh", **said.values)


@pytest.mark.parametrize("header", ["weekday", "days", "time"])
def test_numbers_under_headers_that_are_no_date_stay_numbers(con, tmp_path, header):
    """``days`` counts, ``weekday`` is a number of the week, ``time`` a clock (``093015``)."""
    _, _, kind, _ = _till(con, tmp_path, header, "%y%m%d")
    assert kind == "BIGINT"


def test_month_first_six_digit_dates_of_a_us_till(con, tmp_path):
    """A US till writes ``120525`` for 5 December 2025 (mmddyy): only yymmdd and ddmmyy were tried,
    neither fits ``112023`` (no 20th month), so the column stayed the number 112,023."""
    result, days, kind, keys = _till(con, tmp_path, "date", "%m%d%y")
    assert kind == "DATE" and days == SEASON
    (said,) = [n for n in result.notes if n.key == "load.note.compact_dates_order"]
    assert said.values["order"].key == "load.compact_order.mdy"
    assert "load.note.compact_ambiguous" not in keys


def test_day_first_six_digits_still_win_over_month_first(con, tmp_path):
    """``051223`` (ddmmyy) with no day past the 12th also fits mmddyy: read day first as before, the
    note saying the data cannot tell (its years repeat, so yymmdd is out)."""
    days = [dt.date(2023, m, d) for m in (1, 5, 12) for d in (1, 5, 12)]
    result, read, kind, _ = _till(con, tmp_path, "date", "%d%m%y", days)
    assert kind == "DATE" and read == days
    (said,) = [n for n in result.notes if n.key == "load.note.compact_ambiguous"]
    assert said.values["other"].key == "load.compact_order.mdy"
