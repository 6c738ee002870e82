"""A print-on-demand shop's Printful orders export (judge94): a row per order with the buyer's `Retail ...`
money (what the shop charged) beside the `Fulfillment`, `Shipping`, `Tax` and `Total` (what Printful
charged the shop), and the buyer under a bare `Recipient`."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

PRINTFUL = DATA / "printful_orders_excerpt.csv"


def test_printfuls_recipient_is_masked(con):
    """`Email`, `Phone` and `Address 1` were masked under --mask-pii while the buyer's name under `Recipient`
    stayed plain (judge94: "Leo Bennett" beside a masked e-mail)."""
    frame = pd.read_csv(PRINTFUL, dtype=str, keep_default_na=False)
    load_file(con, PRINTFUL, "pf", mask_pii=True)
    assert privacy.masked_columns(con, "pf").get("Recipient") == "name"
    shown = {v for (v,) in con.execute('SELECT DISTINCT "Recipient" FROM pf').fetchall()}
    assert not shown & set(frame["Recipient"])


def test_printfuls_retail_total_is_the_sale_not_its_own_charge(con):
    """The sale is what the buyer paid the shop (`Retail total`), not Printful's `Total` for printing and
    posting it (judge94: segments summed 14,597.62 of Printful's charges for 28,663.45 the buyers paid)."""
    load_file(con, PRINTFUL, "pf")
    assert get_roles(con, "pf").get("amount") == "Retail total"


def test_printfuls_gift_message_is_said_free_text(con):
    """A gift message holds people's names ("Happy birthday Maya!", "Love, Grace") and may hold a phone or an
    e-mail: under --mask-pii it was not read as free text at all, no note said it kept as is (judge94)."""
    notes = load_file(con, PRINTFUL, "pf", mask_pii=True)[0].notes
    for lang, words in (("en", "free text kept as written"), ("zh", "自由文本原样保留")):
        said = [say(n, lang) for n in notes if "Gift message" in say(n, lang)]
        assert any(words in s for s in said), said
