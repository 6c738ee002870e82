"""Eventbrite writes a name as ``First Name`` and ``Last Name``; Paddle as one ``customer_name``. Masked
at load (the Data page's default) each column is its own token, so a name of two masked parts can never
equal a masked whole name: it is not compared there, not counted a different name (walk33, link42)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file
from crm_core.workspace.store import Workspace

DATA = Path(__file__).resolve().parents[1] / "data"
EXPORTS = {"paddle": "paddle_transactions_excerpt.csv",
           "eventbrite": "eventbrite_attendee_summary_excerpt.csv"}


def _buyers_with_tickets(con, masks: dict[str, bool]) -> int:
    """Paddle records sharing a customer with an Eventbrite record."""
    for table, file in EXPORTS.items():
        load_file(con, DATA / file, table=table, mask_pii=masks[table])
    ident = run(con, list(EXPORTS), LinkConfig()).identity
    across = ident.groupby("customer_key")["table"].transform("nunique") > 1
    return int((across & (ident["table"] == "paddle")).sum())


@pytest.mark.parametrize("masks", [{"paddle": True, "eventbrite": True},
                                   {"paddle": False, "eventbrite": True}],
                         ids=["both masked", "eventbrite masked"])
def test_masked_exports_link_on_their_equal_email_tokens(con, tmp_path, masks):
    """Loaded unmasked, 21 Paddle buyers of the excerpt are linked to their tickets (20 by e-mail); masked,
    the e-mails are equal tokens and link them still (on main: none when both are masked, 19 of 21
    when Eventbrite alone is)."""
    with Workspace(tmp_path / "plain").connect() as plain:
        unmasked = _buyers_with_tickets(plain, {"paddle": False, "eventbrite": False})
    assert unmasked > 0
    assert _buyers_with_tickets(con, masks) >= unmasked


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_names_left_uncompared_are_said(con, lang):
    """The Link page's masked warning lists what masking left uncompared: here even the same name."""
    for table, file in EXPORTS.items():
        load_file(con, DATA / file, table=table, mask_pii=True)
    notes = run(con, list(EXPORTS), LinkConfig(), lang=lang).summary()["not_compared"]
    said = {"en": "eventbrite’s Last Name + First Name, masked as two columns",
            "zh": "“eventbrite”的Last Name + First Name是分两列脱敏的"}[lang]
    assert [n for n in notes if said in n]
