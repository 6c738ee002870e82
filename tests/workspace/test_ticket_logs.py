"""A help desk's ticket export (judge31: Freshdesk's ``Ticket ID``, ``Priority``, ``Resolution time (in
hrs)``) holds no money and no product. Its refusals offered ``Resolution time (in hrs)`` as the amount to
forecast spend from and ``Subject`` as what was bought; they say what the table is and which commands fit."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.customers.spend_model import train_spend
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.recommend import data
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

TICKETS = DATA / "freshdesk_tickets_excerpt.csv"
XERO = DATA / "xero_invoices_excerpt.csv"


def _refusals(con, path, table) -> list[CrmError]:
    """What spend, recommend and basket say on ``path``'s table."""
    load_file(con, path, table=table)
    roles = get_roles(con, table)
    said = []
    for attempt in (lambda: train_spend(con, table, roles, days=61),
                    lambda: data.purchase_view(con, table, roles),
                    lambda: data.purchase_view(con, table, roles, need_customer=False)):
        with pytest.raises(CrmError) as refused:
            attempt()
        said.append(refused.value)
    return said


def test_a_ticket_log_is_refused_as_one_with_the_commands_that_fit(con):
    header = pd.read_csv(TICKETS, nrows=0).columns
    assert {"Ticket ID", "Priority", "Resolution time (in hrs)", "Subject"} <= set(header)
    for error in _refusals(con, TICKETS, "tickets"):
        en, zh = str(error), say(error.args[0], "zh")
        assert "support-ticket log" in en and "Ticket ID" in en
        assert "Resolution time" not in en and "--product-col Subject" not in en
        assert all(command in en for command in ("support", "link", "Customer 360"))
        assert "工单" in zh and "客户 360" in zh


def test_an_invoice_export_is_no_ticket_log(con):
    """Xero's lines have money and an item code: nothing here is refused as a ticket log."""
    load_file(con, XERO, table="xero")
    roles = get_roles(con, "xero")
    assert data.purchase_view(con, "xero", roles).has_product


def test_an_intercom_inbox_is_refused_as_a_support_log(con):
    """Intercom's conversations (judge33: a bare ``id``, ``state`` open / closed / snoozed, ``assignee``,
    ``first_message``) hold no money and no product: recommend and basket offered the ``assignee`` (a
    teammate) as what was bought."""
    path = DATA / "intercom_conversations_excerpt.csv"
    assert "snoozed" in set(pd.read_csv(path)["state"])
    for error in _refusals(con, path, "inbox"):
        en = str(error)
        assert "support-ticket log (id, state, assignee)" in en and "--product-col" not in en
