"""The judge59 pass: service businesses' English exports read as their systems write them (docs/judge.md).
Fresha's appointments list names each client by name only in ``Client`` (two Jack Walshes are two people,
told apart by ``Client email``) and dates each appointment twice: ``Created date`` when it was booked,
``Scheduled date`` when the service was done and paid. Every expected number is read from the excerpt
with pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

FRESHA = DATA / "fresha_appointments_excerpt.csv"


def _completed() -> pd.DataFrame:
    raw = pd.read_csv(FRESHA, dtype={"Ref #": str})
    return raw[raw["Status"] == "Completed"]


def test_freshas_clients_are_told_apart_by_email_not_by_name(con):
    """Read by ``Client`` (a name), judge59's 124 Fresha clients were 83: namesakes merged into one."""
    done = _completed()
    assert done["Client email"].nunique() > done["Client"].nunique()
    _, roles, sql = _view(con, FRESHA, "fr")
    assert roles.get("customer_id") == "Client email"
    rows, customers = con.execute(f"SELECT count(*), count(DISTINCT customer_id) FROM ({sql})").fetchone()
    assert (rows, customers) == (len(done), done["Client email"].nunique())


def test_freshas_clients_masked_at_load_are_still_told_apart_by_email(con):
    """The Data page masks personal data by default: ``Client``'s names became tokens that no longer read as
    people's names, so the e-mail stopped taking over and walk35's Segments counted judge59's 124 clients as
    83."""
    done = _completed()
    table = load_file(con, FRESHA, table="fr", mask_pii=True)[0].table
    assert " " not in con.execute(f'SELECT min("Client") FROM "{table}"').fetchone()[0]
    roles = get_roles(con, table)
    assert roles.get("customer_id") == "Client email"
    sql = transaction_view(con, table, roles).sql
    customers = con.execute(f"SELECT count(DISTINCT customer_id) FROM ({sql})").fetchone()[0]
    assert customers == done["Client email"].nunique()


def test_a_freshas_appointment_is_dated_when_it_was_served_not_booked(con):
    """``Created date`` (the booking) came first and was the date: revenue fell up to three weeks early."""
    done = _completed()
    _, roles, sql = _view(con, FRESHA, "fr")
    assert roles.get("date") == "Scheduled date"
    days = con.execute(f"SELECT strftime(CAST(ts AS DATE), '%d %b %Y') AS d, sum(amount) FROM ({sql}) "
                       f"GROUP BY d").fetchall()
    truth = done.groupby("Scheduled date")["Price"].sum()
    assert {d: round(m, 2) for d, m in days} == {d: round(m, 2) for d, m in truth.items()}
