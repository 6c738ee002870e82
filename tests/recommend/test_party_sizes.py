"""A check's party size is never offered as what was bought (left27): Square's ``Description`` reads
"Table of 4" on judge26's cafe checks, and the refusal offered it as the product; a ``Description`` listing
items still is."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.recommend import data
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

SQUARE = DATA / "square_transactions.csv"


def _refusal(con, path) -> str:
    load_file(con, path, table="sq")
    with pytest.raises(CrmError) as refused:
        data.purchase_view(con, "sq", get_roles(con, "sq"))
    return str(refused.value)


def test_a_checks_party_size_is_never_offered_as_the_product(con):
    """253 rows, ``Description`` "Table of 1" … "Table of 6": how many sat at the table, not what they ate."""
    said = _refusal(con, SQUARE)
    assert "has no product column" in said
    assert "Description" not in said


def test_a_description_listing_items_is_still_offered(con, tmp_path):
    """The same checks with the items a real Square export writes there (the web shop's own item names)."""
    names = pd.read_csv(DATA / "woocommerce_orders_excerpt.csv")["Item Name"].drop_duplicates().head(8)
    frame = pd.read_csv(SQUARE, dtype=str, keep_default_na=False)
    frame["Description"] = [names.iloc[n % len(names)] for n in range(len(frame))]
    path = tmp_path / "transactions-2017-04-01-2017-07-01.csv"
    frame.to_csv(path, index=False)
    assert "Description" in _refusal(con, path)
