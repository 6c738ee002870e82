"""The load says how a clinic's money was read (judge77, left84): SimplePractice's spend is
``Client Paid`` plus ``Insurance Paid``, Jane's ``Partially Paid`` invoice counts at its paid share. Both
rules ran without a word, so an analyst comparing the spend with the ``Client Paid`` column alone, or with the
invoices' ``Subtotal``, found numbers that did not match and no reason why. Found by their words, in English
and 中文."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

SIMPLEPRACTICE = DATA / "simplepractice_appointment_status_excerpt.csv"
JANE = DATA / "jane_sales_report_excerpt.csv"


def _dollars(column: pd.Series) -> pd.Series:
    return column.str.replace(r"[$,]", "", regex=True).astype(float)


def _said(con, path, table: str, words: str) -> tuple[str, str]:
    notes = load_file(con, path, table=table)[0].notes
    [note] = [n for n in notes if words in say(n, "en")]
    return say(note, "en"), say(note, "zh")


def test_simplepractice_says_the_insurers_share_is_added(con):
    raw = pd.read_csv(SIMPLEPRACTICE, dtype=str)
    insurer = _dollars(raw["Insurance Paid"])
    en, zh = _said(con, SIMPLEPRACTICE, "sp", "paid in part by an insurer")
    assert f"{(insurer != 0).sum()} rows" in en and f"{insurer.sum():,.2f}" in en
    assert "“Client Paid” plus “Insurance Paid”" in en
    assert "“Client Paid”加上“Insurance Paid”" in zh and f"{insurer.sum():,.2f}" in zh


def test_jane_says_a_part_paid_invoice_counts_at_its_paid_share(con):
    raw = pd.read_csv(JANE, dtype=str)
    part = raw[raw["Payment Status"] == "Partially Paid"]
    kept = (_dollars(part["Subtotal"]) * _dollars(part["Collected"]) / _dollars(part["Total"])).sum()
    en, zh = _said(con, JANE, "jane", "paid in part")
    assert f"{len(part)} row " in en and "'Partially Paid'" in en
    assert f"{kept:,.2f} of {_dollars(part['Subtotal']).sum():,.2f}" in en
    assert "“Collected”" in zh and "“Total”" in zh and f"{kept:,.2f}" in zh
