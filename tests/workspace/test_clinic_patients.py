"""A clinic's patient under a bare ``Patient`` header (judge77): Jane App's Sales report and Cliniko's
invoices. Segments found the patients by their repeating names, but no role was given, so churn, spend and
recommend refused both exports ("no column says whose a row is"). Expected numbers are read with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

CLINICS = [("jane_sales_report_excerpt.csv", "Payment Status", {"Unpaid"}),
           ("cliniko_invoices_excerpt.csv", "Status", {"Cancelled", "Written off"})]


@pytest.mark.parametrize(("name", "status", "no_sale"), CLINICS)
def test_a_bare_patient_column_is_the_customer(con, name, status, no_sale):
    raw = pd.read_csv(DATA / name, dtype=str)
    held = raw[~raw[status].isin(no_sale)]
    assert held["Patient"].duplicated().any()
    _, roles, sql = _view(con, DATA / name, "clinic")
    assert roles.get("customer_id") == "Patient"
    customers = con.execute(f"SELECT count(DISTINCT customer_id) FROM ({sql})").fetchone()[0]
    assert customers == held["Patient"].nunique()


def test_a_written_off_invoice_is_no_visit_paid_for(con):
    """Cliniko's ``Written off``: the clinic gave up the money (``Amount paid`` 0.00); it was one more visit
    in every patient's frequency (563 patient-days against 528 paid for on judge77's 650 invoices)."""
    raw = pd.read_csv(DATA / "cliniko_invoices_excerpt.csv", dtype=str)
    held = raw[~raw["Status"].isin(["Cancelled", "Written off"])]
    assert (raw["Status"] == "Written off").any()
    _, _, sql = _view(con, DATA / "cliniko_invoices_excerpt.csv", "ck")
    assert con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] == len(held)
