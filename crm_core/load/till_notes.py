"""What a till's sales export holds beside its members' sales, said at load (left74): 思迅's and 银豹's
散客 lines (no 会员号, or 非会员 written in it) are sales but no customer's, and their 退货 lines (negative
money under 单据类型 / 销售类型) are netted from the sales. The numbers handled both; only the profile and a
segment run's ``rows_left_out`` said so, and a Chinese analyst read a member list's totals as the till's."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.load import coltypes
from crm_core.quality.negatives import MARKER_MAX_DISTINCT, negative_marker
from crm_core.workspace import store
from crm_core.workspace.shared import EXACT_MONEY, SHARED_NAME
from crm_core.workspace.sqlutil import qi, sql_str
from crm_core.workspace.transactions import transaction_view

MEMBER = re.compile(r"会员|member|loyalty|card", re.IGNORECASE)
"""A customer column a till fills for its members only (会员号, 会员卡号, Member No): a blank is a walk-in."""


def till_notes(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> list[Sentence]:
    """The walk-in and the return notes of a till's export (a member column as its customer); [] else."""
    member = roles.get("customer_id")
    if not member or not MEMBER.search(member):
        return []
    said = (_walk_ins(con, table, roles, member), _returns(con, table, roles))
    return [note for note in said if note]


def _walk_ins(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
              member: str) -> Sentence | None:
    """How many of the sales rows no member names (blank, or a walk-in word such as 散客 / 非会员), with
    their share of the money and the words the export wrote."""
    view = transaction_view(con, table, roles, need_date=False, need_customer=False)
    named = f"regexp_matches(customer_id, {sql_str(SHARED_NAME)}, 'i')"
    walk_in, money = f"(customer_id IS NULL OR {named})", f"CAST(amount AS {EXACT_MONEY})"
    rows, blank, theirs, total, written = con.execute(
        f"SELECT count(*) FILTER (WHERE {walk_in}), count(*) FILTER (WHERE customer_id IS NULL),"
        f" sum({money}) FILTER (WHERE {walk_in}), sum({money}),"
        f" list(DISTINCT trim(customer_id) ORDER BY trim(customer_id)) FILTER (WHERE {named})"
        f" FROM ({view.sql})", list(view.params)).fetchone()
    if not rows:
        return None
    kind = "blank_or_named" if blank and written else "blank" if blank else "named"
    share = f"{float(theirs) / float(total):.0%}" if theirs is not None and total else "—"
    return coltypes.note("walk_ins", count=f"{rows:,}", share=share,
                         words=Sentence(f"load.note.walk_ins.{kind}", column=quoted_name(member),
                                        values=Listing(quoted_name(w) for w in written or ())))


def _returns(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> Sentence | None:
    """The rows of negative money one value of a type column marks, as the export words it (退货 under
    单据类型): netted from the sales, and a return ticket is no visit."""
    amount = roles.get("amount") or roles.get("quantity")
    columns = dict(store.columns_of(con, table))
    if not amount or amount not in columns:
        return None
    marked = negative_marker(con, table, amount, columns[amount], _few_valued(con, table, columns, roles))
    if not marked:
        return None
    column, value = marked
    count = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE {qi(column)} = ?", [value]).fetchone()[0]
    return coltypes.note("marked_returns", count=f"{count:,}", column=quoted_name(column),
                         value=quoted_name(value))


def _few_valued(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str],
                roles: dict[str, str]) -> list[str]:
    """The text columns without a role that hold a handful of values (a type or a status), counted in
    one pass (approximately: a load of millions of rows must not count each column apart)."""
    text = [c for c, dtype in columns.items() if dtype == "VARCHAR" and c not in set(roles.values())]
    if not text:
        return []
    counts = con.execute("SELECT " + ", ".join(f"approx_count_distinct({qi(c)})" for c in text)
                         + f" FROM {qi(table)}").fetchone()
    return [c for c, n in zip(text, counts, strict=True) if 1 < n <= MARKER_MAX_DISTINCT]
