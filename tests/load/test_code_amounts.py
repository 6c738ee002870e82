"""Amounts written with an ISO code run into the number (``CAD6,464.00``, ``MYR1,200.00``,
``NZD120.50``), as accounting tools and marketplace payouts export a shop's own currency: the column is
money and the table keeps that code as its currency (left32 left both; left33)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.report import format as fmt
from tests.conftest import DATA


def _payments(tmp_path, code: str):
    """The PayPal download's real payments (buyer, day, Gross), their Gross written as ``CODE1,234.56``."""
    paypal = pd.read_csv(DATA / "paypal_activity_download.csv", dtype=str)
    paid = paypal[paypal["Type"].str.endswith("Payment") & (paypal["Type"] != "General Payment")]
    gross = pd.to_numeric(paid["Gross"])
    export = pd.DataFrame({"Date": paid["Date"], "Customer": paid["From Email Address"],
                           "Total": [f"{code}{v:,.2f}" for v in gross]})
    path = tmp_path / f"payments_{code.lower()}.csv"
    export.to_csv(path, index=False)
    return path, gross


@pytest.mark.parametrize("code", ["CAD", "MYR", "NZD"])
def test_an_amount_with_its_code_run_in_is_money_in_that_currency(con, tmp_path, code):
    """Main: ``MYR``/``NZD`` amounts stayed text (in no sum); ``CAD`` was money but shown as plain numbers."""
    path, gross = _payments(tmp_path, code)
    load_file(con, path, "payments")
    kind, total = con.execute("SELECT any_value(typeof(Total)), round(sum(Total), 2) "
                              "FROM payments").fetchone()
    assert (kind, total) == ("DOUBLE", round(gross.sum(), 2))
    assert fmt.table_currency(con, "payments") == code
    assert fmt.money(1234.5, fmt.display_currency(con, "payments")).endswith("1,234")

