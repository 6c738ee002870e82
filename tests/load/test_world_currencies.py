"""Money in a shop's own currency outside the picker's four (left36): Taiwan's ``NT$1,200``, ``1,200 TWD``,
Hong Kong's ``HK$``, Singapore's ``S$``, yen, won, baht, pesos, rupiah, dong, rupees, francs and kronor.
The column is money, the table keeps its currency, and yen, won, dong and rupiah show no cents."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.report import format as fmt
from tests.conftest import DATA

WHOLE = {"JPY", "KRW", "VND", "IDR"}
"""Currencies without a minor unit in use: their exports write whole amounts."""

WRITTEN = [
    ("TWD", "NT${:,.0f}", 30), ("TWD", "{:,.0f} TWD", 30), ("HKD", "HK${:,.2f}", 8),
    ("SGD", "S${:,.2f}", 1.3), ("JPY", "JPY {:,.0f}", 150), ("JPY", "{:,.0f}円", 150),
    ("KRW", "₩{:,.0f}", 1300), ("THB", "{:,.2f} THB", 35),
    ("PHP", "PHP {:,.2f}", 56), ("IDR", "IDR {:,.0f}", 15000), ("VND", "{:,.0f} ₫", 24000),
    ("INR", "₹{:,.2f}", 83), ("CHF", "CHF {:,.2f}", 0.9), ("SEK", "{:,.2f} SEK", 10.5),
]


def _payments(tmp_path, code: str, written: str, rate: float):
    """The PayPal download's real payments (buyer, day, Gross), their Gross × ``rate`` written as ``written``
    (rounded to whole units where ``written`` keeps no cents, as such exports do)."""
    paypal = pd.read_csv(DATA / "paypal_activity_download.csv", dtype=str)
    paid = paypal[paypal["Type"].str.endswith("Payment") & (paypal["Type"] != "General Payment")]
    gross = (pd.to_numeric(paid["Gross"]) * rate).round(0 if ".0f" in written else 2)
    export = pd.DataFrame({"Date": paid["Date"], "Customer": paid["From Email Address"],
                           "Total": [written.format(v) for v in gross]})
    path = tmp_path / f"payments_{code.lower()}.csv"
    export.to_csv(path, index=False)
    return path, gross


@pytest.mark.parametrize(("code", "written", "rate"), WRITTEN, ids=[w.format(1200) for _, w, _ in WRITTEN])
def test_an_amount_in_a_currency_outside_the_picker_is_money_in_that_currency(con, tmp_path, code, written,
                                                                              rate):
    """Main: the codes the number parser knew (TWD, HKD, JPY, …) were money shown as plain numbers; ``THB``,
    ``PHP``, ``IDR``, ``₫`` and ``円`` stayed text, in no sum."""
    path, gross = _payments(tmp_path, code, written, rate)
    load_file(con, path, "payments")
    kind, total = con.execute("SELECT any_value(typeof(Total)), round(sum(Total), 2) "
                              "FROM payments").fetchone()
    assert (kind, total) == ("DOUBLE", round(gross.sum(), 2))
    assert fmt.table_currency(con, "payments") == code
    shown = fmt.money(120.4, fmt.display_currency(con, "payments"))
    assert shown.endswith("120" if code in WHOLE else "120.40") and shown != "120.40"
