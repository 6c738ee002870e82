"""A restaurant's guest health notes (judge92): Resy's reservations export carries `Allergies` (``Peanuts,
tree nuts``) and a multi-line `Guest Notes` (``Severe peanut allergy - EpiPen carried``, ``Pregnant - no raw
fish``) beside each guest. Under ``--mask-pii`` both were stored as written and not even said kept: health
data, which no analysis reads. A column headed as allergies or diet is masked by its header; a guest's note
column by its words, when any of them names a condition. A shop's note with none keeps the old rule."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from tests.conftest import DATA

RESY = DATA / "resy_reservations_excerpt.csv"
SELLFY = DATA / "sellfy_orders_excerpt.csv"


@pytest.mark.parametrize("column", ["Allergies", "Guest Notes"])
def test_a_guests_health_notes_are_masked(con, column):
    raw = pd.read_csv(RESY, dtype=str)[column]
    load_file(con, RESY, table="rs", mask_pii=True)
    assert privacy.masked_columns(con, "rs")[column] == "health_note"
    stored = con.execute(f'SELECT "{column}" FROM rs').df()[column]
    assert not set(raw.dropna()) & set(stored.dropna())
    assert stored.isna().tolist() == raw.isna().tolist()
    assert stored.nunique() == raw.nunique() > 0


def test_the_masked_health_notes_are_said_in_both_languages(con):
    notes = load_file(con, RESY, table="rs", mask_pii=True)[0].notes
    english = [say(n, "en") for n in notes]
    chinese = [say(n, "zh") for n in notes]
    assert [n for n in english if n.startswith("Allergies: masked") and "allerg" in n]
    assert [n for n in chinese if n.startswith("Guest Notes：已脱敏") and "过敏" in n]


def test_masking_the_notes_keeps_guests_and_money(con):
    raw = pd.read_csv(RESY, dtype=str)
    load_file(con, RESY, table="rs", mask_pii=True)
    done = raw[raw["Status"] == "Completed"]
    spent = con.execute('SELECT sum(CAST("Subtotal" AS DOUBLE)), count(DISTINCT "Email") FROM rs '
                        "WHERE \"Status\" = 'Completed'").fetchone()
    assert spent[0] == pytest.approx(done["Subtotal"].astype(float).sum())
    assert spent[1] == done["Email"].nunique()


def test_a_shops_note_without_a_condition_is_kept(con):
    load_file(con, SELLFY, table="sf", mask_pii=True)
    assert privacy.masked_columns(con, "sf").get("Customer Note") == "free_text"
    stored = con.execute('SELECT "Customer Note" FROM sf WHERE "Customer Note" IS NOT NULL').fetchall()
    assert ("Please send the invoice to\n[email]",) in stored
