"""left62: what judge61 and judge64 saw and left alone on Lemon Squeezy's orders and Acuity's appointments
(docs/judge.md). Lemon Squeezy writes an order whose payment has not come in as ``status`` pending beside
paid, refunded and partial_refund; Acuity names the service booked in ``Type`` and flags a cancellation in
``Canceled`` beside a no-show in ``Label``. Expected values are read from the excerpts with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend.data import purchase_view
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

LEMON = DATA / "lemonsqueezy_orders_excerpt.csv"
ACUITY = DATA / "acuity_appointments_excerpt.csv"


def _left_out_note(con, path, name) -> tuple[str, str]:
    """The load's note on the rows left out as no sale, in English and Chinese."""
    notes = load_file(con, path, name)[0].notes
    [note] = [n for n in notes if say(n, "en").startswith("rows ") and "left out" in say(n, "en")]
    return say(note, "en"), say(note, "zh")


def test_lemon_squeezys_pending_orders_are_no_money_received(con):
    """A ``pending`` order is a payment not yet received (a bank transfer, a checkout not completed):
    judge61's 26 pending orders (2,491.44 dollars) counted as sales under the bare ``status``."""
    raw = pd.read_csv(LEMON)
    assert (raw["status"] == "pending").any()
    kept = raw[~raw["status"].isin(["refunded", "pending"])]
    _, _, sql = _view(con, LEMON, "ls")
    rows, customers, money = con.execute(
        f"SELECT count(*), count(DISTINCT customer_id), sum(amount) FROM ({sql})").fetchone()
    truth = (kept["total_usd"] - kept["refunded_amount_usd"]).sum()
    assert (rows, customers) == (len(kept), kept["customer_email"].nunique())
    assert round(money, 2) == round(truth, 2)


def test_lemon_squeezys_load_says_the_pending_orders_were_not_paid(con):
    """The load note named the left-out rows "refunded, cancelled, refused, returned …": the analyst reads
    there which states left and that a pending one is unpaid, in both languages."""
    raw = pd.read_csv(LEMON)
    en, zh = _left_out_note(con, LEMON, "ls")
    n = raw["status"].isin(["refunded", "pending"]).sum()
    assert "pending (not paid yet)" in en and "refunded" in en and en.endswith(f": {n}"), en
    assert "待付款" in zh and "已退款" in zh and zh.startswith(f"{n} 行"), zh


def test_acuitys_appointment_type_is_the_service_sold(con):
    """Acuity's ``Type`` is the appointment type, the service booked (Initial Consultation (60 min)): read as
    a category, recommend refused the export as listing "orders or bills, not the items in them"."""
    raw = pd.read_csv(ACUITY, dtype=str)
    done = raw[raw["Canceled"].isna() & (raw["Label"].fillna("") != "No Show")]
    table = load_file(con, ACUITY, "ac")[0].table
    roles = get_roles(con, table)
    assert roles.get("product_name") == "Type"
    sold = con.execute(f"SELECT product_id, count(*) AS n FROM ({purchase_view(con, table, roles).sql}) "
                       "GROUP BY ALL").df()
    assert dict(zip(sold["product_id"], sold["n"], strict=True)) == done["Type"].value_counts().to_dict()


def test_acuitys_left_out_rows_are_said_by_the_column_that_found_them(con):
    """Half the rows left out came from the ``Canceled`` flag, yet the note said all were "by their status
    column": it now names ``Label``'s No Show and counts those flagged in ``Canceled`` apart."""
    raw = pd.read_csv(ACUITY, dtype=str)
    flagged = raw["Canceled"].notna().sum()
    by_label = (raw["Canceled"].isna() & (raw["Label"] == "No Show")).sum()
    en, zh = _left_out_note(con, ACUITY, "ac")
    assert f"marked 'No Show' in 'Label' ({by_label})" in en, en
    assert f"flagged in 'Canceled' ({flagged})" in en, en
    assert en.endswith(f": {flagged + by_label}"), en
    assert f"{by_label} 行的“Label”为“No Show”" in zh and f"{flagged} 行由“Canceled”列标记" in zh, zh
