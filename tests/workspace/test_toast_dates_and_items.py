"""Toast's reports dated by when the order was taken and naming what was bought (judge30, left28).

``OrderDetails`` was dated by ``Paid`` (the check closed 25 minutes after ``Opened``; a check paid after
midnight moved to the next day: the set's last order, opened on 31 December, read as 2024) and
``ItemSelectionDetails`` by ``Sent Date`` (the item fired to the kitchen) before the order's ``Order Date``.
Its ``Menu Item`` (the name an analyst reads) had no role: rules and recommendations showed bare ids."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

ITEMS = DATA / "toast_item_selection_details_excerpt.csv"
ORDERS = DATA / "toast_order_details_excerpt.csv"


def _first_days(con, path, name, need_customer):
    """The roles, and the view's days of each order (its first line's) against the file's."""
    table = load_file(con, path, name)[0].table
    roles = get_roles(con, table)
    view = transaction_view(con, table, roles, need_customer=need_customer)
    days = con.execute(f"SELECT order_id, CAST(min(ts) AS DATE) FROM ({view.sql}) GROUP BY 1").fetchall()
    return roles, {order: str(day) for order, day in days}


def _days_of(path, column):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    when = pd.to_datetime(frame[column], format="%m/%d/%y %I:%M %p")
    return dict(zip(frame["Order Id"], when.dt.strftime("%Y-%m-%d"), strict=True))


def test_a_toast_check_is_dated_when_it_was_opened(con):
    roles, days = _first_days(con, ORDERS, "orders", need_customer=False)
    assert roles["date"] == "Opened", roles
    opened = _days_of(ORDERS, "Opened")
    assert days == {order: opened[order] for order in days}


def test_a_toast_item_selection_is_dated_by_its_order_and_named_by_its_menu_item(con):
    roles, days = _first_days(con, ITEMS, "items", need_customer=False)
    assert roles["date"] == "Order Date", roles
    assert (roles.get("product_id"), roles.get("product_name")) == ("Item Id", "Menu Item"), roles
    ordered = _days_of(ITEMS, "Order Date")
    assert all(days[order] == ordered[order] for order in days)
