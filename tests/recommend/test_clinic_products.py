"""What a clinic sold (judge77): SimplePractice's recommend refusal offered ``Responsible Party`` (a minor's
guardian) as the product, while ``Billing Code`` (90834, 90837, 90791: the session bought) was ruled out as a
bill-to address; Jane's ``No Show Fee`` (a charge for not coming) was one of its recommendable items."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.recommend import data
from crm_core.recommend.offers import no_product, product_like_columns
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

SIMPLEPRACTICE = DATA / "simplepractice_appointment_status_excerpt.csv"
JANE = DATA / "jane_sales_report_excerpt.csv"


def test_a_sessions_billing_code_is_offered_and_no_person(con):
    raw = pd.read_csv(SIMPLEPRACTICE, dtype=str)
    assert raw["Responsible Party"].nunique() >= 3 and raw["Billing Code"].nunique() >= 3
    table = load_file(con, SIMPLEPRACTICE, "sp")[0].table
    roles = get_roles(con, table)
    offered = product_like_columns(con, table, roles)
    assert offered[0] == "Billing Code", offered
    assert "Responsible Party" not in offered
    assert "--product-col Billing Code" in str(no_product(con, table, roles))


@pytest.mark.parametrize("header", ["Payer", "Guardian", "Invoice to", "Clinician", "Staff Member"])
def test_who_paid_or_treated_is_not_offered(con, tmp_path, header):
    """An insurer or a guardian who paid, a practitioner who treated: repeating text, never what was
    bought."""
    raw = pd.read_csv(SIMPLEPRACTICE, dtype=str, keep_default_na=False)
    path = tmp_path / "sessions.csv"
    people = raw.drop(columns=["Payer", "Clinician"]).rename(columns={"Responsible Party": header})
    people.to_csv(path, index=False)
    table = load_file(con, path, "sp")[0].table
    roles = get_roles(con, table)
    assert header not in product_like_columns(con, table, roles)


def test_a_no_show_fee_is_no_product(con):
    raw = pd.read_csv(JANE, dtype=str)
    assert (raw["Item"] == "No Show Fee").any()
    table = load_file(con, JANE, "jane")[0].table
    roles = get_roles(con, table)
    assert roles.get("product_id") == "Item"
    view = transaction_view(con, table, roles)
    left_out = con.execute(f"SELECT product_id FROM {data.not_products(con, table, roles, view)}").fetchall()
    assert ("No Show Fee",) in left_out
    assert {p for p, in left_out} <= {"No Show Fee"}
