"""A clinic's patients export (Cliniko, left80): a masked load kept the full birth date, the Medicare number
(read as a number, then segmented as "high / low medicare") and the mobile written without spaces in the
clear. The birth date keeps its year (age segments still work), the health id and the mobile become tokens."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crm_core.i18n import Sentence
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.segment.naming import BIRTH_YEAR_HEADER
from tests.conftest import DATA

PATIENTS = DATA / "cliniko_patients_excerpt.csv"


@pytest.fixture
def loaded(con):
    load_file(con, PATIENTS, "ckp", mask_pii=True)
    return con.execute('SELECT * FROM "ckp"').df()


def test_no_birth_date_health_id_or_mobile_is_left(con, loaded):
    raw = pd.read_csv(PATIENTS, dtype=str)
    assert privacy.masked_columns(con, "ckp", generalised=True).keys() >= {"Date of birth", "Medicare",
                                                                            "Mobile phone"}
    stored = " ".join(loaded.astype(str).to_numpy().ravel())
    for column in ("Date of birth", "Medicare", "Mobile phone"):
        for value in raw[column]:
            assert value not in stored and re.sub(r"\D", "", value) not in re.sub(r"\D", "", stored), value
    assert len(loaded) == len(raw) and loaded["Email"].nunique() == raw["Email"].nunique()


def test_a_birth_date_keeps_its_year_for_age_segments(loaded):
    raw = pd.read_csv(PATIENTS, dtype=str)
    assert list(loaded["Date of birth"]) == [int(v[-4:]) for v in raw["Date of birth"]]
    assert BIRTH_YEAR_HEADER.search("Date of birth") and BIRTH_YEAR_HEADER.search("出生日期")


def test_a_medicare_number_is_a_token_not_a_number(loaded):
    raw = pd.read_csv(PATIENTS, dtype=str)
    assert loaded["Medicare"].map(type).eq(str).all()
    assert loaded["Medicare"].nunique() == raw["Medicare"].nunique()


@pytest.mark.parametrize(("header", "values", "kind"), [
    ("Mobile phone", ["0473149141", "0486981098", "0298765432"], "phone"),
    ("Order number", ["0473149141", "0486981098", "0298765432"], None),
    ("ISBN", ["0306406152", "0451524934", "0140449132"], None),
    ("DOB", ["1975-03-12", "1990-11-02"], "birth_date"),
    ("生日", ["1975/03/12", "1990/11/02"], "birth_date"),
    ("Order date", ["1975-03-12", "1990-11-02"], None),
    ("Medicare", ["4603 64628 1", "3239551111"], "health_id"),
    ("Health card number", ["4603646281.0"], "health_id"),
    ("Insurance Paid", ["4603646281.0"], None),
    ("医保卡号", ["4603 64628 1"], "health_id"),
])
def test_which_values_are_health_data_or_a_mobile(header, values, kind):
    assert privacy.classify_values(values, header) == kind


def test_the_load_notes_say_so_in_both_languages(con):
    notes = [n for n in load_file(con, PATIENTS, "ckp", mask_pii=True)[0].notes if isinstance(n, Sentence)]
    english, chinese = [n.text("en") for n in notes], [n.text("zh") for n in notes]
    assert any("Date of birth" in s and "year" in s for s in english)
    assert any("Date of birth" in s and "出生年份" in s for s in chinese)
    assert any("Medicare" in s and "已脱敏" in s for s in chinese)


def test_a_clinical_note_is_said_masked_in_both_languages(con):
    """left80 kept Cliniko's Notes as written and said so; left85 masks a note beside a health id."""
    notes = [n for n in load_file(con, PATIENTS, "ckp", mask_pii=True)[0].notes if isinstance(n, Sentence)]
    [masked] = [n for n in notes if n.key == "load.note.masked.clinical_note"]
    assert masked.values["column"] == "Notes"
    assert "condition" in masked.text("en") and "病情" in masked.text("zh")
    assert not [n for n in notes if n.key == "load.note.kept_text"]
    stored = con.execute('SELECT "Notes" FROM "ckp"').fetchall()
    assert ("Asthma (Ventolin PRN).\nPrevious whiplash 2019",) not in stored
