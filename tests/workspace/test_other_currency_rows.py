"""Rows whose money is only in a second currency (walk40, `en_kofi_03_segments`): Ko-fi's USD rows beside
GBP were counted "without an amount" in the rows-used line, though their amount is written; the load left
them out of every sum for their currency, and the line says so now."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.coverage import coverage
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

KOFI = DATA / "kofi_transactions_excerpt.csv"


def _dollar_rows_kept() -> int:
    """USD payments with a buyer's e-mail, the refunds and the payments they refund aside (no sale)."""
    lines = pd.read_csv(KOFI, dtype=str)
    refunded = set(lines.loc[lines["TransactionType"] == "Refund", "Reference"])
    kept = lines[(lines["TransactionType"] != "Refund") & ~lines["TransactionId"].isin(refunded)]
    return int(((kept["Currency"] == "USD") & kept["BuyerEmail"].notna() & kept["Received"].notna()).sum())


def _coverage(con, path) -> dict[str, int]:
    table = load_file(con, path, "kofi")[0].table
    return coverage(con, transaction_view(con, table, get_roles(con, table)))


def test_a_second_currencys_rows_are_their_own_reason_not_without_an_amount(con):
    dollars = _dollar_rows_kept()
    assert dollars > 20
    counts = _coverage(con, KOFI)
    assert counts["other_currency"] == counts["other_currency.USD"] == dollars, counts
    assert counts["no_amount"] == 0, counts
    left = counts["no_customer_id"] + counts["no_date"] + counts["other_currency"]
    assert counts["used"] == counts["rows"] - left - counts.get("cancelled", 0)


def test_one_currency_has_no_such_reason(con, tmp_path):
    lines = pd.read_csv(KOFI, dtype=str, keep_default_na=False)
    path = tmp_path / "kofi_pounds.csv"
    lines[lines["Currency"] == "GBP"].to_csv(path, index=False)
    counts = _coverage(con, path)
    assert not any(key.startswith("other_currency") for key in counts), counts
