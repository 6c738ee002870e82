"""left99: a meal service, a sitting or a shift is never what was bought. Resy's `Service` (Dinner / Lunch)
was read as the product and recommend served "Lunch" to dinner guests (judge92); a salon's `Service`
(Fresha's treatments) still is the product."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.recommend import data
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

RESY = DATA / "resy_reservations_excerpt.csv"
FRESHA = DATA / "fresha_appointments_excerpt.csv"


def _refusal(con, path) -> str:
    load_file(con, path, table="rs")
    roles = get_roles(con, "rs")
    assert "Service" not in (roles.get("product_name"), roles.get("product_id")), roles
    with pytest.raises(CrmError) as refused:
        data.purchase_view(con, "rs", roles)
    return str(refused.value)


def test_resys_service_the_sitting_is_no_product(con):
    assert set(pd.read_csv(RESY)["Service"]) == {"Dinner", "Lunch"}
    said = _refusal(con, RESY)
    assert "Service" not in said and "Lunch" not in said, said
    assert "Allergies" not in said and "Guest Tags" not in said, said  # a guest's, never what was bought


def test_three_sittings_are_not_offered_either(con, tmp_path):
    """The same bookings with a brunch sitting: three values, which the refusal would offer as products."""
    frame = pd.read_csv(RESY, dtype=str, keep_default_na=False)
    frame.loc[frame.index % 5 == 0, "Service"] = "Brunch"
    path = tmp_path / "resy_reservations_2026-11-28.csv"
    frame.to_csv(path, index=False)
    said = _refusal(con, path)
    assert "Service" not in said, said


def test_a_salons_service_is_still_the_product(con):
    load_file(con, FRESHA, table="fr")
    roles = get_roles(con, "fr")
    assert "Service" in (roles.get("product_name"), roles.get("product_id")), roles
