"""A web studio's FreshBooks Invoice Details report and a campaign's ActBlue contributions (judge82): a draft
invoice under FreshBooks' `Invoice Status` is no order; an ActBlue gift refunded keeps its `Amount` and says
so by a filled `Refund ID`; the donor's `Donor First Name` and `Donor Last Name` are names to mask."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.recommend.offers import product_like_columns
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

FRESHBOOKS = DATA / "freshbooks_invoice_details_excerpt.csv"
ACTBLUE = DATA / "actblue_contributions_excerpt.csv"


def _totals(con, table: str) -> tuple:
    sql = transaction_view(con, table, get_roles(con, table)).sql
    return con.execute(
        f"SELECT sum(amount), count(DISTINCT order_id), count(DISTINCT customer_id) FROM ({sql}) "
        "WHERE customer_id IS NOT NULL").fetchone()


def test_a_draft_invoice_under_invoice_status_is_no_order(con):
    """`Invoice Status` was read as no status at all (judge82: 300 invoices and 64 clients counted, the 17
    drafts among them, never sent); the money is `Amount Paid`, once per invoice."""
    frame = pd.read_csv(FRESHBOOKS, dtype=str, keep_default_na=False)
    assert {"Draft", "Paid", "Partial", "Overdue"} <= set(frame["Invoice Status"])
    billed = frame[frame["Invoice Status"].isin(["Paid", "Partial"])].drop_duplicates("Invoice #")  # left88
    notes = load_file(con, FRESHBOOKS, "fb")[0].notes
    money, orders, clients = _totals(con, "fb")
    assert money == pytest.approx(billed["Amount Paid"].astype(float).sum(), abs=0.005)
    assert (orders, clients) == (len(billed), billed["Email"].nunique())
    assert any("Invoice Status" in str(n) and "Draft" in str(n) for n in notes)


def test_a_gift_with_a_refund_id_is_no_gift(con):
    """ActBlue keeps a refunded contribution's positive `Amount` and fills its `Refund ID` and `Refund Date`
    (judge82: 36 refunded gifts, 1,710.00, summed as given); the load says which column found them."""
    frame = pd.read_csv(ACTBLUE, dtype=str, keep_default_na=False)
    kept = frame[frame["Refund ID"] == ""]
    assert len(kept) < len(frame)
    notes = load_file(con, ACTBLUE, "ab")[0].notes
    money, gifts, donors = _totals(con, "ab")
    assert money == pytest.approx(kept["Amount"].astype(float).sum(), abs=0.005)
    assert (gifts, donors) == (len(kept), kept["Donor Email"].nunique())
    assert any("Refund ID" in str(n) and str(len(frame) - len(kept)) in str(n) for n in notes)


def test_a_donors_first_and_last_name_are_masked(con):
    """`Donor First Name` and `Donor Last Name` stayed plain under --mask-pii beside the masked e-mail,
    phone and address (judge82)."""
    load_file(con, ACTBLUE, "ab", mask_pii=True)
    masked = privacy.masked_columns(con, "ab")
    assert masked["Donor First Name"] == "name" and masked["Donor Last Name"] == "name"
    shown = {v for (v,) in con.execute('SELECT DISTINCT "Donor Last Name" FROM ab').fetchall()}
    assert not shown & set(pd.read_csv(ACTBLUE, dtype=str, keep_default_na=False)["Donor Last Name"])


def test_a_donors_occupation_and_the_payout_batch_are_never_offered_as_the_product(con):
    """Recommend's refusal offered `Donor Occupation` and `Disbursement ID` as what was bought (judge82): what
    a donor does for a living and the batch ActBlue paid the campaign in."""
    load_file(con, ACTBLUE, "ab")
    offered = product_like_columns(con, "ab", get_roles(con, "ab"))
    assert not {"Donor Occupation", "Disbursement ID"} & set(offered)
