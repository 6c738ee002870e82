"""A ``C`` before an invoice number is Online Retail's cancellation only where the id column's shape says so:
the other ids are numbers and the C rows' quantities or amounts are negative. Payhip's ids are a letter and
nine characters (judge78, walk40: ``C244936374``, a paid planner, was said "a cancellation/return")."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from tests.conftest import DATA


def _cancellations(con, name: str, table: str) -> dict[str, int]:
    load_file(con, DATA / name, table=table)
    return {p["column"]: p["count"] for p in profile(con, table)["problems"] if p["kind"] == "cancellations"}


def test_a_payhip_transaction_id_starting_with_c_is_no_cancellation(con):
    rows = pd.read_csv(DATA / "payhip_sales_june_excerpt.csv", dtype=str)
    c_ids = rows[rows["Transaction ID"].str.fullmatch(r"C[0-9]+")]
    assert len(c_ids) == 1 and (c_ids["Status"] == "Paid").all()  # the excerpt holds such an id, paid
    assert _cancellations(con, "payhip_sales_june_excerpt.csv", "ph") == {}


def test_online_retail_cancellations_are_still_said(con):
    rows = pd.read_csv(DATA / "online_retail_excerpt.csv", dtype=str)
    truth = int(rows["InvoiceNo"].str.startswith("C").sum())
    assert _cancellations(con, "online_retail_excerpt.csv", "ol") == {"InvoiceNo": truth}


def test_a_payhip_id_of_c_and_digits_is_no_cancellation(con):
    """en_payhip_02_clean: "'Transaction ID': 1 id starts with 'C' (0.2%) — a cancellation/return" of a
    paid planner; Payhip's ids are a letter and nine characters (``J209393983``, ``F712FED2D0``)."""
    path = DATA / "payhip_sales_c_id_excerpt.csv"
    ids = pd.read_csv(path, dtype=str)["Transaction ID"]
    assert ids.str.fullmatch(r"C[0-9]+").sum() == 1 and not ids.str.fullmatch(r"[0-9]+").any()
    assert _cancellations(con, "payhip_sales_c_id_excerpt.csv", "ph") == {}
    assert {c["name"]: c["role"] for c in profile(con, "ph")["columns"]}["Transaction ID"] == "order_id"
