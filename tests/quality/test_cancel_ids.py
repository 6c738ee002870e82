"""An order id ``C`` + digits is a cancellation where the other ids are digits (Online Retail's ``C536379``
beside ``536365``: `test_profile.test_sample_orders_show_the_planted_dirt`), not where every id starts with
a letter (walk40)."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from tests.conftest import DATA


def _cancellations(result: dict) -> dict[str, int]:
    return {p["column"]: p["count"] for p in result["problems"] if p["kind"] == "cancellations"}


def test_a_payhip_id_of_c_and_digits_is_no_cancellation(con):
    """en_payhip_02_clean: "'Transaction ID': 1 id starts with 'C' (0.2%) — a cancellation/return" of a
    paid planner; Payhip's ids are a letter and nine characters (``J209393983``, ``F712FED2D0``)."""
    path = DATA / "payhip_sales_c_id_excerpt.csv"
    ids = pd.read_csv(path, dtype=str)["Transaction ID"]
    assert ids.str.fullmatch(r"C[0-9]+").sum() == 1 and not ids.str.fullmatch(r"[0-9]+").any()
    load_file(con, path, table="ph")
    result = profile(con, "ph")
    assert {c["name"]: c["role"] for c in result["columns"]}["Transaction ID"] == "order_id"
    assert "Transaction ID" not in _cancellations(result), result["problems"]

