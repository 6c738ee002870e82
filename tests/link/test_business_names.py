"""A supplier's business customers across its accounting and support exports (judge31): QuickBooks'
``Customer`` and Xero's ``ContactName`` are the business's name, Freshdesk's requester is a person
writing for the business under ``Company Name``. On main the two accounting exports shared no pair
(the name alone gave their pair of exports no match share) and the tickets' company was unread."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"
QBO, XERO = "quickbooks_sales_by_customer_excerpt.csv", "xero_invoices_excerpt.csv"


def _keys(result, table: str) -> dict[str, str]:
    rows = result.identity[result.identity["table"] == table]
    return dict(zip(rows["record_id"], rows["customer_key"], strict=True))


def _linked(con, *files: tuple[str, str], also: tuple[str, ...] = ()):
    """Load ``files`` (file, table) and link their tables with the loaded tables ``also``."""
    for name, table in files:
        load_file(con, DATA / name, table=table)
    return run(con, [t for _, t in files] + list(also), LinkConfig())


def test_quickbooks_and_xero_name_one_business_alike(con):
    """``Allen Bistro`` is the one business both exports hold (each export's names are unique): one
    customer, and no other two joined. Main scored the pair 0.03: Xero's ``accounts@`` at 29 domains
    made every pair of its contacts a *same user* pair, that session found next to no matches among
    them, and the match share fell to 6e-7 (a role user name is no person's: left uncompared now)."""
    result = _linked(con, (QBO, "qbo"), (XERO, "xero"))
    qbo, xero = _keys(result, "qbo"), _keys(result, "xero")
    assert qbo["Allen Bistro"] == xero["Allen Bistro"]
    named = {**{f"q{r}": k for r, k in qbo.items() if r}, **{f"x{r}": k for r, k in xero.items()}}
    assert len(set(named.values())) == len(named) - 1


def test_each_requester_joins_the_business_the_accounting_exports_name(con):
    """The desk's requesters (one ticket each of 120, first-name mailboxes ``william@`` at many
    businesses) beside both accounting excerpts: each requester whose ``Company Name`` QuickBooks or
    Xero holds has that business's key, and no two businesses share one."""
    result = _linked(con, (QBO, "qbo"), (XERO, "xero"), ("freshdesk_requesters_excerpt.csv", "tickets"))
    books = {**_keys(result, "qbo"), **_keys(result, "xero")}
    desk = pd.read_csv(DATA / "freshdesk_requesters_excerpt.csv", dtype=str)
    keys = _keys(result, "tickets")
    held = desk[desk["Company Name"].isin(books)]
    assert len(held) == 28
    for contact, company in zip(held["Contact ID"], held["Company Name"], strict=True):
        assert keys[contact] == books[company], company
    assert _keys(result, "qbo")["Allen Bistro"] == _keys(result, "xero")["Allen Bistro"]
    by_key = pd.Series(list(books)).groupby(pd.Series([books[b] for b in books])).nunique()
    assert by_key.max() == 1


def test_a_requester_joins_the_business_named_under_company_name(con):
    """Patricia Allen writes for Allen Cafe and William Davis for Davis Brasserie: each ticket
    record is that QuickBooks customer's. The requester's own name and ``patricia@`` mailbox are the
    person's; the business is the customer the other exports know."""
    result = _linked(con, (QBO, "qbo"), ("freshdesk_tickets_excerpt.csv", "tickets"))
    tickets = pd.read_csv(DATA / "freshdesk_tickets_excerpt.csv", dtype=str).drop_duplicates("Contact ID")
    qbo, desk = _keys(result, "qbo"), _keys(result, "tickets")
    for contact, company in zip(tickets["Contact ID"], tickets["Company Name"], strict=True):
        assert desk[contact] == qbo[company], company
    assert len(set(qbo.values())) == len(qbo)  # no two QuickBooks customers joined
    names = {f["table"]: f.get("name") for f in result.summary()["fields"]}
    assert names["tickets"] == "Company Name"


def test_first_name_mailboxes_teach_no_name_weight(con, tmp_path):
    """A desk export without ``Company Name``: Freshdesk writes from ``william@`` each business, and the
    *e-mail user* rule blocks those requesters although its level refuses a user name held at many
    domains. Its session must not learn from pairs its own level does not call agreeing: on main it
    called first-name namesakes matches, m of an exact name 0.08 here (0.006 on judge31's full files,
    where QuickBooks' and Xero's 293 shared businesses then stayed apart: docs/link.md, link29)."""
    desk = pd.read_csv(DATA / "freshdesk_requesters_excerpt.csv", dtype=str).drop(columns="Company Name")
    desk.to_csv(tmp_path / "tickets.csv", index=False)
    load_file(con, tmp_path / "tickets.csv", table="tickets")
    result = _linked(con, (QBO, "qbo"), (XERO, "xero"), also=("tickets",))
    assert result.scored.model.m["name"][9] > 0.5
