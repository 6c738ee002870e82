"""A café's Revel Systems Order Details export (judge88): a row per order line with the line's `Subtotal`,
its `Discount` and the `Tax` on what is left, while `Order Total` is the order's, tips in, on every line, so
no total on the row adds the subtotal, discount and tax up."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.workspace.test_freshbooks_actblue import _totals

REVEL = DATA / "revel_order_details_excerpt.csv"


def test_revels_line_discount_is_taken_off_the_subtotal_the_tax_was_reckoned_on(con):
    """Spend was the lines' `Subtotal` before their `Discount` (judge88: 6,939.75 counted where the
    customers paid 6,890.29 before tax and tips): the tax is the rate on the subtotal less the discount."""
    frame = pd.read_csv(REVEL, dtype=str, keep_default_na=False)
    kept = frame[(frame["Status"] == "Closed") & (frame["Customer Email"] != "")]
    assert (kept["Discount"].astype(float) > 0).sum() >= 3
    load_file(con, REVEL, "rv")
    money, orders, _ = _totals(con, "rv")
    paid = (kept["Subtotal"].astype(float) - kept["Discount"].astype(float)).sum()
    assert money == pytest.approx(paid, abs=0.005)
    assert orders == kept["Order ID"].nunique()


def test_an_untaxed_subtotal_keeps_its_discount_unread(con, tmp_path):
    """With no tax charged, the rows cannot say whether the subtotal is before or after the discount (a
    Lightspeed subtotal is after it), so the subtotal is the money as it stands."""
    frame = pd.read_csv(REVEL, dtype=str, keep_default_na=False).assign(Tax="0.00")
    frame.to_csv(tmp_path / "untaxed.csv", index=False)
    kept = frame[(frame["Status"] == "Closed") & (frame["Customer Email"] != "")]
    load_file(con, tmp_path / "untaxed.csv", "rv")
    assert _totals(con, "rv")[0] == pytest.approx(kept["Subtotal"].astype(float).sum(), abs=0.005)
