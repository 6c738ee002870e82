"""Clinic exports (judge77): the patient is named under a bare ``Patient`` (Jane App's Sales report, Cliniko's
invoices), the one who pays under ``Payer`` (the patient or an insurer), ``Invoice to`` (a minor's parent) or
``Responsible Party`` (SimplePractice's guardian), the staff who treated them under ``Practitioner``, ``Staff
Member`` or ``Clinician``. A masked load kept every one of them in the clear but Jane's staff, and the
patient's name became Jane's customer id in the clear."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from tests.conftest import DATA

PEOPLE = [("jane_sales_report_excerpt.csv", {"Patient": "name", "Payer": "name", "Staff Member": "staff"}),
          ("cliniko_invoices_excerpt.csv",
           {"Patient": "name", "Invoice to": "name", "Practitioner": "staff"}),
          ("simplepractice_appointment_status_excerpt.csv",
           {"Client": "name", "Responsible Party": "name", "Clinician": "staff"})]


@pytest.mark.parametrize(("name", "kinds"), PEOPLE)
def test_a_clinics_patients_payers_and_practitioners_are_masked(con, name, kinds):
    raw = pd.read_csv(DATA / name, dtype=str)
    load_file(con, DATA / name, "clinic", mask_pii=True)
    masked = privacy.masked_columns(con, "clinic")
    stored = con.execute('SELECT * FROM "clinic"').df()
    assert {c: masked.get(c) for c in kinds} == kinds
    for column in kinds:
        assert not set(raw[column].dropna()) & set(stored[column].dropna()), column
        assert stored[column].nunique() == raw[column].nunique(), column


def test_an_item_and_its_income_category_stay_plain(con):
    load_file(con, DATA / "jane_sales_report_excerpt.csv", "jane", mask_pii=True)
    masked = privacy.masked_columns(con, "jane")
    assert {"Item", "Income Category", "Location", "Payment Status"}.isdisjoint(masked)
