"""Subscription billing exports (judge19: Chargebee's subscriptions and invoices, written from
Complete Journey's households): a cancelled subscription is a customer who left, not an order to
leave out; a voided invoice is no spend."""

from __future__ import annotations

from crm_core.load.reader import load_file
from tests.conftest import DATA


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
    assert str(result.notes[-1]).startswith("rows of refunded") and str(result.notes[-1]).endswith(": 3")
