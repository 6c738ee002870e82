"""left59: what judge55, judge57 and judge59 saw and left alone on Fresha's appointments, SumUp's
transactions report, Gumroad's sales and Patreon's members (docs/judge.md). Expected values are read
from the excerpts with pandas, never typed in."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.customers import spend
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend.data import purchase_view
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import detect_kind
from tests.conftest import DATA

FRESHA = DATA / "fresha_appointments_excerpt.csv"
TOAST = DATA / "toast_item_selection_details_excerpt.csv"
SUMUP = DATA / "sumup_transactions_excerpt.csv"
SUMUP_COUNTED = DATA / "sumup_counted_items_excerpt.csv"
GUMROAD = DATA / "gumroad_sales_excerpt.csv"
PATREON = DATA / "patreon_members_excerpt.csv"


def _loaded(con, path, name):
    """The table loaded from ``path`` and its roles."""
    table = load_file(con, path, name)[0].table
    return table, get_roles(con, table)


def _items(con, path, name) -> pd.DataFrame:
    """The (order, product, quantity) rows recommend and basket read."""
    table, roles = _loaded(con, path, name)
    view = purchase_view(con, table, roles, need_customer=False)
    return con.execute(f"SELECT order_id, product_id, quantity FROM ({view.sql})").df()


def test_fresha_service_is_what_the_salon_sold(con):
    """A salon's appointments name what was sold under ``Service`` (Gel Manicure, Full Head Colour); no role
    read it, so recommend offered ``Time`` and ``Duration`` as the product (judge59)."""
    raw = pd.read_csv(FRESHA)
    table, roles = _loaded(con, FRESHA, "fr")
    assert roles.get("product_name") == "Service"
    done = raw[raw["Status"] == "Completed"]
    sold = con.execute(f"SELECT DISTINCT product_id FROM ({purchase_view(con, table, roles).sql})").df()
    assert set(sold["product_id"]) == set(done["Service"])


def test_toasts_service_period_stays_beside_its_menu_item(con):
    """Toast's bare ``Service`` is the service period (Dinner) beside ``Menu Item``: the item stays the
    product."""
    _, roles = _loaded(con, TOAST, "ts")
    assert roles.get("product_name") == "Menu Item"


def _parts(descriptions: pd.Series) -> pd.Series:
    return descriptions.str.split(",").explode().str.strip()


def test_sumups_description_lists_the_items_of_each_payment(con):
    """SumUp writes a payment's items in ``Description`` ("Cappuccino, Banana bread, Croissant"); nothing read
    them, so ``basket su`` was refused for want of a product (judge55)."""
    raw = pd.read_csv(SUMUP)
    paid = raw[raw["Status"] == "Successful"]
    items = _items(con, SUMUP, "su")
    assert set(items["product_id"]) == set(_parts(paid["Description"]))
    assert len(items) == len(_parts(paid["Description"]))


def test_sumups_counted_items_read_their_counts(con):
    """Written ``2 x Flat white, 1 x Croissant``, the count leads each item: the quantity, not a name."""
    raw = pd.read_csv(SUMUP_COUNTED)
    parts = _parts(raw.loc[raw["Status"] == "Successful", "Description"]).str.extract(r"^(\d+) x (.+)$")
    items = _items(con, SUMUP_COUNTED, "sc")
    assert set(items["product_id"]) == set(parts[1])
    assert items["quantity"].sum() == parts[0].astype(int).sum()


def test_gumroads_yes_no_column_is_no_money(con):
    """``Recurring Charge?`` (0 / 1) asks a question; it was listed among the money columns (judge55)."""
    raw = pd.read_csv(GUMROAD)
    assert set(raw["Recurring Charge?"]) == {0, 1}
    table, roles = _loaded(con, GUMROAD, "gr")
    money = detect_kind(con, table, roles).money_cols
    assert "Sale Price ($)" in money and not any(c.endswith("?") for c in money)


@pytest.mark.parametrize("amount", [None, "Lifetime Amount"])
def test_patreons_lifetime_amount_is_each_patrons_total_not_a_payment(con, amount):
    """A member list holds each patron's ``Lifetime Amount`` to date, one row each: spend asked for it as an
    ``--amount-col``, and given it read one payment of everything each patron paid on the day they joined."""
    raw = pd.read_csv(PATREON)
    assert raw["Email"].is_unique
    table, _ = _loaded(con, PATREON, "pt")
    with pytest.raises(CrmError) as refused:
        spend.run(con, table, roles={"amount": amount} if amount else None)
    said = say(refused.value.args[0], "en")
    assert "'Lifetime Amount'" in said and "total" in said and "--amount-col" not in said
