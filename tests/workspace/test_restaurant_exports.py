"""A salad café's Toast exports (judge30): ``ItemSelectionDetails`` keeps a voided item selection as a row
of its own (``Void?`` true, its prices kept), ``OrderDetails`` a voided order (``Voided`` true); neither is
a sale."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

ITEMS = DATA / "toast_item_selection_details_excerpt.csv"
ORDERS = DATA / "toast_order_details_excerpt.csv"


def _view_totals(con, path, name, need_customer=True):
    table = load_file(con, path, name)[0].table
    view = transaction_view(con, table, get_roles(con, table), need_customer=need_customer)
    return con.execute(f"SELECT sum(amount), count(*), count(DISTINCT order_id), count(DISTINCT customer_id) "
                       f"FROM ({view.sql})").fetchone()


def test_toast_item_selections_count_the_net_price_of_items_not_voided(con):
    """Toast's ``Net Price`` is the selection's money after its discount (``Gross Price`` less ``Discount``);
    a voided selection (an item rung in error, or every item of a voided order) keeps its prices: the view
    read no amount at all and would have counted the voids."""
    frame = pd.read_csv(ITEMS, dtype=str, keep_default_na=False)
    kept = frame[frame["Void?"] == "false"]
    assert (frame["Void?"] == "true").sum() > 0
    money, rows, orders, _ = _view_totals(con, ITEMS, "items", need_customer=False)
    assert money == pytest.approx(kept["Net Price"].astype(float).sum(), abs=0.005)
    assert (rows, orders) == (len(kept), kept["Order Id"].nunique())


def test_a_voided_toast_order_is_no_order_of_its_guest(con):
    """``OrderDetails``' ``Voided`` true is an order that never happened (its ``Amount`` 0): it was one more
    order of the guest in frequency."""
    frame = pd.read_csv(ORDERS, dtype=str, keep_default_na=False)
    kept = frame[frame["Voided"] == "false"]
    assert (frame["Voided"] == "true").sum() > 0
    money, rows, _, guests = _view_totals(con, ORDERS, "orders")
    assert money == pytest.approx(kept["Amount"].astype(float).sum(), abs=0.005)
    assert rows == len(kept)
    assert guests == kept.loc[kept["Customer Email"] != "", "Customer Email"].nunique()


def test_the_load_counts_the_voided_rows(con):
    """The rows left out are named under their own note, in English and Chinese."""
    frame = pd.read_csv(ITEMS, dtype=str, keep_default_na=False)
    voided = (frame["Void?"] == "true").sum()
    note = next(n for n in load_file(con, ITEMS, "items")[0].notes if "void" in str(n).lower())
    assert str(note).endswith(f": {voided}")
    assert note.text("zh").startswith(f"{voided} 行")


KLAVIYO = DATA / "klaviyo_profiles_excerpt.csv"
PREDICTIONS = ("Predicted Customer Lifetime Value", "Churn Probability", "Expected Date Of Next Order")


def test_klaviyos_predictions_are_never_money_or_a_day_that_happened(con):
    """Klaviyo's profiles carry its own model's ``Predicted Customer Lifetime Value`` beside the guest's real
    ``Historic Customer Lifetime Value``: the prediction was the amount (its first money header), so every
    analysis summed a forecast as spend."""
    table = load_file(con, KLAVIYO, "klaviyo")[0].table
    roles = get_roles(con, table)
    assert not set(roles.values()) & set(PREDICTIONS), roles
    assert roles.get("amount") in (None, "Historic Customer Lifetime Value")


def test_a_klaviyo_profiles_export_is_a_customer_table_spending_its_historic_value(con):
    """One profile a row, ``Total Orders`` and ``Historic Customer Lifetime Value`` (what the guest spent):
    a customer summary keyed by its contact, not sales records dated by the profile's ``Created``."""
    frame = pd.read_csv(KLAVIYO, dtype=str, keep_default_na=False)
    table = load_file(con, KLAVIYO, "klaviyo")[0].table
    roles = get_roles(con, table)
    assert roles.get("customer_id") in ("Email", "Phone Number")
    assert frame[roles["customer_id"]].nunique() == len(frame)
