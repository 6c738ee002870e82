"""left99's leftover: Resy's reservations export names who booked, when and for how many, never a dish, yet
Recommend said "Table 'rs' has no product column; mark one on the Data page (or pass --product-col)", a
column nobody can mark. A bookings log says a booking export names no dish and asks for the till's item
sales report; a log of orders without items keeps its own refusal."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import bookings, data
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

RESY = DATA / "resy_reservations_excerpt.csv"


def _refused(con, path, table: str):
    load_file(con, path, table=table)
    with pytest.raises(CrmError) as refused:
        data.purchase_view(con, table, get_roles(con, table))
    return refused.value.args[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_reservations_export_says_a_booking_names_no_dish(con, lang):
    assert "Party Size" in pd.read_csv(RESY, nrows=1).columns
    said = say(_refused(con, RESY, "rs"), lang)
    assert "Data page" not in said and "--product-col" not in said and "“数据”页" not in said, said
    if lang == "en":
        assert "booking" in said and "dish" in said and "item sales report" in said, said
    else:
        assert "预订" in said and "菜品" in said and "收银系统" in said, said


def test_the_same_bookings_without_party_size_or_booking_headers_keep_the_plain_refusal(con, tmp_path):
    """The control: the same rows with no covers column and no booking header are no bookings log."""
    frame = pd.read_csv(RESY, dtype=str, keep_default_na=False).drop(columns=["Party Size"])
    path = tmp_path / "visits_2026-11-28.csv"
    frame.to_csv(path, index=False)
    said = _refused(con, path, "visits")
    assert said.key != "roles.need.product_bookings", said
    assert not bookings.bookings_log(con, "visits")
