"""A session paid in parts by who pays (judge77): SimplePractice's appointment status report writes what the
client and what the insurer were charged and paid side by side (``Client Paid``, ``Insurance Paid``). Neither
is the money received alone; the spend was read from ``Total Fee`` (what was charged, paid or not: 28 % high
on judge77's 800 sessions). Every expected number is read from the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

SIMPLEPRACTICE = DATA / "simplepractice_appointment_status_excerpt.csv"


def _dollars(column: pd.Series) -> pd.Series:
    return column.str.replace(r"[$,]", "", regex=True).astype(float)


def test_a_session_is_what_the_client_and_the_insurer_paid(con):
    raw = pd.read_csv(SIMPLEPRACTICE, dtype=str)
    held = raw[~raw["Appointment Status"].isin(["No Show", "Canceled"])]
    received = _dollars(held["Client Paid"]) + _dollars(held["Insurance Paid"])
    assert _dollars(held["Insurance Paid"]).sum() > 0 and received.sum() < _dollars(held["Total Fee"]).sum()
    _, roles, sql = _view(con, SIMPLEPRACTICE, "sp")
    assert roles.get("amount") == "Client Paid"
    money, customers = con.execute(f"SELECT sum(amount), count(DISTINCT customer_id) FROM ({sql})").fetchone()
    assert round(money, 2) == round(received.sum(), 2)
    assert customers == held["Client"].nunique()
