"""An online shop's three exports (judge24, CDNOW's real purchases as a record shop): Shopify's orders
(one row per line item, the order's status and money on its first line only), Stripe's payments (the
card's currency beside the account's) and GA4's events flattened by BigQuery (a purchase sent twice)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace import store, transactions
from crm_core.workspace.order_lines import first_rule_counts
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import cancelled_rows, transaction_view
from tests.conftest import DATA

KEPT = ("paid", "partially_refunded")


def _view_totals(con, path) -> tuple[int, int, float]:
    """Customers, orders and money of the view of ``path`` as loaded."""
    table = load_file(con, path)[0].table
    view = transaction_view(con, table, get_roles(con, table))
    return con.execute(f"SELECT count(DISTINCT customer_id), count(DISTINCT order_id), sum(amount) "
                       f"FROM ({view.sql})").fetchone()


def test_a_voided_shopify_order_leaves_with_all_its_lines(con):
    """20 buyers' 210 orders (369 lines): a voided, refunded or pending order's later lines have no
    status of their own, so they stayed in the view: 4 buyers whose every order was voided or
    refunded were customers, each such order one more purchase."""
    lines = pd.read_csv(DATA / "shopify_orders_excerpt.csv")
    orders = lines.dropna(subset=["Financial Status"])
    kept = orders[orders["Financial Status"].isin(KEPT)]
    customers, n_orders, money = _view_totals(con, DATA / "shopify_orders_excerpt.csv")
    gone = (kept["Subtotal"] > 0) & (kept["Refunded Amount"] >= kept["Subtotal"])  # every album back
    standing = kept[~gone]
    assert (customers, n_orders) == (kept["Email"].nunique(), len(standing))
    assert money == pytest.approx((standing["Subtotal"] - standing["Refunded Amount"]).sum())


def test_a_later_line_with_a_status_of_its_own_keeps_it(con, tmp_path):
    """A guard: an export with a status on every line (a marketplace's 子订单) leaves out the
    returned line only, not the rest of its order."""
    path = tmp_path / "lines.csv"
    path.write_text("Order ID,Email,Created at,Order Status,Lineitem quantity,Lineitem price,Lineitem sku\n"
                    "A1,ann@x.com,2025-01-03 10:00,paid,1,5.0,GT-1\n"
                    "A1,ann@x.com,2025-01-03 10:00,refunded,1,3.0,HN-2\n"
                    "B1,bob@x.com,2025-01-04 11:00,paid,2,4.0,GT-1\n"
                    "A2,ann@x.com,2025-02-09 09:30,paid,1,6.0,HN-2\n"
                    "C1,cy@x.com,2025-02-10 12:00,paid,1,2.0,MG-3\n"
                    "B2,bob@x.com,2025-03-01 12:00,paid,1,2.0,MG-3\n")
    assert _view_totals(con, path) == (3, 5, pytest.approx(5.0 + 8.0 + 6.0 + 2.0 + 2.0))


def test_stripe_money_is_the_converted_amount(con):
    """20 customers' 214 charges, 153 of them in cad or gbp: ``Amount`` is in the card's currency, so
    summing it added Canadian dollars and pounds to US dollars; ``Converted Amount`` is the
    account's."""
    frame = pd.read_csv(DATA / "stripe_payments_fx_excerpt.csv")
    paid = frame[frame["Status"] == "Paid"]
    table = load_file(con, DATA / "stripe_payments_fx_excerpt.csv")[0].table
    assert get_roles(con, table)["amount"] == "Converted Amount"
    view = transaction_view(con, table, get_roles(con, table))
    kept = paid["Converted Amount"] - paid["Converted Amount Refunded"]
    assert con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0] == pytest.approx(kept.sum())


def test_a_purchase_event_sent_twice_counts_once(con):
    """16 visitors' 276 GA4 events: 35 purchase events of 27 transactions (the thank-you page
    reloaded sends ``purchase`` again with the same ``transaction_id``), so revenue counted 8 orders
    twice."""
    frame = pd.read_csv(DATA / "ga4_bigquery_excerpt.csv")
    bought = frame[frame["event_name"] == "purchase"].drop_duplicates("transaction_id")
    customers, n_orders, money = _view_totals(con, DATA / "ga4_bigquery_excerpt.csv")
    assert (customers, n_orders) == (bought["user_pseudo_id"].nunique(), len(bought))
    assert money == pytest.approx(bought["purchase_revenue"].sum())


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "{count} of {rows} events, {repeats} of them an order sent again, counted once)"),
    ("zh", "共 {count} 条，全部 {rows} 条行为；其中 {repeats} 条是重复上报的订单，只计一次）")])
def test_an_analysis_says_the_repeated_purchases_where_it_counts_the_purchases(con, lang, said):
    """judge24: an analysis of GA4's events said "6,125 of 64,626 events" read, without the 235
    purchases sent twice that it counts once (said at load only)."""
    from crm_core.workspace.events import left_out_notes

    frame = pd.read_csv(DATA / "ga4_bigquery_excerpt.csv")
    bought = frame[frame["event_name"] == "purchase"]
    repeats = len(bought) - bought["transaction_id"].nunique()
    table = load_file(con, DATA / "ga4_bigquery_excerpt.csv")[0].table
    notes = [n.text(lang) for n in left_out_notes(con, table, get_roles(con, table))]
    expected = said.format(count=len(bought), rows=len(frame), repeats=repeats)
    assert repeats and sum(expected in n for n in notes) == 1, notes


def test_the_load_note_counts_each_voided_orders_lines_once_reading_each_order_rule_once(con):
    """The load's note of rows left out (``cancelled_rows``) on Shopify's export: every line of a voided,
    refunded or pending order, counted under its reason; and each order-line rule's look-up of its
    orders planned once, not again inside every later reason's "not already counted" test (scale22:
    the note cost 5× the same query without the rule on a 300k-line Shopify log)."""
    lines = pd.read_csv(DATA / "shopify_orders_excerpt.csv")
    status = lines.groupby("Name")["Financial Status"].transform("first")
    table = load_file(con, DATA / "shopify_orders_excerpt.csv")[0].table
    roles = get_roles(con, table)
    counted = cancelled_rows(con, table, roles["amount"], roles["order_id"])
    assert counted["cancelled_orders"] == (~status.isin(KEPT)).sum()
    assert sum(counted.values()) == counted["cancelled_orders"] + counted["refunded_in_full"]
    tests = transactions._rules(store.columns_of(con, table), table, roles["amount"], roles["order_id"])
    sql = first_rule_counts(tests, table)
    plan = con.execute(f"EXPLAIN {sql}").fetchall()[0][1]
    # the order's status, its refund in full (2; 6 before scale22), and the row's order among those a refund
    # took back in full (2, left27: the refund orders, then their money kept net of refunds), each planned
    # once; the last two cost 3 % of the note's CPU on 1.5M lines (merge of left27 and judge29)
    assert plan.count("Name = #0") == 2 + 2
