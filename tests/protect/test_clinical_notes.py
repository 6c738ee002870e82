"""A clinic's free-text note (left85): Cliniko's ``Notes`` (``Lower back pain, L4/L5 disc bulge.`` over two
lines) was kept as written under ``--mask-pii``, with a load note asking the analyst to check it. Beside a
patient it is health data, and no analysis reads it: a masked load now stores a keyed token (equal notes,
equal tokens; an empty note stays empty). A shop's note keeps the old rule: kept, and said."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.segment.cohorts import CohortConfig
from crm_core.segment.cohorts import run as cohorts
from tests.conftest import DATA

INVOICES = DATA / "cliniko_invoices_excerpt.csv"
PATIENTS = DATA / "cliniko_patients_excerpt.csv"
LIGHTSPEED = DATA / "lightspeed_sales_excerpt.csv"


def _notes(con, path, table: str) -> list[str]:
    return [say(n, "en") for n in load_file(con, path, table=table, mask_pii=True)[0].notes]


@pytest.mark.parametrize("path", [INVOICES, PATIENTS])
def test_a_clinics_notes_are_masked(con, path):
    raw = pd.read_csv(path, dtype=str)["Notes"]
    said = _notes(con, path, "ck")
    assert privacy.masked_columns(con, "ck")["Notes"] == "clinical_note"
    stored = con.execute('SELECT "Notes" FROM ck').df()["Notes"]
    assert not set(raw.dropna()) & set(stored.dropna())
    assert stored.isna().tolist() == raw.isna().tolist()
    assert stored.nunique() == raw.nunique() > 0
    assert [n for n in said if n.startswith("Notes: masked")]
    assert not [n for n in said if "Notes: free text kept as written" in n]


def test_masking_a_clinics_notes_keeps_patients_and_money(con):
    load_file(con, INVOICES, table="plain")
    load_file(con, INVOICES, table="ck", mask_pii=True)
    plain, masked = (cohorts(con, t, CohortConfig()).summary() for t in ("plain", "ck"))
    assert masked["customers"] == plain["customers"]
    assert round(masked["revenue"], 2) == round(plain["revenue"], 2)
    assert plain["customers"] > 0


def test_a_shops_note_is_kept_and_said(con):
    raw = pd.read_csv(LIGHTSPEED, dtype=str)["Note"].dropna()
    said = _notes(con, LIGHTSPEED, "ls")
    assert "Note" not in privacy.masked_columns(con, "ls")
    stored = con.execute('SELECT "Note" FROM ls').df()["Note"].dropna()
    assert set(raw) <= set(stored)
    assert [n for n in said if n.startswith("Note: free text kept as written")]
