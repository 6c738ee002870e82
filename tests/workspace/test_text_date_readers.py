"""Every reader of a date column kept as text reads it in the column's own order (left36): left33 gave the
transaction view the order a column's days past the 12th show, while the summary reader and the series test
still read each value alone, day first, so a US export's ``03/01/2023`` was 1 March in one and 3 January in
the other."""

from __future__ import annotations

import csv
from datetime import datetime

from crm_core.load.external import register_external
from crm_core.workspace import store
from crm_core.workspace.missing import measurement_series
from crm_core.workspace.roles import get_roles
from crm_core.workspace.store import save_roles
from crm_core.workspace.summary import SummaryColumns, summary_sql
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

TOAST = DATA / "toast_order_details_excerpt.csv"
WIKIPEDIA = DATA / "wikipedia_pageviews_daily.csv"


def _toast_month_first(path) -> None:
    """Toast's Order Details with ``Opened`` written ``03/01/2023 16:32`` (month first, as a US export), its
    voided orders left out (the view leaves them out, a summary reads every row)."""
    with TOAST.open(encoding="utf-8", newline="") as source, path.open("w", encoding="utf-8",
                                                                     newline="") as out:
        rows = csv.DictReader(source)
        writer = csv.DictWriter(out, ["Order Date" if n == "Opened" else n for n in rows.fieldnames])
        writer.writeheader()
        for row in (row for row in rows if row["Voided"] != "true"):
            moment = datetime.strptime(row.pop("Opened"), "%m/%d/%y %I:%M %p")
            writer.writerow(row | {"Order Date": moment.strftime("%m/%d/%Y %H:%M"), "Paid": ""})


def test_the_summary_reader_gives_each_customer_the_days_the_transaction_view_does(ws, tmp_path):
    path = tmp_path / "orders.csv"
    _toast_month_first(path)
    with ws.connect() as con:
        table = register_external(con, str(path), "orders").name
        roles = get_roles(con, table) | {"date": "Order Date"}
        save_roles(con, table, roles)
        view = transaction_view(con, table, roles)
        seen = dict(((c, (f, last)) for c, f, last in con.execute(
            f"SELECT customer_id, min(ts)::DATE, max(ts)::DATE FROM ({view.unfiltered}) "
            "WHERE customer_id IS NOT NULL GROUP BY 1").fetchall()))
        columns = SummaryColumns(last_order="Order Date", orders="Order Id", first_order="Order Date")
        summary = {c: (f, last) for c, f, last, *_ in con.execute(
            summary_sql(con, table, roles["customer_id"], columns, "rowid")).fetchall()}
    assert len(seen) > 50 and summary == seen


def test_a_daily_series_written_month_first_is_a_series(ws, tmp_path):
    """Wikipedia's daily page views (550 days from 2015-07-01) written ``07/01/2015``: read value by value,
    day first, the series began on 7 January 2015 (``01/07/2015``); read month first, it is the 550 days
    from 1 July 2015 to 31 December 2016."""
    path = tmp_path / "pageviews.csv"
    with WIKIPEDIA.open(encoding="utf-8", newline="") as source, path.open("w", encoding="utf-8",
                                                                           newline="") as out:
        writer = csv.writer(out)
        for k, (day, views) in enumerate(csv.reader(source)):
            written = day if k == 0 else f"{datetime.strptime(day, '%Y-%m-%d'):%m/%d/%Y} 00:00"
            writer.writerow([written, views])
    with ws.connect() as con:
        table = register_external(con, str(path), "pageviews").name
        said = measurement_series(con, table, "Date", store.columns_of(con, table))
    assert said is not None and said.values["rows"] == "550"
    assert (said.values["first"], said.values["last"]) == ("2015-07-01", "2016-12-31")


def test_a_booking_still_to_come_is_read_in_its_arrival_columns_own_order(ws, tmp_path):
    """left38: ``bookings.future_booking_sql`` read a text arrival day first whatever its column's order: the
    hotel's two Confirmed bookings written ``08/25/2017`` (a US PMS, month first) read as no day, so arriving
    after the last check-out (15 August) they counted as money earned."""
    import pandas as pd

    frame = pd.read_excel(DATA / "hotel_reservations_excerpt.xlsx", dtype=str)  # written 28/10/2015 12:00
    arrival = pd.to_datetime(frame["Arrival"], dayfirst=True)
    for column in ("Booked On", "Arrival"):
        frame[column] = pd.to_datetime(frame[column], dayfirst=True).dt.strftime("%m/%d/%Y %H:%M")
    frame.to_csv(tmp_path / "reservations.csv", index=False)
    ahead = frame["Status"].eq("Confirmed") & arrival.gt("2017-08-15")
    gone = frame["Status"].isin(["Cancelled", "No-show"])
    assert ahead.sum() == 2
    with ws.connect() as con:
        table = register_external(con, str(tmp_path / "reservations.csv"), "reservations").name
        assert dict(store.columns_of(con, table))["Arrival"] == "VARCHAR"
        roles = get_roles(con, table) | {"date": "Arrival"}  # as the Data page marks it on a text column
        save_roles(con, table, roles)
        view = transaction_view(con, table, roles)
        counted = con.execute(f"SELECT count(*), max(ts)::DATE FROM ({view.sql})").fetchone()
    assert counted == (len(frame) - gone.sum() - ahead.sum(), datetime(2017, 8, 15).date())
