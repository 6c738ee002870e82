"""A B2B CRM's two reports (judge39): Zoho's Deals report names the deal's person in ``Contact Name``
beside its ``Account Name``; the Contacts report splits the person into ``First Name`` / ``Last Name``
under the same ``Account Name``. On main the account played the name in both exports (its values,
``Wilson Market``, pass the name check and come first), so the person was never read and the two
reports linked nothing (judge39: 0 pairs)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"
DEALS, CONTACTS = "zoho_deals_excerpt.csv", "zoho_contacts_report.csv"


def _linked(con):
    load_file(con, DATA / DEALS, table="zd")
    load_file(con, DATA / CONTACTS, table="zc")
    return run(con, ["zd", "zc"], LinkConfig())


def test_a_deals_contact_is_the_contacts_reports_person(con):
    """Each deal's contact has the key of the contacts report's person of that name and account, and
    no two accounts share a key."""
    result = _linked(con)
    ids = result.identity
    keys = {(r.table, r.record_id): r.customer_key for r in ids.itertuples(index=False)}
    deals = pd.read_csv(DATA / DEALS, dtype=str).drop_duplicates(["Account Name", "Contact Name"])
    contacts = pd.read_csv(DATA / CONTACTS, dtype=str)
    contacts["Contact Name"] = contacts["First Name"] + " " + contacts["Last Name"]
    both = deals.merge(contacts, on=["Account Name", "Contact Name"])
    assert len(both) == len(deals) == 39
    for account in both["Account Name"]:
        assert keys[("zd", account)] == keys[("zc", account)], account
    assert result.summary()["pairs_linked"] >= 39
    accounts = ids.groupby("customer_key")["record_id"].nunique()
    assert accounts.max() == 1


def test_the_person_not_the_account_is_the_name(con):
    """The account is each report's id; the person plays the name: ``Contact Name`` in the deals, the
    halves joined in the contacts."""
    fields = {f["table"]: f for f in _linked(con).summary()["fields"]}
    assert fields["zd"]["name"] == "Contact Name"
    assert fields["zc"]["name"] == "Last Name + First Name"
