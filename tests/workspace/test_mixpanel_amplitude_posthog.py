"""The forty-seventh judge pass (judge48): product-analytics event exports, read as their systems write them
(docs/judge.md). A Mixpanel raw export nests every field under ``properties`` (``properties.distinct_id``,
``properties.price``); Amplitude names its events in words ("Viewed Page", "Completed Purchase"). Every
expected number is read from the excerpt with pandas, never typed in."""

from __future__ import annotations

import json

import pandas as pd

from crm_core.workspace.roles import detect_with_evidence
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

MIXPANEL = DATA / "mixpanel_raw_export_excerpt.json"
AMPLITUDE = DATA / "amplitude_export_excerpt.json"


def _flat(path) -> pd.DataFrame:
    return pd.json_normalize(pd.read_json(path, lines=True).to_dict("records"))


def test_mixpanels_person_is_its_distinct_id_and_its_purchases_are_its_purchase_events(con):
    """Read whole, ``properties.distinct_id`` named no customer: judge48's Mixpanel export was "sales
    records" with "no customer id column", refused by segment, cohorts, churn, spend, recommend and basket.
    The record's ``properties.`` is dropped before a header is read; the purchases are the ``Purchase``
    events, at their price."""
    raw = _flat(MIXPANEL)
    bought = raw[raw["event"] == "Purchase"]
    _, roles, sql = _view(con, MIXPANEL, "mp")
    assert (roles.get("customer_id"), roles.get("amount") or roles.get("unit_price")) == (
        "properties.distinct_id", "properties.price")
    customers, rows, money = con.execute(f"SELECT count(DISTINCT customer_id), count(*), sum(amount) "
                                         f"FROM ({sql})").fetchone()
    assert (customers, rows) == (bought["properties.distinct_id"].nunique(), len(bought))
    assert round(money, 2) == round(bought["properties.price"].sum(), 2)


def test_amplitudes_worded_events_leave_its_page_views_out_of_the_purchases(con):
    """Amplitude (as Mixpanel and Segment's spec) names events in words, object and action: "Viewed
    Page", "Completed Purchase". Only ``purchase`` / ``page_view`` spelled as codes were known, so judge48's
    Amplitude export was a purchase log of every page view (59 of 100 customers segmented on money, 41 left
    out)."""
    raw = _flat(AMPLITUDE)
    bought = raw[raw["event_type"] == "Completed Purchase"]
    _, _, sql = _view(con, AMPLITUDE, "amp")
    rows, customers = con.execute(f"SELECT count(*), count(DISTINCT customer_id) FROM ({sql}) "
                                  f"WHERE customer_id IS NOT NULL").fetchone()
    assert (rows, customers) == (len(bought), bought["amplitude_id"].nunique())


def test_amplitudes_merged_person_is_the_customer_when_a_third_of_its_events_have_no_user_id(con):
    """A third of Amplitude's events are anonymous (no ``user_id``): read by ``user_id``, left51 measured
    47.9 % of the excerpt's revenue left out. Amplitude's own merged person, ``amplitude_id``, is filled on
    every row, so it is the customer, and the roles' evidence says why, in both languages."""
    raw = _flat(AMPLITUDE)
    bought = raw[raw["event_type"] == "Completed Purchase"]
    table, roles, sql = _view(con, AMPLITUDE, "amp")
    assert roles.get("customer_id") == "amplitude_id"
    money = con.execute(f"SELECT sum(amount) FROM ({sql}) WHERE customer_id IS NOT NULL").fetchone()[0]
    assert round(money, 2) == round(bought["revenue"].sum(), 2)
    evidence = detect_with_evidence(con, table)["customer_id"][1]
    empty = f"{raw['user_id'].isna().sum():,}"
    assert "user_id" in evidence.text("en") and empty in evidence.text("en") and empty in evidence.text("zh")


def test_an_amplitude_export_with_every_user_id_keeps_user_id_as_the_customer(con, tmp_path):
    """Only a largely anonymous export gives way to ``amplitude_id``: with every ``user_id`` filled, the
    analyst's own id stays the customer."""
    lines = [line for line in AMPLITUDE.read_text().splitlines() if json.loads(line)["user_id"] is not None]
    known = tmp_path / "amplitude_known.json"
    known.write_text("\n".join(lines) + "\n")
    assert _view(con, known, "amp")[1].get("customer_id") == "user_id"


POSTHOG = DATA / "posthog_events_excerpt.csv"


def test_posthogs_properties_json_is_read_for_the_revenue_of_its_purchase_events(con):
    """PostHog's events export keeps every property in one ``properties`` cell of JSON text. Read as text,
    judge48's export had "no amount column": cohorts counted purchases without money and spend was refused.
    Its keys become ``properties.<key>`` columns, so a purchase's ``revenue`` is its money."""
    raw = pd.read_csv(POSTHOG, dtype=str, keep_default_na=False)
    bought = raw[raw["event"] == "purchase"]
    revenue = sum(json.loads(p)["revenue"] for p in bought["properties"])
    _, roles, sql = _view(con, POSTHOG, "ph")
    assert (roles.get("customer_id"), roles.get("amount")) == ("distinct_id", "properties.revenue")
    rows, money = con.execute(f"SELECT count(*), sum(amount) FROM ({sql})").fetchone()
    assert (rows, round(money, 2)) == (len(bought), round(revenue, 2))
