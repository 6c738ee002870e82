"""left90: Tebex's payments export (judge80's excerpt) has a `Transaction ID` and no order id, yet its load
note and the analyses' rows-used line called the payments left out "orders"; a payments log says payments,
an orders export (OpenCart's, with its `Order ID`) keeps "orders". Counts are read with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.status_named import status_said
from tests.conftest import DATA

TEBEX = DATA / "tebex_payments_excerpt.csv"
OPENCART = DATA / "opencart_orders_excerpt.csv"


def _said(con, path, column: str, kept: tuple[str, ...]) -> list[str]:
    """The load note on the rows ``column`` left out and the rows-used line's words, in en and zh."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    gone = int((~frame[column].isin(kept)).sum())
    notes = load_file(con, path, "t")[0].notes
    [note] = [n for n in notes if "every analysis" in say(n, "en") and column in say(n, "en")]
    line = status_said(con, "t", gone)
    assert say(note, "en").endswith(f": {gone}") and line is not None
    return [say(note, "en"), say(note, "zh"), say(line, "en"), say(line, "zh")]


def test_a_payments_export_says_payments(con):
    said = _said(con, TEBEX, "Status", ("Complete",))
    assert all("payments" in s and "orders" not in s for s in said[::2]), said
    assert all("付款记录" in s and "订单" not in s for s in said[1::2]), said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_orders_export_keeps_orders(con, lang):
    frame = pd.read_csv(OPENCART, dtype=str, keep_default_na=False)
    kept = ("Complete", "Processing", "Shipped", "Canceled Reversal")
    assert "Order ID" in frame
    said = _said(con, OPENCART, "Order Status", kept)
    word = "orders" if lang == "en" else "订单"
    assert word in said[2 if lang == "en" else 3], said
