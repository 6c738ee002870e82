"""Subscription billing exports (judge19: Chargebee's subscriptions and invoices, written from
Complete Journey's households): a cancelled subscription is a customer who left, not an order to
leave out; a voided invoice is no spend."""

from __future__ import annotations

from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.load.test_report_shapes import view_totals


def test_cancelled_subscriptions_are_kept_and_said_to_be_kept(con):
    (result,) = load_file(con, DATA / "chargebee_subscriptions.csv")
    notes = [str(n) for n in result.notes]
    assert not any("left out of every analysis" in n for n in notes), notes
    assert any(n.startswith("37 rows have a cancelled") for n in notes), notes
    zh = [n.text("zh") for n in result.notes if n.key == "load.note.status_kept_per_customer"]
    assert zh and zh[0].startswith("有 37 行的状态为已取消")


def test_voided_invoices_are_still_left_out_with_the_note(con, tmp_path):
    rows = ["invoice_id,subscription_id,customer_id,date,total,amount_paid,status"]
    for i in range(12):
        status = "voided" if i % 4 == 3 else "paid"
        rows.append(f"{1000 + i},AzZ{i % 3},16c{i % 3},2017-0{1 + i // 3}-05T10:00:00Z,39.00,"
                    f"{'0.00' if status == 'voided' else '39.00'},{status}")
    (tmp_path / "invoices.csv").write_text("\n".join(rows) + "\n")
    (result,) = load_file(con, tmp_path / "invoices.csv")
    said = str(result.notes[-1])  # the status's own words (walk35), not every state the app knows
    assert said.startswith("rows marked 'voided' in 'status'") and said.endswith(": 3"), said


def _invoices(con, tmp_path, statuses):
    """Chargebee's invoice export: one invoice per customer and month, ``statuses`` in turn."""
    rows = ["invoice_id,subscription_id,customer_id,date,total,amount_paid,status,currency_code"]
    for i, status in enumerate(statuses):
        paid = "39.00" if status == "paid" else "0.00"
        rows.append(f"{1000 + i},AzZ{i % 3},16c{i % 3},2017-{1 + i // 3:02d}-05T10:00:00Z,39.00,{paid},"
                    f"{status},USD")
    (tmp_path / "invoices.csv").write_text("\n".join(rows) + "\n")
    (result,) = load_file(con, tmp_path / "invoices.csv")
    return result


def test_unpaid_invoices_are_no_orders(con, tmp_path):
    """judge19: Chargebee's ``not_paid`` invoices (2,599 of 23,790, ``amount_paid`` 0) counted as
    orders in frequency; ``payment_due`` and ``posted`` are not paid yet either."""
    statuses = ["paid", "not_paid", "paid", "payment_due", "paid", "posted", "voided", "paid", "paid",
                "paid", "not_paid", "paid"]
    result = _invoices(con, tmp_path, statuses)
    said = str(result.notes[-1])
    assert said.startswith("rows marked") and said.endswith(": 5"), said
    assert all(f"'{state}'" in said for state in ("not_paid", "payment_due", "posted", "voided")), said
    assert view_totals(con, result.table)[0] == statuses.count("paid")


def test_a_bare_status_of_other_words_keeps_its_rows(con, tmp_path):
    """``posted`` / ``pending`` under a bare ``status`` that is not Chargebee's invoice states (a
    ticket, a delivery) say nothing about money."""
    result = _invoices(con, tmp_path, ["paid", "posted", "pending", "shipped"] * 3)
    assert view_totals(con, result.table)[0] == 12
