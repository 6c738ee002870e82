"""Deals that name only their account, joined to the account's contacts (issue #16, co36).

A B2B CRM exports its deals by account — Dynamics' ``Potential Customer``, Salesforce's ``Account
Name``, 销售易 / 纷享销客's ``客户名称`` — with no person, phone or e-mail, and its contacts as people
beside their ``Company Name`` / ``客户名称``. Compared as people, a deal has nothing to compare and
``link`` refused it (judge37, judge41, judge40, judge42). The analyst's customer there is the account:
its deals and its contacts together.

An export with no person field whose account column names, once normalised (:func:`key_sql`), the
companies another export's people work for is read as that export's accounts: each of its records and
every contact of that company are one customer before any comparison (one ``piece``,
:mod:`crm_core.link.shared_ids`). Two exports of people keep comparing people; their companies are
not a field of the model (not measured: the link bench holds no company column)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.link import cluster, fields
from crm_core.link.fields import COMPANY, TableFields
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

ACCOUNT = re.compile(r"^(potential[ _.-]?customer|(customer[ _.-]?)?account|客户名称|客户|客户公司|"
                     r"所属客户)$", re.IGNORECASE)
"""A deal's account: the customer a B2B export is kept by (besides :data:`fields.COMPANY`'s headers)."""
MIN_SHARED = 2
"""Companies the two exports must share at least: one in common is chance."""
MOST = 0.5
"""Share of the smaller list of companies the other must hold: a deal list of other firms is not theirs (an
excerpt of the contacts may hold a few of the deals' accounts, all of them named there)."""
_SUFFIXES = (r"(\s(co|company|corp|corporation|inc|incorporated|llc|l\s?l\s?c|ltd|limited|plc|gmbh|ag|sa|"
             r"bv|nv|pty|lp|llp|srl|sarl|kg))+$")
_HAN_SUFFIXES = r"(股份有限公司|有限责任公司|有限公司|集团公司|公司)$"


@dataclass(frozen=True)
class Account:
    """An export read as accounts: its column of companies and the people export's column naming them."""

    table: str
    column: str
    people: str
    people_column: str
    companies: int

    def sentence(self) -> Sentence:
        """The note saying which column was read as the company, and whose contacts it joined."""
        return Sentence("link.accounts", table=self.table, column=self.column, people=self.people,
                        people_column=self.people_column, companies=f"{self.companies:,}")


def key_sql(expr: str) -> str:
    """SQL of a company's key: case, full-width brackets, anything in brackets (``(中国)``, ``(Holdings)``),
    punctuation and trailing legal forms (Ltd, Inc, LLC, GmbH, 有限公司, 股份有限公司 …) dropped, so
    ``Martinez Smokehouse, LLC`` and ``martinez smokehouse`` are one company."""
    v = f"translate(lower(trim(CAST({expr} AS VARCHAR))), '（）［］【】＆', '()[][]&')"
    v = f"regexp_replace({v}, '[(\\[][^)\\]]*[)\\]]', ' ', 'g')"
    v = f"trim(regexp_replace(replace({v}, '&', ' and '), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g'))"
    v = f"regexp_replace(regexp_replace({v}, '{_SUFFIXES}', ''), '{_HAN_SUFFIXES}', '')"
    return f"nullif(replace({v}, ' ', ''), '')"


def split(con, tables: list[str]) -> tuple[list[str], list[Account]]:
    """The tables of people, and the tables read as accounts: those with no person field whose account
    column names the companies of another table's people (:func:`_account_of`). Only a table headed with
    an account is detected here (detection reads every row: twice would cost the 1M bench)."""
    for table in tables:
        store.require_table(con, table)
    refused = [t for t in tables if _headed(con, t, ACCOUNT, COMPANY) and _refused(con, t)]
    accounts = [a for t in refused if (a := _account_of(con, t, [p for p in tables if p not in refused]))]
    held = {a.table for a in accounts}
    return [t for t in tables if t not in held], accounts


def with_accounts(exports: list[TableFields], accounts: list[Account]) -> list[TableFields]:
    """``exports`` with each account table (its id the account column, so one record per company) and
    the company column of the people it names, in table order."""
    named = {a.people: a.people_column for a in accounts}
    people = [replace(e, columns={**e.columns, "company": named[e.table]}) if e.table in named else e
              for e in exports]
    kept = [TableFields(a.table, a.column, {"company": a.column}) for a in accounts]
    return sorted(people + kept, key=lambda e: e.table)


def joined(records: pd.DataFrame, accounts: list[Account]) -> pd.DataFrame:
    """``records`` (with ``company_k``) where the account tables' records and the contacts of their
    companies are one piece; ``company_k`` dropped."""
    if not accounts:
        return records.drop(columns="company_k")
    keys = records["company_k"]
    named = set(keys[records["src"].isin([a.table for a in accounts])].dropna())
    held = keys.isin(named).to_numpy()
    first = records.groupby("company_k")["rid"].transform("min")
    piece = np.where(held, first.fillna(-1).to_numpy(np.int64), records["piece"].to_numpy())
    return records.assign(piece=piece, shared=np.where(held, -1, records["shared"].to_numpy())) \
        .drop(columns="company_k")


def people(records: pd.DataFrame, pairs: pd.DataFrame, accounts: list[Account]) -> float:
    """The model's head count (:func:`cluster.expected_people`) with each account and its contacts one:
    they were joined by the company, not by pairs, and 65 accounts of 178 contacts read "243 people"."""
    if not accounts:
        return cluster.expected_people(records, pairs)
    pieces = records.loc[records["src"].isin([a.table for a in accounts]), "piece"]
    held = records["piece"].isin(pieces)
    rids = records.loc[held, "rid"]
    free = ~(pairs["l"].isin(rids) | pairs["r"].isin(rids))
    return cluster.expected_people(records[~held], pairs[free]) + float(pieces.nunique())


def _refused(con, table: str) -> bool:
    """Whether :func:`fields.detect` refuses the table for holding no field of its own (a bill naming another
    export's orders is not refused later: its order numbers are found beside the others)."""
    try:
        fields.detect(con, table)
    except CrmError as e:
        if getattr(e.args[0], "key", None) == "link.error.no_fields":
            return True
        raise
    return False


def _account_of(con, table: str, people: list[str]) -> Account | None:
    """``table`` as accounts of the first people table whose company column shares at least
    ``MIN_SHARED`` companies with its account column, and more than ``MOST`` of the smaller list."""
    for column in _headed(con, table, ACCOUNT, COMPANY):
        mine = _keys(con, table, column)
        for other in people:
            for theirs in _headed(con, other, ACCOUNT, COMPANY):
                named = _keys(con, other, theirs)
                shared = len(mine & named)
                if shared >= MIN_SHARED and shared > MOST * min(len(mine), len(named)):
                    return Account(table, column, other, theirs, shared)
    return None


def _headed(con, table: str, *headers: re.Pattern[str]) -> list[str]:
    """The table's columns whose header is one of ``headers``."""
    return [c for c, _ in store.columns_of(con, table) if any(h.match(c.strip()) for h in headers)]


def _keys(con, table: str, column: str) -> set[str]:
    """The column's distinct company keys."""
    return {k for (k,) in con.execute(f"SELECT DISTINCT {key_sql(qi(column))} AS k FROM {qi(table)} "
                                      f"WHERE k IS NOT NULL").fetchall()}
