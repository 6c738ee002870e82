"""Customer 360's records show the money a sale carries beside its amount as the amount is shown (walk38,
left83's "Seen and left alone"): Lightspeed's ``Tax`` read ``2.0`` and ``Discount`` ``0.0`` beside ``Total``'s
``$22.00``. The sign is presentation only: the table kind's money evidence (``table_kind.money_columns``) is
unchanged."""

from __future__ import annotations

import pandas as pd

from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import money_columns
from tests.conftest import DATA

LIGHTSPEED = DATA / "lightspeed_line_items_excerpt.csv"


def _dollars(cells: pd.Series) -> list[str]:
    """Lightspeed's ``$5.82`` and ``-$2.18`` as the 360 writes money: minus, sign, thousands, cents."""
    values = (float(str(c).replace("$", "").replace(",", "")) for c in cells)
    return sorted(f"{'-' if v < 0 else ''}${abs(v):,.2f}" for v in values)


def test_a_sales_tax_and_discount_read_as_money_beside_its_total(con):
    raw = pd.read_csv(LIGHTSPEED, dtype=str)
    buyer = raw["Customer Name"].value_counts().index[0]
    mine = raw[raw["Customer Name"] == buyer]
    load_file(con, LIGHTSPEED, table="ls")
    shown = pd.DataFrame(customer360.view(con, buyer)["linked_records"])
    for column in ("Tax", "Discount", "Total"):
        assert sorted(shown[column]) == _dollars(mine[column]), column
    assert sorted(shown["Quantity"]) == sorted(mine["Quantity"])  # a count stays as written
    kind_money = money_columns(store.columns_of(con, "ls"), get_roles(con, "ls"), set())
    assert "Tax" not in kind_money and "Discount" not in kind_money
