"""left65: leftovers of judge66 (docs/judge.md). Thinkific writes a ``Subscription``'s monthly renewals under
the one ``Order ID`` it opened with, each a row with its own ``Transaction ID`` and date; a ``Payment Plan``'s
instalments share their order too, but pay for one course. Substack's ``Activity`` is a reader's engagement
(0–5 stars), not units bought. Every expected number is read from the excerpt with pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

THINKIFIC = DATA / "thinkific_orders_excerpt.csv"
SUBSTACK = DATA / "substack_subscribers_excerpt.csv"
SOLD = ("Paid", "Partially Refunded")


def _thinkific_sold() -> pd.DataFrame:
    raw = pd.read_csv(THINKIFIC, dtype=str, keep_default_na=False)
    sold = raw[raw["Status"].isin(SOLD)].assign(day=lambda f: f["Date"].str[:10])
    renewed = sold[sold["Payment Type"] == "Subscription"].groupby("Order ID")["day"].nunique()
    assert (renewed > 1).sum() >= 5  # subscribers who paid more than one month under one order id
    return sold


def test_each_paid_month_of_a_subscription_is_a_purchase(con):
    """judge66 counted a subscriber's three paid months as one order (the excerpt: 67 rows of 36 orders), so
    frequency, churn and CLV read a renewing subscriber as a one-time buyer."""
    sold = _thinkific_sold()
    renewal = sold["Payment Type"] == "Subscription"
    truth = len(sold[renewal][["Order ID", "day"]].drop_duplicates()) + sold[~renewal]["Order ID"].nunique()
    _, _, sql = _view(con, THINKIFIC, "tk")
    assert con.execute(f"SELECT count(DISTINCT order_id) FROM ({sql})").fetchone()[0] == truth


def test_a_payment_plans_instalments_stay_one_order(con):
    """A course paid in three instalments is one purchase: its order id keeps its rows together."""
    sold = _thinkific_sold()
    plan = sold[sold["Payment Type"] == "Payment Plan"]
    assert plan["Order ID"].duplicated().any()
    _, _, sql = _view(con, THINKIFIC, "tk")
    ids = ", ".join(f"'{o}'" for o in set(plan["Order ID"]))
    orders = con.execute(f"SELECT count(DISTINCT order_id) FROM ({sql}) WHERE order_id IN ({ids})").fetchone()
    assert orders[0] == plan["Order ID"].nunique()


def test_substacks_activity_stars_are_no_quantity(con):
    """``Activity`` (whole numbers 0–5 beside ``Total revenue``) was read as the units bought."""
    raw = pd.read_csv(SUBSTACK)
    assert raw["Activity"].between(0, 5).all() and raw["Activity"].nunique() > 2
    _, roles, _ = _view(con, SUBSTACK, "ss")
    assert roles.get("quantity") != "Activity" and roles.get("customer_id") == "Email"


def test_the_load_says_how_many_renewals_count_on_their_own(con):
    """More orders than order ids needs saying: the load names the column, its value and the order id."""
    sold = _thinkific_sold()
    renewal = sold[sold["Payment Type"] == "Subscription"]
    later = len(renewal[["Order ID", "day"]].drop_duplicates()) - renewal["Order ID"].nunique()
    notes = load_file(con, THINKIFIC, "tk")[0].notes
    said = {lang: [note.text(lang) for note in notes] for lang in ("en", "zh")}
    assert any(n.startswith(f"{later} subscription renewals (rows marked 'Subscription' in 'Payment Type')")
               for n in said["en"]), said["en"]
    zh = f"有 {later} 行是订阅续费（“Payment Type”为“Subscription”）"
    assert any(n.startswith(zh) and "“Order ID”" in n for n in said["zh"]), said["zh"]
