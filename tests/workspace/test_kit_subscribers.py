"""The judge69 pass: a creator's Kit (ConvertKit) subscribers export, a row per subscriber with the list's own
``state`` (active, inactive, cancelled, bounced, complained, cold) and no plan. Known by its e-mail as
Substack's readers are, it is a customer list; read with no customer, churn, spend and recommend told the
analyst to mark a customer id the list already has. Expected values come from the excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.roles import detect_with_evidence, get_roles
from crm_core.workspace.table_kind import kind_of
from tests.conftest import DATA

KIT = DATA / "kit_subscribers_excerpt.csv"


def test_a_kit_subscriber_list_is_customers_by_email(con):
    raw = pd.read_csv(KIT, dtype=str, keep_default_na=False)
    assert raw["email_address"].is_unique and {"bounced", "cold"} <= set(raw["state"])
    table = load_file(con, KIT, table="kt")[0].table
    assert get_roles(con, table).get("customer_id") == "email_address"
    assert kind_of(con, table) == "customers"
    evidence = detect_with_evidence(con, table)["customer_id"][1]
    for lang in ("en", "zh"):
        said = evidence.text(lang)
        assert "state" in said and "bounced" in said and f"{len(raw)}" in said, said


def test_an_order_status_is_no_subscriber_state(con):
    """One order per buyer with a ``status`` of paid / shipped / cancelled keeps its e-mail unread as a
    subscriber's key: only a mailing list's states (bounced, unsubscribed, cold …) say so."""
    con.execute("CREATE TABLE o AS SELECT 'b' || i || '@x.com' AS email, "
                "['paid', 'shipped', 'cancelled'][i % 3 + 1] AS status, 10.0 + i AS total "
                "FROM range(30) t(i)")
    assert get_roles(con, "o").get("customer_id") != "email"
